"""Bringing cross-association matching up to the change log after pushes commit: the changes past the "cross" counter
are read in cursor order and the keys and pairs of what they touched are found again (hq.cross_keys), one chunk per
transaction, outside the pushes' transactions.

Why after the push and not inside it: a push's transaction holds the change log's counter row until it commits, so
every millisecond spent in it is waited for by every other push of the platform; matching needs the hashes of every
association and would make pushes of unrelated associations wait on each other. Here one catch-up runs at a time (the
"cross" counter row is locked for the chunk, as `hq.cross_rebuild` locks it), in cursor order, which is commit order,
so no change is skipped; each change is matched against what HQ holds when it is read, so a later change to the same
record is simply matched again when its turn comes. HQ's pages and commands that show pairs catch up first
(`catch_up`), so they are never behind what HQ acknowledged to the laptops; a background thread (hq.app) keeps the
distance small between pages.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hq import bulk, cross_keys
from hq import schema as s
from hq.db import Database
from sync import protocol

COUNTER = "cross"  # counters row: the last cursor whose change matching has seen (migration 0010)
CHUNK = 5000
TABLES = ("households", "distributions", "distribution_voids")


class Held(NamedTuple):
    """A record as hq.cross_keys.after_batch reads it from a batch: never new to HQ here (its pairs may exist)."""

    association_id: str
    data: dict
    refused: str | None
    new: bool = False


def behind(conn: Connection) -> int:
    """How many cursors the change log is ahead of matching (0 when caught up)."""
    c = s.counters
    values = dict(conn.execute(sa.select(c.c.name, c.c.value).where(c.c.name.in_(("cursor", COUNTER)))).all())
    return max(0, values.get("cursor", 0) - values.get(COUNTER, 0))


def catch_up(db: Database) -> int:
    """Match every change past the counter, a chunk per transaction (nothing written when caught up). The number of
    changes matched."""
    with db.read() as conn:
        if not behind(conn):
            return 0
    done = 0
    while True:
        with db.write() as conn:
            matched, more = catch_up_chunk(conn)
        done += matched
        if not more:
            return done


def lock_counter(conn: Connection) -> int | None:
    """Lock the "cross" counter row to this transaction's end (one matcher at a time) and read it (None before
    migration 0010 made it, while 0009 fills the tables)."""
    c = s.counters
    return conn.execute(sa.select(c.c.value).where(c.c.name == COUNTER).with_for_update()).scalar_one_or_none()


def set_counter(conn: Connection, cursor: int) -> None:
    c = s.counters
    conn.execute(c.update().where(c.c.name == COUNTER).values(value=cursor))


def catch_up_chunk(conn: Connection, size: int = CHUNK) -> tuple[int, bool]:
    """Match up to `size` changes past the counter in this transaction: (changes matched, whether more are waiting)."""
    seen = lock_counter(conn)
    assert seen is not None, "HQ's database is migrated before it serves"
    c, counter = s.changes, s.counters
    # Every change up to the committed "cursor" value is committed too (pushes take cursors in commit order).
    last = conn.execute(sa.select(counter.c.value).where(counter.c.name == "cursor")).scalar_one()
    if last <= seen:
        return 0, False
    rows = conn.execute(
        sa.select(c.c.cursor, c.c.association_id, c.c.tbl, c.c.id, c.c.op, c.c.fields)
        .where(c.c.cursor > seen, c.c.cursor <= last, c.c.tbl.in_(TABLES), c.c.refused.is_(None))
        .order_by(c.c.cursor)
        .limit(size)
    ).all()
    full = len(rows) == size
    reached = rows[-1].cursor if full else last
    logs: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row.association_id != protocol.EVERY_ASSOCIATION:
            fields = row.fields if isinstance(row.fields, dict) else {}
            logs[row.association_id].append({"tbl": row.tbl, "id": row.id, "op": row.op, "fields": fields})
    for association_id in sorted(logs):
        log = logs[association_id]
        cross_keys.after_batch(conn, association_id, log, _records(conn, association_id, log))
    set_counter(conn, reached)
    return len(rows), full and reached < last


def _records(conn: Connection, association_id: str, log: list[dict]) -> dict[tuple[str, str], Held]:
    """The association's records the log names and matching reads (households only where a matching field moved),
    as HQ holds them now."""
    r = s.records
    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in log:
        if entry["tbl"] != "households" or cross_keys.rekeys(entry):
            wanted[entry["tbl"]].add(entry["id"])
    found = {}
    for table, ids in sorted(wanted.items()):
        for part in cross_keys.parts(conn, sorted(ids)):
            query = sa.select(r.c.id, r.c.data, r.c.refused).where(
                r.c.association_id == association_id, r.c.tbl == table, bulk.among(conn, r.c.id, part)
            )
            for row in conn.execute(query):
                data = row.data if isinstance(row.data, dict) else {}
                found[(table, row.id)] = Held(association_id, data, row.refused)
    return found
