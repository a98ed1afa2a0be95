"""A laptop's review item for a family served twice at one event, kept in step with the pair's servings and voids."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert, text, update

from fieldapp.merge import DOUBLE_DISTRIBUTION, SETTLED_BY_RULE, Serving, double_serving_review, review_key
from fieldapp.models import SyncReview

_SERVINGS = text(
    "SELECT d.id, d.override_reason IS NOT NULL AS override, EXISTS (SELECT 1 FROM distribution_voids v "
    "WHERE v.distribution_id = d.id AND v.deleted_at IS NULL) AS voided "
    "FROM distributions d WHERE d.event_id = :e AND d.household_id = :h"
)
_PAIR = text("SELECT event_id, household_id FROM distributions WHERE id = :id")
# Asked once per pulled distribution: prepared once (a Core select built per row costs ~200 µs, see benchmarks.md).
_REVIEW = text("SELECT record_ids, settled_at, settled_by FROM sync_reviews WHERE key = :k").columns(
    SyncReview.__table__.c.record_ids, SyncReview.__table__.c.settled_at, SyncReview.__table__.c.settled_by
)


def pair_of(conn: Connection, distribution_id: str | None) -> tuple[str, str] | None:
    """The (event, household) a distribution serves, when this laptop holds it."""
    row = conn.execute(_PAIR, {"id": distribution_id}).first() if distribution_id else None
    return (row.event_id, row.household_id) if row else None


def reconsider(conn: Connection, event_id: str | None, household_id: str | None, now: dt.datetime) -> bool:
    """Open, grow or settle the pair's review item as `fieldapp.merge.double_serving_review` says; True when an
    item was opened (or opened again)."""
    if not event_id or not household_id:
        return False
    servings = [
        Serving(row.id, bool(row.voided), bool(row.override))
        for row in conn.execute(_SERVINGS, {"e": event_id, "h": household_id})
    ]
    if len(servings) < 2:
        return False  # a pair served once has never had an item (the common case: one query per pulled serving)
    key = review_key(DOUBLE_DISTRIBUTION, event_id, household_id)
    reviews = SyncReview.__table__
    held = conn.execute(_REVIEW, {"k": key}).first()
    change = double_serving_review(
        servings,
        None if held is None else list(held.record_ids or []),
        held is not None and held.settled_at is None,
        None if held is None else held.settled_by,
    )
    if change is None:
        return False
    if held is None:
        conn.execute(
            insert(reviews).values(
                key=key,
                kind=DOUBLE_DISTRIBUTION,
                event_id=event_id,
                household_id=household_id,
                record_ids=change.record_ids,
                detected_at=now,
            )
        )
        return True
    settled_at, settled_by = (None, None) if change.open else (now, SETTLED_BY_RULE)
    conn.execute(
        update(reviews)
        .where(reviews.c.key == key)
        .values(record_ids=change.record_ids, settled_at=settled_at, settled_by=settled_by)
    )
    return change.open
