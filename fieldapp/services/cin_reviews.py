"""A laptop's review items for one CIN on two active households, kept in step with the households' CINs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert, text, update

from fieldapp.merge import DUPLICATE_CIN, SETTLED_BY_RULE, review_key
from fieldapp.models import SyncReview

_HOLDERS = text("SELECT id FROM households WHERE cin = :cin AND deleted_at IS NULL AND id != :id ORDER BY id")
_REVIEW = text("SELECT settled_at, settled_by FROM sync_reviews WHERE key = :k").columns(
    SyncReview.__table__.c.settled_at, SyncReview.__table__.c.settled_by
)


def pair_key(a: str, b: str) -> str:
    return review_key(DUPLICATE_CIN, *sorted((a, b)))


def reconsider(conn: Connection, household_id: str, before: str | None, after: str | None, now: dt.datetime) -> int:
    """A household's CIN went from `before` to `after` (None: none, or the household deleted or anonymised): the
    items pairing it with the active holders of its old CIN are settled (`sync:rule`), and one item per active holder
    of its new CIN is opened (again, if the rule had settled it). The same rule as HQ's (`hq.findings.Cins`), so every
    replica holding the same households lists the same items. Returns how many were opened."""
    reviews = SyncReview.__table__
    if before and before != after:
        for other in conn.execute(_HOLDERS, {"cin": before, "id": household_id}).scalars():
            conn.execute(
                update(reviews)
                .where(reviews.c.key == pair_key(other, household_id), reviews.c.settled_at.is_(None))
                .values(settled_at=now, settled_by=SETTLED_BY_RULE)
            )
    opened = 0
    for other in conn.execute(_HOLDERS, {"cin": after, "id": household_id}).scalars() if after else ():
        key = pair_key(other, household_id)
        held = conn.execute(_REVIEW, {"k": key}).first()
        if held is None:
            values = {"kind": DUPLICATE_CIN, "event_id": None, "household_id": household_id, "detected_at": now}
            conn.execute(insert(reviews).values(key=key, record_ids=sorted((other, household_id)), **values))
            opened += 1
        elif held.settled_at is not None and held.settled_by == SETTLED_BY_RULE:
            conn.execute(update(reviews).where(reviews.c.key == key).values(settled_at=None, settled_by=None))
            opened += 1
    return opened
