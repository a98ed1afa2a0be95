"""Applying changes at HQ: cap future stamps, merge into HQ's records, log what moved, find conflicts and reviews.

One call applies one batch inside the caller's transaction: the records it touches are read in one query (locked on
PostgreSQL, in key order so two batches never deadlock), merged with `fieldapp.merge.merge`, and written back with
executemany. The change log takes its cursors last, under the counter row's lock, so cursor order is commit order.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp import merge as merging
from fieldapp.clock import Stamp
from hq import bulk
from hq import schema as s
from sync import protocol


@dataclass(frozen=True)
class Author:
    """Who the changes come from: a device (its association) or HQ publishing reference data to everyone."""

    device_id: str
    device_code: str
    association_id: str


@dataclass
class Outcome:
    applied: int = 0
    conflicts: int = 0
    reviews: int = 0
    capped: list[dict] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)
    cursor: int = 0  # the last cursor this batch took (0 when it logged nothing)


@dataclass
class _Record:
    association_id: str
    device_code: str
    data: dict
    stamps: dict
    hlc: str
    new: bool
    dirty: bool = False


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def _dialect_insert(conn: Connection, table: sa.Table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def _cap(conn: Connection, author: Author, changes: list[dict], outcome: Outcome) -> list[dict]:
    """Stamps more than MAX_CLOCK_AHEAD_MS ahead of HQ's clock come back to HQ's clock (same counter and node);
    `p` stamps naming a capped stamp are rewritten too. Order within the batch is kept."""
    limit = now_ms() + protocol.MAX_CLOCK_AHEAD_MS
    limit_text = f"{limit:015d}"
    ahead = [c for c in changes if c["h"][:15] > limit_text]
    ahead_prev = {v for c in changes for v in (c.get("p") or {}).values() if v[:15] > limit_text}
    if not ahead and not ahead_prev:
        return changes
    caps: dict[str, str] = {}
    if ahead_prev:
        rows = conn.execute(
            sa.select(s.stamp_caps.c.from_hlc, s.stamp_caps.c.to_hlc).where(
                s.stamp_caps.c.device_id == author.device_id, s.stamp_caps.c.from_hlc.in_(sorted(ahead_prev))
            )
        )
        caps.update({row.from_hlc: row.to_hlc for row in rows})
    wall = limit - protocol.MAX_CLOCK_AHEAD_MS
    last: Stamp | None = None
    new_caps = []
    result = []
    for change in changes:
        h = change["h"]
        if h[:15] > limit_text:
            if h not in caps:
                original = Stamp.parse(h)
                stamp = Stamp(wall, original.counter, original.node)
                if last is not None and stamp <= last:
                    stamp = Stamp(last.wall_ms, last.counter + 1, original.node)
                last = stamp
                caps[h] = str(stamp)
                new_caps.append({"device_id": author.device_id, "from_hlc": h, "to_hlc": caps[h]})
                outcome.capped.append({"t": change["t"], "i": change["i"], "from": h, "to": caps[h]})
            change = {**change, "h": caps[h]}
        prev = change.get("p")
        if prev and any(v in caps for v in prev.values()):
            change = {**change, "p": {k: caps.get(v, v) for k, v in prev.items()}}
        result.append(change)
    if new_caps:
        conn.execute(_dialect_insert(conn, s.stamp_caps).on_conflict_do_nothing(), new_caps)
    return result


def _load(conn: Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], _Record]:
    """The records a batch touches, in one query (row-locked in key order on PostgreSQL)."""
    r = s.records
    ids = sorted({i for _, i in keys})
    query = sa.select(r.c.tbl, r.c.id, r.c.association_id, r.c.device_code, r.c.data, r.c.field_hlc, r.c.hlc)
    query = query.where(r.c.id.in_(ids)).order_by(r.c.id, r.c.tbl)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    found = {}
    for row in conn.execute(query):
        found[(row.tbl, row.id)] = _Record(row.association_id, row.device_code, row.data, row.field_hlc, row.hlc, False)
    return found


def _lock_key(*parts: str) -> int:
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class _Served:
    """Active distributions per (event, household) of the author's association, for double-distribution reviews."""

    def __init__(self, conn: Connection, association_id: str, changes: list[dict]) -> None:
        pairs = {
            (c["f"].get("event_id"), c["f"].get("household_id"))
            for c in changes
            if c["t"] == "distributions" and c["o"] == protocol.INSERT
        }
        pairs = {p for p in pairs if p[0] and p[1]}
        self.by_pair: dict[tuple[str, str], set[str]] = {p: set() for p in pairs}
        self.voided: set[str] = set()
        if not pairs:
            return
        if conn.dialect.name == "postgresql":
            # Two laptops pushing the same household's serving at the same moment: the second waits for the first
            # to commit, then sees it (SQLite has one writer at a time anyway).
            keys = sorted({_lock_key(association_id, *pair) for pair in pairs})
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k ORDER BY k", (keys,))
        r = s.records
        rows = conn.execute(
            sa.select(r.c.id, r.c.event_id, r.c.household_id).where(
                r.c.tbl == "distributions",
                r.c.association_id == association_id,
                r.c.event_id.in_(sorted({e for e, _ in pairs})),
                r.c.household_id.in_(sorted({h for _, h in pairs})),
            )
        ).all()
        ids = []
        for row in rows:
            if (row.event_id, row.household_id) in self.by_pair:
                self.by_pair[(row.event_id, row.household_id)].add(row.id)
                ids.append(row.id)
        if ids:
            voids = conn.execute(
                sa.select(r.c.ref_id).where(
                    r.c.tbl == "distribution_voids", r.c.ref_id.in_(sorted(ids)), r.c.deleted.is_(False)
                )
            )
            self.voided.update(row.ref_id for row in voids)

    def arrive(self, record_id: str, data: dict) -> tuple[str, str, list[str]] | None:
        """Note a new distribution; (event, household, every active id) when another active one was there."""
        pair = (data.get("event_id"), data.get("household_id"))
        if pair not in self.by_pair:
            return None
        active = {i for i in self.by_pair[pair] if i not in self.voided} - {record_id}
        self.by_pair[pair].add(record_id)
        if not active:
            return None
        return pair[0], pair[1], sorted(active | {record_id})


