"""The open review items of each replica (HQ's of one association, a laptop's), to check they all agree."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy import select

from fieldapp.models.records import SyncReview
from sync import protocol

SHARED_KINDS = (protocol.DOUBLE_DISTRIBUTION, protocol.DUPLICATE_CIN)  # found on every replica (not refused_change)


def _ids(value: object) -> list[str]:
    return sorted(json.loads(value) if isinstance(value, str) else value or [], key=str)


def open_at_hq(hq, association_id: str) -> dict[str, tuple[str, list[str]]]:
    """HQ's open review items of the association: key -> (kind, record ids)."""
    from hq import schema

    engine_ = sa.create_engine(hq.db_url)
    try:
        with engine_.connect() as conn:
            rv = schema.reviews
            rows = conn.execute(
                sa.select(rv.c.key, rv.c.kind, rv.c.record_ids).where(
                    rv.c.association_id == association_id, rv.c.settled_at.is_(None)
                )
            ).all()
    finally:
        engine_.dispose()
    return {r.key: (r.kind, _ids(r.record_ids)) for r in rows}


def open_on(db) -> dict[str, tuple[str, list[str]]]:
    """A laptop's open review items of the kinds every replica finds: key -> (kind, record ids)."""
    with db.read() as session:
        rows = session.execute(
            select(SyncReview.key, SyncReview.kind, SyncReview.record_ids).where(
                SyncReview.settled_at.is_(None), SyncReview.kind.in_(SHARED_KINDS)
            )
        ).all()
    return {r.key: (r.kind, _ids(r.record_ids)) for r in rows}


def differences(hq, association_id: str, laptops: list) -> list[str]:
    """Where a laptop's open review list differs from HQ's (empty when every replica agrees)."""
    at_hq, problems = open_at_hq(hq, association_id), []
    for laptop in laptops:
        here = open_on(laptop.db)
        for key in sorted(at_hq.keys() | here.keys()):
            if at_hq.get(key) != here.get(key):
                problems.append(f"{laptop.name} review {key}: here {here.get(key)}, at HQ {at_hq.get(key)}")
    return problems
