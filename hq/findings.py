"""What merging finds for a person to look at: conflicts, and review items (a household served twice for one event,
one CIN on two households), found and written in bulk for one batch."""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp import merge as merging
from hq import schema as s
from sync import protocol


def dialect_insert(conn: Connection, table: sa.Table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def _key(value: object, limit: int = s.ID) -> str | None:
    """A value used to find a review (an id, a CIN) when it is one; a malformed record finds nothing."""
    return value if isinstance(value, str) and len(value) <= limit else None


def _lock(conn: Connection, *keys: tuple[str, ...]) -> None:
    """Transaction-scoped advisory locks (PostgreSQL), so two batches checking the same thing take turns; SQLite has
    one writer at a time anyway. Taken in one sorted order: two batches never wait on each other in a cycle."""
    if conn.dialect.name != "postgresql" or not keys:
        return
    numbers = sorted(
        {int.from_bytes(hashlib.sha256("|".join(k).encode()).digest()[:8], "big", signed=True) for k in keys}
    )
    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k ORDER BY k", (numbers,))


class Findings:
    """Conflicts and review items found while one batch is applied, keyed as on every replica."""

    def __init__(self, association_id: str, detected) -> None:
        self.association_id = association_id
        self.detected = detected
        self.conflicts: dict[str, dict] = {}
        self.reviews: dict[str, dict] = {}
        self.followed: list[tuple[str, str, str, str, str]] = []
        self.servings: dict[str, tuple[tuple[str, str], list[merging.Serving]]] = {}  # double-serving key -> pair
        self.settled_by_rule: set[str] = set()  # duplicate-CIN items whose CIN is no longer shared

    def conflict(self, table: str, record_id: str, conflict: merging.Conflict) -> None:
        key = merging.conflict_key(table, record_id, conflict)
        self.conflicts[key] = {
            "key": key,
            "association_id": self.association_id,
            "tbl": table,
            "record_id": record_id,
            "field": conflict.field,
            "winner_value": conflict.winner_value,
            "winner_hlc": conflict.winner_hlc,
            "loser_value": conflict.loser_value,
            "loser_hlc": conflict.loser_hlc,
            "detected_at": self.detected,
        }

    def review(self, key: str, kind: str, event_id: str | None, household_id: str, ids: list[str]) -> None:
        self.settled_by_rule.discard(key)
        held = self.reviews.get(key)
        self.reviews[key] = {
            "key": key,
            "association_id": self.association_id,
            "kind": kind,
            "event_id": event_id,
            "household_id": household_id,
            "record_ids": sorted(set(ids) | set(held["record_ids"] if held else ())),
            "detected_at": self.detected,
        }

    def settle_by_rule(self, key: str) -> None:
        """A review item the rule no longer sees (a CIN no longer shared): settled, unless opened again later."""
        self.reviews.pop(key, None)
        self.settled_by_rule.add(key)

    def write(self, conn: Connection) -> tuple[int, int]:
        """Store them; (conflicts, review items) found by this batch."""
        _write_conflicts(conn, self.association_id, self.conflicts)
        _write_reviews(conn, self.association_id, self.reviews)
        if self.settled_by_rule:
            rv = s.reviews
            conn.execute(
                rv.update()
                .where(
                    rv.c.association_id == self.association_id,
                    rv.c.key.in_(sorted(self.settled_by_rule)),
                    rv.c.settled_at.is_(None),
                )
                .values(settled_at=self.detected, settled_by=merging.SETTLED_BY_RULE)
            )
        opened = _write_double_servings(conn, self.association_id, self.servings, self.detected)
        if self.followed:
            _settle_followed(conn, self.association_id, self.followed, self.detected)
        return len(self.conflicts), len(self.reviews) + opened


class Servings:
    """The distributions of the (event, household) pairs a batch serves or voids, with their voids and overrides:
    after the batch, each pair's review item follows `fieldapp.merge.double_serving_review`, as on every laptop."""

    def __init__(self, conn: Connection, association_id: str, changes: list[dict], held: dict) -> None:
        self.association_id = association_id
        self.served: dict[str, tuple[str, str]] = {}  # distribution id -> its pair
        self.overrides: set[str] = set()
        self.voided: set[str] = set()
        self.touched: set[tuple[str, str]] = set()
        pairs = {
            (_key(c["f"].get("event_id")), _key(c["f"].get("household_id")))
            for c in changes
            if c["t"] == "distributions" and c["o"] == protocol.INSERT
        }
        voided_ids = set()
        for change in changes:
            if change["t"] == "distribution_voids":
                record = held.get(("distribution_voids", change["i"]))
                target = change["f"].get("distribution_id") or (record.data if record else {}).get("distribution_id")
                voided_ids.add(_key(target))
        r = s.records
        mine = r.c.association_id == association_id
        voided_ids = sorted(i for i in voided_ids if i)
        if voided_ids:
            query = sa.select(r.c.event_id, r.c.household_id).where(
                mine, r.c.tbl == "distributions", r.c.id.in_(voided_ids)
            )
            pairs |= {(row.event_id, row.household_id) for row in conn.execute(query)}
        pairs = {p for p in pairs if isinstance(p[0], str) and isinstance(p[1], str) and p[0] and p[1]}
        if not pairs:
            return
        _lock(conn, *((association_id, "served", *pair) for pair in pairs))
        rows = conn.execute(
            sa.select(r.c.id, r.c.event_id, r.c.household_id, r.c.data).where(
                r.c.tbl == "distributions",
                mine,
                r.c.event_id.in_(sorted({e for e, _ in pairs})),
                r.c.household_id.in_(sorted({h for _, h in pairs})),
            )
        ).all()
        ids = []
        for row in rows:
            if (row.event_id, row.household_id) in pairs:
                self._serve(row.id, (row.event_id, row.household_id), _data(row.data))
                ids.append(row.id)
        if ids:
            voids = conn.execute(
                sa.select(r.c.ref_id).where(
                    mine, r.c.tbl == "distribution_voids", r.c.ref_id.in_(sorted(ids)), r.c.deleted.is_(False)
                )
            )
            self.voided.update(row.ref_id for row in voids)
        self.touched.clear()  # what was held before the batch changes nothing by itself

    def _serve(self, record_id: str, pair: tuple[str, str], data: dict) -> None:
        self.served[record_id] = pair
        if data.get("override_reason"):
            self.overrides.add(record_id)
        self.touched.add(pair)

    def arrive(self, record_id: str, data: dict) -> None:
        """A distribution HQ had never seen."""
        pair = (_key(data.get("event_id")), _key(data.get("household_id")))
        if pair[0] and pair[1]:
            self._serve(record_id, pair, data)

    def void(self, data: dict) -> None:
        target = data.get("distribution_id")
        if not isinstance(target, str) or target not in self.served:
            return
        (self.voided.discard if data.get("deleted_at") else self.voided.add)(target)
        self.touched.add(self.served[target])

    def conclude(self, findings: Findings) -> None:
        """Each touched pair's servings, for `Findings.write` to open, grow or settle its review item."""
        for pair in sorted(self.touched):
            servings = [
                merging.Serving(i, i in self.voided, i in self.overrides) for i, p in self.served.items() if p == pair
            ]
            findings.servings[protocol.review_key(protocol.DOUBLE_DISTRIBUTION, *pair)] = (pair, servings)


def _data(value: object) -> dict:
    if isinstance(value, str):
        value = json.loads(value)
    return value if isinstance(value, dict) else {}


CIN_MOVES = frozenset({"cin", "deleted_at"})  # the fields that can make or end a shared CIN


class Cins:
    """Active households per CIN in one association: a second household with a CIN opens a review item (the same
    `duplicate_cin` item the laptops open, key from the two households' ids)."""

    def __init__(self, conn: Connection, association_id: str, changes: list[dict], held: dict) -> None:
        cins = set()
        for change in changes:
            if change["t"] == "households" and (change["o"] == protocol.INSERT or CIN_MOVES & change["f"].keys()):
                record = held.get(("households", change["i"]))
                cins.add(_key(change["f"].get("cin")))
                cins.add(_key(record.data.get("cin") if record else None))  # the one it held: its items may end
        cins = {cin for cin in cins if cin and len(cin) <= s.CIN}
        self.holders: dict[str, set[str]] = {cin: set() for cin in cins}
        self.held_by: dict[str, str] = {}  # household id -> the CIN it holds among these
        if not cins:
            return
        _lock(conn, *((association_id, "cin", cin) for cin in cins))
        r = s.records
        rows = conn.execute(
            sa.select(r.c.id, r.c.cin).where(
                r.c.tbl == "households",
                r.c.association_id == association_id,
                r.c.cin.in_(sorted(cins)),
                r.c.deleted.is_(False),
            )
        )
        for row in rows:
            self.holders[row.cin].add(row.id)
            self.held_by[row.id] = row.cin

    def arrive(self, findings: Findings, record_id: str, data: dict) -> None:
        """A household inserted, or its CIN or deletion changed: the items pairing it with the holders of the CIN it
        no longer holds are settled (`sync:rule`), one per holder of its CIN is opened, as on every laptop
        (`fieldapp.services.cin_reviews`)."""
        previous = self.held_by.pop(record_id, None)
        cin = None if data.get("deleted_at") else _key(data.get("cin"))
        if previous is not None:
            self.holders[previous].discard(record_id)
            if previous != cin:
                for other in self.holders[previous]:
                    findings.settle_by_rule(protocol.review_key(protocol.DUPLICATE_CIN, *sorted((other, record_id))))
        if not cin or cin not in self.holders:
            return
        for other in sorted(self.holders[cin]):
            first, second = sorted((other, record_id))
            key = protocol.review_key(protocol.DUPLICATE_CIN, first, second)
            findings.review(key, protocol.DUPLICATE_CIN, None, record_id, [other, record_id])
        self.holders[cin].add(record_id)
        self.held_by[record_id] = cin


def _write_conflicts(conn: Connection, association_id: str, found: dict[str, dict]) -> None:
    if not found:
        return
    c = s.conflicts
    held = set(
        conn.execute(
            sa.select(c.c.key).where(c.c.association_id == association_id, c.c.key.in_(sorted(found)))
        ).scalars()
    )
    rows = [found[k] for k in sorted(found) if k not in held]
    if rows:
        conn.execute(dialect_insert(conn, c).on_conflict_do_nothing(), rows)


def _write_reviews(conn: Connection, association_id: str, found: dict[str, dict]) -> None:
    """New review items, or more records added to one already there (a settled one opens again): each association
    has its own items, whatever their keys."""
    if not found:
        return
    rv = s.reviews
    mine = rv.c.association_id == association_id
    query = sa.select(rv.c.key, rv.c.record_ids, rv.c.settled_by).where(mine, rv.c.key.in_(sorted(found)))
    if conn.dialect.name == "postgresql":
        query = query.order_by(rv.c.key).with_for_update()
    rows = conn.execute(query).all()
    held = {row.key: _ids(row.record_ids) for row in rows}
    by_rule = {row.key for row in rows if row.settled_by == merging.SETTLED_BY_RULE}
    new = [found[key] for key in sorted(found) if key not in held]
    if new:
        conn.execute(dialect_insert(conn, rv).on_conflict_do_nothing(), new)
    for key in sorted(held):
        item = found[key]
        ids = sorted(set(held[key]) | set(item["record_ids"]))
        if ids != sorted(held[key]) or key in by_rule:  # more records, or the rule's reason to settle it is gone
            conn.execute(
                rv.update().where(mine, rv.c.key == key).values(record_ids=ids, settled_at=None, settled_by=None)
            )


def _write_double_servings(conn: Connection, association_id: str, found: dict, now) -> int:
    """Each pair's double-serving item after the batch (`fieldapp.merge.double_serving_review`); how many opened."""
    if not found:
        return 0
    rv = s.reviews
    mine = rv.c.association_id == association_id
    query = sa.select(rv.c.key, rv.c.record_ids, rv.c.settled_at, rv.c.settled_by).where(
        mine, rv.c.key.in_(sorted(found))
    )
    if conn.dialect.name == "postgresql":
        query = query.order_by(rv.c.key).with_for_update()
    held = {row.key: row for row in conn.execute(query)}
    opened, new = 0, []
    for key in sorted(found):
        (event_id, household_id), servings = found[key]
        row = held.get(key)
        change = merging.double_serving_review(
            servings,
            None if row is None else list(_ids(row.record_ids)),
            row is not None and row.settled_at is None,
            None if row is None else row.settled_by,
        )
        if change is None:
            continue
        opened += change.open
        if row is None:
            new.append(
                {
                    "key": key,
                    "association_id": association_id,
                    "kind": protocol.DOUBLE_DISTRIBUTION,
                    "event_id": event_id,
                    "household_id": household_id,
                    "record_ids": change.record_ids,
                    "detected_at": now,
                }
            )
            continue
        settled = (None, None) if change.open else (now, merging.SETTLED_BY_RULE)
        conn.execute(
            rv.update()
            .where(mine, rv.c.key == key)
            .values(record_ids=change.record_ids, settled_at=settled[0], settled_by=settled[1])
        )
    if new:
        conn.execute(dialect_insert(conn, rv).on_conflict_do_nothing(), new)
    return opened


def _ids(value: object) -> list:
    if isinstance(value, str):
        value = json.loads(value)
    return value if isinstance(value, list) else []


def _settle_followed(
    conn: Connection, association_id: str, followed: list[tuple[str, str, str, str, str]], now
) -> None:
    """Conflicts settled by an edit made after seeing their winner (its `p` stamp is at least the winner's)."""
    c = s.conflicts
    ids = sorted({record_id for _, record_id, _, _, _ in followed})
    mine = c.c.association_id == association_id
    open_ = conn.execute(
        sa.select(c.c.key, c.c.tbl, c.c.record_id, c.c.field, c.c.winner_hlc).where(
            mine, c.c.record_id.in_(ids), c.c.settled_at.is_(None)
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
        stmt = c.update().where(mine, c.c.key == sa.bindparam("b_key"), c.c.settled_at.is_(None))
        conn.execute(
            stmt.values(settled_at=sa.bindparam("settled_at"), settled_by=sa.bindparam("settled_by")),
            [settled[k] for k in sorted(settled)],
        )