def apply(conn: Connection, author: Author, changes: list[dict]) -> Outcome:
    """Apply changes (already validated, in journal order) inside the caller's transaction."""
    outcome = Outcome()
    if not changes:
        return outcome
    changes = _cap(conn, author, changes, outcome)
    records = _load(conn, [(c["t"], c["i"]) for c in changes])
    served = _Served(conn, author.association_id, changes)
    log: list[dict] = []
    found_conflicts: dict[str, dict] = {}
    found_reviews: dict[str, dict] = {}
    followed: list[tuple[str, str, str, str, str]] = []
    detected = s.utcnow()
    for change in changes:
        key = (change["t"], change["i"])
        record = records.get(key)
        if record is not None and record.association_id != author.association_id:
            # Another association's row, or reference data HQ published: a device never changes those at HQ.
            outcome.refused.append({"t": change["t"], "i": change["i"]})
            continue
        fields = merging.data_fields(change["f"])
        if record is None:
            result = merging.merge(None, None, fields, change["h"])
            record = _Record(author.association_id, author.device_code, result.values, result.stamps, "", True)
            records[key] = record
        else:
            result = merging.merge(record.data, record.stamps, fields, change["h"], protocol.prev_of(change))
        for conflict in result.conflicts:
            conflict_key = merging.conflict_key(change["t"], change["i"], conflict)
            found_conflicts[conflict_key] = {
                "key": conflict_key,
                "association_id": author.association_id,
                "tbl": change["t"],
                "record_id": change["i"],
                "field": conflict.field,
                "winner_value": conflict.winner_value,
                "winner_hlc": conflict.winner_hlc,
                "loser_value": conflict.loser_value,
                "loser_hlc": conflict.loser_hlc,
                "detected_at": detected,
            }
        if not result.changed:
            continue
        prev = change.get("p")
        if prev and not record.new:
            # An edit made after seeing a conflict's winner settles it, as on every device (fieldapp.services.pulled).
            followed.extend(
                (change["t"], change["i"], name, prev[name], author.device_code)
                for name in result.changed
                if prev.get(name) is not None and prev[name] == merging.stamp_of(record.stamps, name, record.hlc)
            )
        was_new = record.new and not record.dirty
        record.data, record.stamps, record.hlc, record.dirty = result.values, result.stamps, result.hlc, True
        outcome.applied += 1
        entry = {"tbl": change["t"], "id": change["i"], "hlc": change["h"], "op": change["o"], "fields": fields}
        entry["prev"] = change.get("p") if change["o"] == protocol.UPDATE else None
        log.append(entry)
        if change["t"] == "distributions" and was_new and (double := served.arrive(change["i"], record.data)):
            event_id, household_id, ids = double
            review_key = protocol.review_key(protocol.DOUBLE_DISTRIBUTION, event_id, household_id)
            held = found_reviews.get(review_key)
            found_reviews[review_key] = {
                "key": review_key,
                "association_id": author.association_id,
                "kind": protocol.DOUBLE_DISTRIBUTION,
                "event_id": event_id,
                "household_id": household_id,
                "record_ids": sorted(set(ids) | set(held["record_ids"] if held else ())),
                "detected_at": detected,
            }
        elif change["t"] == "distribution_voids" and record.data.get("distribution_id"):
            if record.data.get("deleted_at"):
                served.voided.discard(record.data["distribution_id"])
            else:
                served.voided.add(record.data["distribution_id"])
    _write_records(conn, records, detected)
    outcome.conflicts = _write_conflicts(conn, found_conflicts)
    outcome.reviews = _write_reviews(conn, found_reviews)
    if followed:
        _settle_followed(conn, followed, detected)
    outcome.cursor = _write_log(conn, author, log)
    return outcome


