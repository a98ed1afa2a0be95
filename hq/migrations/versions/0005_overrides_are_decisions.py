"""0005: an override is a decision; open double-serving items the rule of this version no longer sees are settled.

Until 0004 a distribution arriving while another active one served its pair opened a review item, even when it was
served again on purpose with a coordinator's reason, and whatever arrived before it decided. From 0005 a pair is
reviewed when two of its active distributions were made without an override reason (fieldapp.merge.needs_review);
the open items that rule no longer sees are settled by `sync:rule` (they open again if another serving arrives). So
are the open `duplicate_cin` items whose two households no longer share an active CIN.
"""

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SETTLED_BY_RULE = "sync:rule"  # fieldapp.merge.SETTLED_BY_RULE when this was written


def _dict(value) -> dict:
    value = json.loads(value) if isinstance(value, str) else value
    return value if isinstance(value, dict) else {}


def upgrade() -> None:
    bind = op.get_bind()
    reviews = sa.table(
        "reviews",
        sa.column("key"),
        sa.column("association_id"),
        sa.column("kind"),
        sa.column("event_id"),
        sa.column("household_id"),
        sa.column("settled_at", sa.DateTime()),
        sa.column("settled_by"),
        sa.column("record_ids", sa.JSON),
    )
    records = sa.table(
        "records",
        sa.column("id"),
        sa.column("tbl"),
        sa.column("association_id"),
        sa.column("event_id"),
        sa.column("household_id"),
        sa.column("ref_id"),
        sa.column("deleted"),
        sa.column("cin"),
        sa.column("data", sa.JSON),
    )
    open_items = bind.execute(
        sa.select(reviews.c.key, reviews.c.association_id, reviews.c.event_id, reviews.c.household_id).where(
            reviews.c.kind == "double_distribution", reviews.c.settled_at.is_(None)
        )
    ).all()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # stored as naive UTC, as hq.schema.UTC does
    for item in open_items:
        servings = bind.execute(
            sa.select(records.c.id, records.c.data).where(
                records.c.tbl == "distributions",
                records.c.association_id == item.association_id,
                records.c.event_id == item.event_id,
                records.c.household_id == item.household_id,
            )
        ).all()
        voided = set(
            bind.execute(
                sa.select(records.c.ref_id).where(
                    records.c.tbl == "distribution_voids",
                    records.c.association_id == item.association_id,
                    records.c.ref_id.in_([s.id for s in servings] or [""]),
                    records.c.deleted.is_(False),
                )
            ).scalars()
        )
        unjudged = [s for s in servings if s.id not in voided and not _dict(s.data).get("override_reason")]
        if len(unjudged) < 2:
            bind.execute(
                reviews.update()
                .where(reviews.c.association_id == item.association_id, reviews.c.key == item.key)
                .values(settled_at=now, settled_by=SETTLED_BY_RULE)
            )

    shared = bind.execute(
        sa.select(reviews.c.key, reviews.c.association_id, reviews.c.record_ids).where(
            reviews.c.kind == "duplicate_cin", reviews.c.settled_at.is_(None)
        )
    ).all()
    for item in shared:
        ids = json.loads(item.record_ids) if isinstance(item.record_ids, str) else item.record_ids
        cins = (
            bind.execute(
                sa.select(records.c.cin).where(
                    records.c.tbl == "households",
                    records.c.association_id == item.association_id,
                    records.c.id.in_(list(ids or []) or [""]),
                    records.c.deleted.is_(False),
                )
            )
            .scalars()
            .all()
        )
        if len(cins) != 2 or None in cins or len(set(cins)) != 1:
            bind.execute(
                reviews.update()
                .where(reviews.c.association_id == item.association_id, reviews.c.key == item.key)
                .values(settled_at=now, settled_by=SETTLED_BY_RULE)
            )


def downgrade() -> None:
    pass  # the items settled stay settled (settling is what a person could have done)
