"""0008: an override is a decision; open double-serving items the rule of this version no longer sees are settled.

Until 0007 a distribution pulled while another active one served its pair opened a review item, even when it had been
served again on purpose with a coordinator's reason, and what arrived first decided. From 0008 a pair is reviewed
when two of its active distributions were made without an override reason (fieldapp.merge.needs_review), as at HQ
(HQ migration 0005); the open items that rule no longer sees are settled by `sync:rule`. So are the open
`duplicate_cin` items whose two households no longer share an active CIN (a CIN corrected or a household deleted
after the item opened), which the same replicas kept open or not depending on the order changes arrived in.
"""

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SETTLED_BY_RULE = "sync:rule"  # fieldapp.merge.SETTLED_BY_RULE when this was written
_UNJUDGED = sa.text(
    "SELECT count(*) FROM distributions d WHERE d.event_id = :e AND d.household_id = :h AND d.override_reason IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM distribution_voids v WHERE v.distribution_id = d.id AND v.deleted_at IS NULL)"
)


_SHARED_CIN = sa.text(
    "SELECT count(DISTINCT cin) = 1 AND count(*) = 2 FROM households WHERE id IN (:a, :b) AND cin IS NOT NULL "
    "AND deleted_at IS NULL"
)


def _settle(bind, key: str, now: str) -> None:
    bind.execute(
        sa.text("UPDATE sync_reviews SET settled_at = :now, settled_by = :by WHERE key = :k"),
        {"now": now, "by": SETTLED_BY_RULE, "k": key},
    )


def upgrade() -> None:
    bind = op.get_bind()
    items = bind.execute(
        sa.text(
            "SELECT key, event_id, household_id FROM sync_reviews "
            "WHERE kind = 'double_distribution' AND settled_at IS NULL"
        )
    ).all()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    for item in items:
        if bind.execute(_UNJUDGED, {"e": item.event_id, "h": item.household_id}).scalar() < 2:
            _settle(bind, item.key, now)
    pairs = bind.execute(
        sa.text("SELECT key, record_ids FROM sync_reviews WHERE kind = 'duplicate_cin' AND settled_at IS NULL")
    ).all()
    for key, record_ids in pairs:
        ids = json.loads(record_ids) if isinstance(record_ids, str) else record_ids
        if len(ids or []) != 2 or not bind.execute(_SHARED_CIN, {"a": ids[0], "b": ids[1]}).scalar():
            _settle(bind, key, now)


def downgrade() -> None:
    pass  # the items settled stay settled (settling is what a person could have done)
