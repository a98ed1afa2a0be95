"""Keeping cross-association matching up to date: each household's keyed hashes (match_keys) and the pairs of
distributions of one event that serve the same person in two associations (cross_servings), from the change log after
pushes commit (hq.cross_catchup, one at a time), and rebuilt from records (hq.cross_rebuild).

Rules (the laptops' duplicate rules, on keyed hashes, so equality of normalised values only):
    "cin"         the same CIN (fieldapp.normalize.normalize_cin) on both households' heads;
    "phone_name"  the same phone (E.164) and the same folded name (fieldapp.normalize.name_key of head_name or
                  head_name_ar, so a name in Arabic on one side meets the Arabic name of the other), unless both
                  households carry a CIN and the CINs differ (then they are two people).
Members carry no CIN in the synced shape (fieldapp.record_shapes), so only the head's is matched. A deleted or
anonymised household has no keys; a voided distribution is in no pair; only events HQ published count.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp.normalize import name_key, normalize_cin
from hq import bulk, match_key
from hq import schema as s
from hq.findings import dialect_insert
from sync import protocol

KEY_FIELDS = frozenset({"cin", "phone", "head_name", "head_name_ar", "deleted_at", "anonymised_at"})
CIN, PHONE, NAME = "cin", "phone", "name"
MAX_HOLDERS = 50  # a CIN or phone held by more households than this (an office's phone) finds nothing
_CHUNK = 500


def household_keys(key: bytes, data: dict) -> set[tuple[str, str]]:
    """(kind, keyed hash) of one household's data; none when it is deleted or anonymised."""
    if data.get("deleted_at") or data.get("anonymised_at"):
        return set()
    keys = set()
    cin = _text(data.get("cin"), s.CIN)
    if cin and (cin := normalize_cin(cin)):
        keys.add((CIN, match_key.keyed_hash(key, CIN, cin)))
    phone = _text(data.get("phone"), s.CIN)
    if phone and phone.strip():
        keys.add((PHONE, match_key.keyed_hash(key, PHONE, phone.strip())))
    for name in (_text(data.get("head_name"), 200), _text(data.get("head_name_ar"), 200)):
        if name and (folded := name_key(name)):
            keys.add((NAME, match_key.keyed_hash(key, NAME, folded)))
    return keys


def _text(value: object, limit: int) -> str | None:
    """A field's text when it is one of a sensible length (a malformed or hostile record matches nothing)."""
    return value if isinstance(value, str) and len(value) <= limit else None


def reason(mine: set[tuple[str, str]], theirs: set[tuple[str, str]]) -> str | None:
    """Why two households' keys say they are one person, or None."""
    shared = {kind for kind, _ in mine & theirs}
    if CIN in shared:
        return "cin"
    both_cins = any(k == CIN for k, _ in mine) and any(k == CIN for k, _ in theirs)
    if PHONE in shared and NAME in shared and not both_cins:
        return "phone_name"
    return None


class Served(NamedTuple):
    association_id: str
    id: str
    event_id: str | None
    household_id: str | None
    active: bool