def _columns(key: tuple[str, str], record: _Record, now) -> dict:
    table, record_id = key
    data = record.data
    return {
        "id": record_id,
        "tbl": table,
        "association_id": record.association_id,
        "device_code": record.device_code,
        "data": data,
        "field_hlc": record.stamps,
        "hlc": record.hlc,
        "event_id": data.get("event_id") if table == "distributions" else None,
        "household_id": data.get("household_id") if table == "distributions" else None,
        "ref_id": data.get("distribution_id") if table == "distribution_voids" else None,
        "deleted": bool(data.get("deleted_at")),
        "updated_at": now,
    }


def _write_records(conn: Connection, records: dict[tuple[str, str], _Record], now) -> None:
    # (id, tbl) order, as _load locks them: two batches touching the same records never wait on each other in a cycle
    dirty = sorted(((k, v) for k, v in records.items() if v.dirty), key=lambda item: (item[0][1], item[0][0]))
    bulk.insert_rows(conn, s.records, [_columns(k, v, now) for k, v in dirty if v.new])
    bulk.update_records(conn, [_columns(k, v, now) for k, v in dirty if not v.new])


def _write_conflicts(conn: Connection, found: dict[str, dict]) -> int:
    if not found:
        return 0
    c = s.conflicts
    held = set(conn.execute(sa.select(c.c.key).where(c.c.key.in_(sorted(found)))).scalars())
    rows = [found[k] for k in sorted(found) if k not in held]
    if rows:
        conn.execute(_dialect_insert(conn, c).on_conflict_do_nothing(), rows)
    return len(found)


def _write_reviews(conn: Connection, found: dict[str, dict]) -> int:
    """New review items, or more distributions added to one already open (a settled one opens again)."""
    if not found:
        return 0
    rv = s.reviews
    query = sa.select(rv.c.key, rv.c.record_ids).where(rv.c.key.in_(sorted(found))).order_by(rv.c.key)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    held = {row.key: row.record_ids for row in conn.execute(query)}
    for key in sorted(found):
        item = found[key]
        if key not in held:
            conn.execute(_dialect_insert(conn, rv).on_conflict_do_nothing(), [item])
            continue
        ids = sorted(set(held[key]) | set(item["record_ids"]))
        if ids != sorted(held[key]):
            conn.execute(rv.update().where(rv.c.key == key).values(record_ids=ids, settled_at=None, settled_by=None))
    return len(found)


def _settle_followed(conn: Connection, followed: list[tuple[str, str, str, str, str]], now) -> None:
    c = s.conflicts
    ids = sorted({record_id for _, record_id, _, _, _ in followed})
    open_ = conn.execute(
        sa.select(c.c.key, c.c.tbl, c.c.record_id, c.c.field, c.c.winner_hlc).where(
            c.c.record_id.in_(ids), c.c.settled_at.is_(None)
        )
    ).all()
    if not open_:
        return
    settled = {}
    for table, record_id, name, seen, device_code in followed:
        for row in open_:
            if (row.tbl, row.record_id, row.field) == (table, record_id, name) and row.winner_hlc <= seen:
                settled[row.key] = {"b_key": row.key, "settled_at": now, "settled_by": f"sync:{device_code}"}
    if settled:
        stmt = c.update().where(c.c.key == sa.bindparam("b_key"), c.c.settled_at.is_(None))
        conn.execute(
            stmt.values(settled_at=sa.bindparam("settled_at"), settled_by=sa.bindparam("settled_by")),
            [settled[k] for k in sorted(settled)],
        )


def _write_log(conn: Connection, author: Author, log: list[dict]) -> int:
    """Take len(log) cursors under the counter row's lock (held to commit) and append the entries; the last cursor."""
    if not log:
        return 0
    counter = s.counters
    last = conn.execute(
        counter.update()
        .where(counter.c.name == "cursor")
        .values(value=counter.c.value + len(log))
        .returning(counter.c.value)
    ).scalar_one()
    first = last - len(log) + 1
    for offset, entry in enumerate(log):
        entry["cursor"] = first + offset
        entry["association_id"] = author.association_id
        entry["device_id"] = author.device_id
        entry["device_code"] = author.device_code
    bulk.insert_rows(conn, s.changes, log)
    return last
