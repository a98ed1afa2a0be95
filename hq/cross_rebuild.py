"""Cross-association matching from scratch: every household's keys and every pair again from records (after migration
0009, or with a new match key). The upkeep after pushes is hq.cross_catchup."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hq import bulk, cross_catchup, cross_keys, match_key
from hq import schema as s
from sync import protocol


def rebuild(conn: Connection, key: bytes) -> dict:
    """Every household's keys and every pair again from records (after a migration, or with a new match key)."""
    m, c, r = s.match_keys, s.cross_servings, s.records
    # Matching waits for the rebuild to commit; changes committed after the cursor read here are matched after it.
    cross_catchup.lock_counter(conn)
    reached = conn.execute(sa.select(s.counters.c.value).where(s.counters.c.name == "cursor")).scalar_one()
    conn.execute(c.delete())
    conn.execute(m.delete())
    match_key.replace_fingerprint(conn, key)
    query = sa.select(r.c.association_id, r.c.id, r.c.data).where(
        r.c.tbl == "households", r.c.association_id != protocol.EVERY_ASSOCIATION, r.c.refused.is_(None)
    )
    rows, households = [], 0
    for row in conn.execute(query):
        households += 1
        data = row.data if isinstance(row.data, dict) else {}
        rows += [
            {"association_id": row.association_id, "household_id": row.id, "kind": kind, "key_hash": h}
            for kind, h in sorted(cross_keys.household_keys(key, data))
        ]
    for chunk in cross_keys._chunks(rows, 5000):
        bulk.insert_rows(conn, m, chunk)
    # Only households holding a CIN or phone hash another association holds too can be in a pair.
    shared = (
        sa.select(m.c.key_hash)
        .where(m.c.kind.in_((cross_keys.CIN, cross_keys.PHONE)))
        .group_by(m.c.key_hash)
        .having(sa.func.count(sa.distinct(m.c.association_id)) > 1)
    )
    holders: dict[str, set[str]] = defaultdict(set)
    query = sa.select(m.c.association_id, m.c.household_id).where(m.c.key_hash.in_(shared.scalar_subquery()))
    for row in conn.execute(query):
        holders[row.association_id].add(row.household_id)
    for association_id in sorted(holders):
        ids = []
        for chunk in cross_keys._chunks(sorted(holders[association_id])):
            query = sa.select(r.c.id).where(
                r.c.association_id == association_id, r.c.tbl == "distributions", r.c.household_id.in_(chunk)
            )
            ids += conn.execute(query).scalars()
        for chunk in cross_keys._chunks(sorted(ids)):  # a few hundred at a time: within SQLite's limit of parameters
            cross_keys.refresh_pairs(conn, association_id, chunk)
    cross_catchup.set_counter(conn, reached)
    pairs = conn.execute(sa.select(sa.func.count()).select_from(c)).scalar_one()
    return {"households": households, "keys": len(rows), "pairs": pairs}
