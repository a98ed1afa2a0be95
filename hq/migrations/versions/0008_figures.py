"""0008: the dashboard's figures (receipts, additive cells, families by day and by event, presence, versions), filled
from the records already held."""

import sqlalchemy as sa
from alembic import op

from hq.schema import UTC

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _place() -> list[sa.Column]:
    return [sa.Column(name, sa.String(16), nullable=False) for name in ("region_code", "province_code", "commune_code")]


def _families() -> list[sa.Column]:
    return [sa.Column(name, sa.BigInteger(), nullable=False) for name in ("families", "people")]


def upgrade() -> None:
    op.create_table(
        "fig_receipts",
        sa.Column("association_id", sa.String(36), nullable=False),
        sa.Column("distribution_id", sa.String(36), nullable=False),
        sa.Column("household_id", sa.String(36), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("served_at", UTC(), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("receipt", sa.String(40), nullable=False),
        sa.Column("device_code", sa.String(40), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        *_place(),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("flags", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("association_id", "distribution_id", name="pk_fig_receipts"),
    )
    op.create_index("ix_fig_receipts_association_id_household_id", "fig_receipts", ["association_id", "household_id"])
    op.create_index("ix_fig_receipts_association_id_served_at", "fig_receipts", ["association_id", "served_at"])
    op.create_index("ix_fig_receipts_served_at", "fig_receipts", ["served_at"])
    op.create_index("ix_fig_receipts_event_id", "fig_receipts", ["event_id"])
    op.create_table(
        "fig_cells",
        sa.Column("association_id", sa.String(36), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        *_place(),
        sa.Column("item_code", sa.String(40), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False) for name in ("receipts", "voided", "quantity", "entitled")),
        sa.PrimaryKeyConstraint(
            "association_id",
            "event_id",
            "day",
            "region_code",
            "province_code",
            "commune_code",
            "item_code",
            name="pk_fig_cells",
        ),
    )
    op.create_table(
        "fig_days",
        sa.Column("association_id", sa.String(36), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("prev_day", sa.String(10), nullable=False),
        *_place(),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("flags", sa.String(200), nullable=False),
        *_families(),
        sa.PrimaryKeyConstraint(
            "association_id",
            "day",
            "prev_day",
            "region_code",
            "province_code",
            "commune_code",
            "size",
            "flags",
            name="pk_fig_days",
        ),
    )
    op.create_table(
        "fig_events",
        sa.Column("association_id", sa.String(36), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        *_place(),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("flags", sa.String(200), nullable=False),
        *_families(),
        sa.PrimaryKeyConstraint(
            "association_id",
            "event_id",
            "region_code",
            "province_code",
            "commune_code",
            "size",
            "flags",
            name="pk_fig_events",
        ),
    )
    op.create_table(
        "fig_presence",
        sa.Column("association_id", sa.String(36), nullable=False),
        sa.Column("attendance_id", sa.String(36), nullable=False),
        sa.Column("volunteer_id", sa.String(36), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("association_id", "attendance_id", name="pk_fig_presence"),
    )
    op.create_index("ix_fig_presence_event_id", "fig_presence", ["event_id"])
    op.create_table(
        "fig_versions",
        sa.Column("association_id", sa.String(36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("association_id", name="pk_fig_versions"),
    )
    from hq import figures_ingest

    figures_ingest.rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_table("fig_versions")
    op.drop_index("ix_fig_presence_event_id", "fig_presence")
    op.drop_table("fig_presence")
    op.drop_table("fig_events")
    op.drop_table("fig_days")
    op.drop_table("fig_cells")
    for name in ("event_id", "served_at", "association_id_served_at", "association_id_household_id"):
        op.drop_index(f"ix_fig_receipts_{name}", "fig_receipts")
    op.drop_table("fig_receipts")