def _chunks(items: list, size: int = _CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rekeys(entry: dict) -> bool:
    """Whether a household's change log entry may move its keys."""
    return entry["op"] == protocol.INSERT or bool(KEY_FIELDS & entry["fields"].keys())


def after_batch(conn: Connection, association_id: str, log: list[dict], records: dict) -> None:
    """After changes of one association were merged and committed (log entries: tbl, id, op, fields; records: (table,
    id) -> its association_id, data, refused and whether it was new to HQ): the keys of the households whose matching
    fields moved, and the pairs of the distributions they served, voided or whose household's keys changed."""
    if association_id == protocol.EVERY_ASSOCIATION or not log:
        return
    households, distributions, targets = set(), set(), set()
    for entry in log:
        table, record_id = entry["tbl"], entry["id"]
        if table == "households" and rekeys(entry):
            households.add(record_id)
        elif table == "distributions":
            distributions.add(record_id)
        elif table == "distribution_voids":
            record = records.get((table, record_id))
            target = (record.data if record is not None else {}).get("distribution_id")
            if isinstance(target, str) and len(target) <= s.ID:
                distributions.add(target)
                targets.add(target)
    if not households and not distributions:
        return
    key = match_key.load(conn)
    known: dict[str, set[tuple[str, str]]] = {}
    moved: dict[str, tuple[Served, bool] | None] = {}
    if households:
        held = {i: records[("households", i)] for i in households if ("households", i) in records}
        moved, known = _rekey(conn, key, association_id, {i: (r.data, r.new) for i, r in held.items()})
        distributions |= moved.keys()
    if distributions:
        batch = {i: read for i, read in moved.items() if read is not None}
        batch.update(_batch_distributions(association_id, distributions, records))
        refresh_pairs(conn, association_id, sorted(distributions), batch=batch, known=known, targets=targets)


def _batch_distributions(association_id: str, ids: set[str], records: dict) -> dict[str, tuple[Served, bool]]:
    """The distributions among `ids` the batch holds in memory, as `_distributions` would read them back (active
    before voids and events are looked at), each with whether it is new to HQ (then no pair names it yet)."""
    found = {}
    for i in ids:
        record = records.get(("distributions", i))
        if record is None or record.association_id != association_id or record.refused is not None:
            continue
        data = record.data
        served = Served(
            association_id, i, _text(data.get("event_id"), s.ID), _text(data.get("household_id"), s.ID),
            not data.get("deleted_at"),
        )  # fmt: skip
        found[i] = (served, record.new)
    return found


def _rekey(
    conn: Connection, key: bytes, association_id: str, households: dict[str, tuple[dict, bool]]
) -> tuple[dict[str, tuple[Served, bool] | None], dict[str, set[tuple[str, str]]]]:
    """Bring these households' keys (id -> (data, new to HQ)) up to date. Returns the distributions of those whose keys
    moved (their pairs are to be found again: id -> (as read, False), None for one set aside by migration 0003) and
    every one's keys as they now are."""
    m, r = s.match_keys, s.records
    wanted = {i: household_keys(key, data) for i, (data, _) in households.items()}
    held: dict[str, set[tuple[str, str]]] = defaultdict(set)
    known = sorted(i for i, (_, new) in households.items() if not new)
    if known:
        query = sa.select(m.c.household_id, m.c.kind, m.c.key_hash).where(
            m.c.association_id == association_id, bulk.among(conn, m.c.household_id, known)
        )
        for row in conn.execute(query):
            held[row.household_id].add((row.kind, row.key_hash))
    moved = sorted(i for i in wanted if held.get(i, set()) != wanted[i])
    gone = [(i, kind, h) for i in moved for kind, h in sorted(held.get(i, set()) - wanted[i])]
    _delete_keys(conn, association_id, gone)
    fresh = [
        {"association_id": association_id, "household_id": i, "kind": kind, "key_hash": h}
        for i in moved
        for kind, h in sorted(wanted[i] - held.get(i, set()))
    ]
    bulk.insert_rows(conn, m, fresh)
    served: dict[str, tuple[Served, bool] | None] = {}
    rekeyed = [i for i in moved if not households[i][1]]  # a household new to HQ was served by no one
    if rekeyed:
        query = sa.select(r.c.id, r.c.event_id, r.c.household_id, r.c.deleted, r.c.refused).where(
            r.c.association_id == association_id,
            r.c.tbl == "distributions",
            bulk.among(conn, r.c.household_id, rekeyed),
        )
        for row in conn.execute(query):  # read once: refresh_pairs reads again only those set aside (None)
            read = Served(association_id, row.id, row.event_id, row.household_id, not row.deleted)
            served[row.id] = (read, False) if row.refused is None else None
    return served, wanted


def _delete_keys(conn: Connection, association_id: str, gone: list[tuple[str, str, str]]) -> None:
    """Delete these (household, kind, hash) keys of one association: one primary-key lookup each, sent at once
    (executemany; psycopg pipelines them)."""
    m = s.match_keys
    if gone:
        conn.execute(
            m.delete().where(
                m.c.association_id == association_id,
                m.c.household_id == sa.bindparam("h"),
                m.c.kind == sa.bindparam("k"),
                m.c.key_hash == sa.bindparam("x"),
            ),
            [{"h": h, "k": k, "x": x} for h, k, x in gone],
        )


def _distributions(conn: Connection, where) -> list[Served]:
    """(association_id, id, event_id, household_id, active) of the distributions matching `where` (those set aside by
    migration 0003 left out); active: not deleted nor voided, for an event HQ published. Three index lookups rather
    than one query with EXISTS, whose plan PostgreSQL may turn into a scan of every record."""
    r = s.records
    rows = conn.execute(
        sa.select(r.c.association_id, r.c.id, r.c.event_id, r.c.household_id, r.c.deleted).where(
            r.c.tbl == "distributions", r.c.refused.is_(None), where
        )
    ).all()
    return _active(
        conn, [Served(row.association_id, row.id, row.event_id, row.household_id, not row.deleted) for row in rows]
    )


def _active(conn: Connection, rows: list[Served], unvoided: set[str] = frozenset()) -> list[Served]:
    """The distributions (`active`: not deleted) with `active` now also: not voided, for an event HQ published.
    `unvoided`: ids of the first association known to have no void (new to HQ, no void of the batch names them)."""
    if not rows:
        return []
    r = s.records
    voided, published = set(), set()
    keys = sorted({(row.association_id, row.id) for row in rows if row.id not in unvoided})
    for association_id in sorted({a for a, _ in keys}):
        ids = [i for a, i in keys if a == association_id]
        query = sa.select(r.c.ref_id).where(
            r.c.association_id == association_id,
            r.c.tbl == "distribution_voids",
            bulk.among(conn, r.c.ref_id, ids),
            r.c.deleted.is_(False),
        )
        voided.update((association_id, i) for i in conn.execute(query).scalars())
    events = sorted({row.event_id for row in rows if row.event_id})
    if events:
        query = sa.select(r.c.id).where(
            r.c.tbl == "events", r.c.association_id == protocol.EVERY_ASSOCIATION, bulk.among(conn, r.c.id, events)
        )
        published.update(conn.execute(query).scalars())
    return [
        row._replace(active=row.active and (row.association_id, row.id) not in voided and row.event_id in published)
        for row in rows
    ]


def parts(conn: Connection, items: list) -> list[list]:
    """Items to look up at once: all of them on PostgreSQL (one array parameter), a few hundred at a time on SQLite."""
    return [items] if conn.dialect.name == "postgresql" else list(_chunks(items))


def _by_owner(households: set[tuple[str, str]]) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = defaultdict(list)
    for association_id, household_id in sorted(households):
        owners[association_id].append(household_id)
    return owners


def _keys_of(conn: Connection, households: set[tuple[str, str]]) -> dict[tuple[str, str], set[tuple[str, str]]]:
    m = s.match_keys
    found: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for association_id, ids in _by_owner(households).items():
        for part in parts(conn, ids):
            query = sa.select(m.c.household_id, m.c.kind, m.c.key_hash).where(
                m.c.association_id == association_id, bulk.among(conn, m.c.household_id, part)
            )
            for row in conn.execute(query):
                found[(association_id, row.household_id)].add((row.kind, row.key_hash))
    return found


def refresh_pairs(
    conn: Connection,
    association_id: str,
    distribution_ids: list[str],
    batch: dict[str, tuple[Served, bool]] | None = None,
    known: dict[str, set[tuple[str, str]]] | None = None,
    targets: set[str] = frozenset(),
) -> None:
    """Find again the pairs of these distributions of one association: voided, moved or no longer matching ones go.
    The caller is the only one matching (it holds the "cross" counter row, hq.cross_catchup), so nothing else moves
    keys or pairs meanwhile.

    `batch`: those already read (id -> (as read back, new to HQ)), not read again; `known`: the keys of households just
    brought up to date (id -> keys), not read again; `targets`: the distributions the batch's voids name."""
    c, r, m = s.cross_servings, s.records, s.match_keys
    batch, known = batch or {}, known or {}
    rows = [served for served, _ in batch.values()]
    unread = [i for i in distribution_ids if i not in batch]
    for part in parts(conn, unread) if unread else []:
        query = sa.select(r.c.association_id, r.c.id, r.c.event_id, r.c.household_id, r.c.deleted).where(
            r.c.tbl == "distributions",
            r.c.refused.is_(None),
            r.c.association_id == association_id,
            bulk.among(conn, r.c.id, part),
        )
        rows += [
            Served(row.association_id, row.id, row.event_id, row.household_id, not row.deleted)
            for row in conn.execute(query)
        ]
    # A void needs its distribution at HQ first: one new to HQ is voided only by a void of the same batch.
    rows = _active(conn, rows, {i for i, (_, new) in batch.items() if new and i not in targets})
    keys: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    households = {row.household_id for row in rows if row.household_id}
    for i in households & known.keys():
        keys[(association_id, i)] = set(known[i])
    unknown = sorted(households - known.keys())
    for part in parts(conn, unknown) if unknown else []:
        query = sa.select(m.c.household_id, m.c.kind, m.c.key_hash).where(
            m.c.association_id == association_id, bulk.among(conn, m.c.household_id, part)
        )
        for row in conn.execute(query):
            keys[(association_id, row.household_id)].add((row.kind, row.key_hash))
    paired = [i for i in distribution_ids if i not in batch or not batch[i][1]]  # one new to HQ is in no pair yet
    for chunk in _chunks(paired):
        conn.execute(
            c.delete().where(
                sa.or_(
                    sa.and_(c.c.a_association_id == association_id, c.c.a_distribution_id.in_(chunk)),
                    sa.and_(c.c.b_association_id == association_id, c.c.b_distribution_id.in_(chunk)),
                )
            )
        )
    served = [row for row in rows if row.active]
    searched = {h for row in served for kind, h in keys[(association_id, row.household_id)] if kind in (CIN, PHONE)}
    if not searched:
        return
    holders: dict[str, set[tuple[str, str]]] = defaultdict(set)
    query = sa.select(m.c.association_id, m.c.household_id, m.c.key_hash).where(
        bulk.among(conn, m.c.key_hash, searched), m.c.kind.in_((CIN, PHONE)), m.c.association_id != association_id
    )
    for row in conn.execute(query):
        holders[row.key_hash].add((row.association_id, row.household_id))
    candidates = {h for held in holders.values() if len(held) <= MAX_HOLDERS for h in held}
    if not candidates:
        return
    keys.update(_keys_of(conn, candidates))
    matched: dict[str, list[tuple[tuple[str, str], str]]] = defaultdict(list)  # my household -> [(other, reason)]
    for household_id in sorted({row.household_id for row in served}):
        mine = keys.get((association_id, household_id), set())
        found = {h for kind, hashed in mine if kind in (CIN, PHONE) for h in holders.get(hashed, ()) if h in candidates}
        for other in sorted(found):
            why = reason(mine, keys.get(other, set()))
            if why is not None:
                matched[household_id].append((other, why))
    if not matched:
        return
    # Only the households that match one of these are looked up for their distributions of the same events.
    events = sorted({row.event_id for row in served if row.household_id in matched})
    theirs: dict[tuple[str, str, str], list[str]] = defaultdict(list)  # (association, household, event) -> ids
    for other_association, ids in _by_owner({o for found in matched.values() for o, _ in found}).items():
        for part in parts(conn, ids):
            where = sa.and_(
                r.c.association_id == other_association,
                r.c.event_id.in_(events),
                bulk.among(conn, r.c.household_id, part),
            )
            for row in _distributions(conn, where):
                if row.active:
                    theirs[(row.association_id, row.household_id, row.event_id)].append(row.id)
    now = s.utcnow()
    pairs = {}
    for row in served:
        for other, why in matched.get(row.household_id, ()):
            for other_id in theirs.get((*other, row.event_id), ()):
                # side "a" is the one whose (association, distribution) sorts first: one row per pair
                a, b = sorted(((association_id, row.id, row.household_id), (other[0], other_id, other[1])))
                pairs[(a[0], a[1], b[0], b[1])] = {
                    "event_id": row.event_id,
                    "a_association_id": a[0],
                    "a_household_id": a[2],
                    "a_distribution_id": a[1],
                    "b_association_id": b[0],
                    "b_household_id": b[2],
                    "b_distribution_id": b[1],
                    "reason": why,
                    "found_at": now,
                }
    if pairs:
        conn.execute(dialect_insert(conn, c).on_conflict_do_nothing(), [pairs[k] for k in sorted(pairs)])
