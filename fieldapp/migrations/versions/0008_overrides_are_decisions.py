"""0008: an override is a decision; open double-serving items the rule of this version no longer sees are settled.

Until 0007 a distribution pulled while another active one served its pair opened a review item, even when it had been
served again on purpose with a coordinator's reason, and what arrived first decided. From 0008 a pair is reviewed
when two of its active distributions were made without an override reason (fieldapp.merge.needs_review), as at HQ
(HQ migration 0005); the open items that rule no longer sees are settled by `sync:rule`.
"""

import datetime as dt

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
            bind.execute(
                sa.text("UPDATE sync_reviews SET settled_at = :now, settled_by = :by WHERE key = :k"),
                {"now": now, "by": SETTLED_BY_RULE, "k": item.key},
            )


def downgrade() -> None:
    pass  # the items settled stay settled (settling is what a person could have done)
