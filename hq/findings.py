"""What merging finds for a person to look at: conflicts, and review items (a household served twice for one event,
one CIN on two households), found and written in bulk for one batch."""

from __future__ import annotations

import hashlib

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

    def write(self, conn: Connection) -> tuple[int, int]:
        """Store them; (conflicts, review items) found by this batch."""
        _write_conflicts(conn, self.association_id, self.conflicts)
        _write_reviews(conn, self.association_id, self.reviews)
        if self.followed:
            _settle_followed(conn, self.association_id, self.followed, self.detected)
        return len(self.conflicts), len(self.reviews)


class Servings:
    """Active distributions per (event, household) of one association: a second one opens a review item."""

    def __init__(self, conn: Connection, association_id: str, changes: list[dict]) -> None:
        pairs = {
            (_key(c["f"].get("event_id")), _key(c["f"].get("household_id")))
            for c in changes
            if c["t"] == "distributions" and c["o"] == protocol.INSERT
        }
        pairs = {p for p in pairs if isinstance(p[0], str) and isinstance(p[1], str) and p[0] and p[1]}
        self.by_pair: dict[tuple[str, str], set[str]] = {p: set() for p in pairs}
        self.voided: set[str] = set()
        if not pairs:
            return
        _lock(conn, *((association_id, "served", *pair) for pair in pairs))
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
                    r.c.association_id == association_id,
                    r.c.tbl == "distribution_voids",
                    r.c.ref_id.in_(sorted(ids)),
                    r.c.deleted.is_(False),
                )
            )
            self.voided.update(row.ref_id for row in voids)

    def arrive(self, findings: Findings, record_id: str, data: dict) -> None:
        """A distribution HQ had never seen: a review item when another active one serves the same pair."""
        pair = (_key(data.get("event_id")), _key(data.get("household_id")))
        if pair not in self.by_pair:
            return
        active = {i for i in self.by_pair[pair] if i not in self.voided} - {record_id}
        self.by_pair[pair].add(record_id)
        if active:
            key = protocol.review_key(protocol.DOUBLE_DISTRIBUTION, *pair)
            findings.review(key, protocol.DOUBLE_DISTRIBUTION, pair[0], pair[1], [*active, record_id])

    def void(self, data: dict) -> None:
        if data.get("distribution_id"):
            (self.voided.discard if data.get("deleted_at") else self.voided.add)(data["distribution_id"])


CIN_MOVES = frozenset({"cin", "deleted_at"})  # the fields that can make or end a shared CIN


class Cins:
    """Active households per CIN in one association: a second household with a CIN opens a review item (the same
    `duplicate_cin` item the laptops open, key from the two households' ids)."""

    def __init__(self, conn: Connection, association_id: str, changes: list[dict], held: dict) -> None:
        cins = set()
        for change in changes:
            if change["t"] == "households" and (change["o"] == protocol.INSERT or CIN_MOVES & change["f"].keys()):
                record = held.get(("households", change["i"]))
                cins.add(_key(change["f"].get("cin") or (record.data.get("cin") if record else None)))
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
        """A household inserted, or its CIN or deletion changed."""
        previous = self.held_by.pop(record_id, None)
        if previous is not None:
            self.holders[previous].discard(record_id)
        cin = _key(data.get("cin"))
        if not cin or data.get("deleted_at") or cin not in self.holders:
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
    query = sa.select(rv.c.key, rv.c.record_ids).where(mine, rv.c.key.in_(sorted(found))).order_by(rv.c.key)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    held = {row.key: row.record_ids for row in conn.execute(query)}
    new = [found[key] for key in sorted(found) if key not in held]
    if new:
        conn.execute(dialect_insert(conn, rv).on_conflict_do_nothing(), new)
    for key in sorted(held):
        item = found[key]
        ids = sorted(set(held[key]) | set(item["record_ids"]))
        if ids != sorted(held[key]):
            conn.execute(
                rv.update().where(mine, rv.c.key == key).values(record_ids=ids, settled_at=None, settled_by=None)
            )


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
