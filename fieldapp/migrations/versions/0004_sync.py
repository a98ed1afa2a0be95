"""0004: sync — field stamps on every synced row (field-by-field merge), conflicts and review items found by sync."""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SYNCED_TABLES = (
    "households",
    "members",
    "volunteers",
    "events",
    "event_items",
    "distributions",
    "distribution_voids",
    "attendance",
)


def upgrade() -> None:
    # ADD COLUMN is instant in SQLite (no table rewrite, even at 150,000 rows); NULL means "every field at `hlc`".
    for table in SYNCED_TABLES:
        op.add_column(table, sa.Column("field_hlc", sa.JSON(), nullable=True))
    op.create_table(
        "sync_conflicts",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("winner_value", sa.JSON(), nullable=True),
        sa.Column("winner_hlc", sa.String(length=48), nullable=False),
        sa.Column("loser_value", sa.JSON(), nullable=True),
        sa.Column("loser_hlc", sa.String(length=48), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("settled_at", sa.DateTime(), nullable=True),
        sa.Column("settled_by", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_conflicts")),
    )
    op.create_index(op.f("ix_sync_conflicts_entity_id"), "sync_conflicts", ["entity_id"])
    op.create_index(op.f("ix_sync_conflicts_settled_at"), "sync_conflicts", ["settled_at"])
    op.create_table(
        "sync_reviews",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=True),
        sa.Column("household_id", sa.String(length=36), nullable=True),
        sa.Column("record_ids", sa.JSON(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("settled_at", sa.DateTime(), nullable=True),
        sa.Column("settled_by", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_reviews")),
    )
    op.create_index(op.f("ix_sync_reviews_settled_at"), "sync_reviews", ["settled_at"])


def downgrade() -> None:
    op.drop_table("sync_reviews")
    op.drop_table("sync_conflicts")
    for table in SYNCED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("field_hlc")
