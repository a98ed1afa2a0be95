"""0001: the first local schema: households, members, volunteers, events, distributions, attendance, journal."""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=True),
        sa.Column("entity_id", sa.String(length=36), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    op.create_table(
        "events",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("site", sa.String(length=200), nullable=True),
        sa.Column("commune_code", sa.String(length=16), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("association_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=48), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_table(
        "households",
        sa.Column("head_name", sa.String(length=200), nullable=False),
        sa.Column("head_name_ar", sa.String(length=200), nullable=True),
        sa.Column("cin", sa.String(length=20), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("province_code", sa.String(length=16), nullable=False),
        sa.Column("commune_code", sa.String(length=16), nullable=False),
        sa.Column("douar", sa.String(length=200), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("consent_at", sa.DateTime(), nullable=True),
        sa.Column("consent_by", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("association_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=48), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
    )
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_households_commune_code"), ["commune_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_phone"), ["phone"], unique=False)
        batch_op.create_index(
            "uq_households_active_cin",
            ["cin"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL AND cin IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NULL AND cin IS NOT NULL"),
        )

    op.create_table(
        "journal",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column("hlc", sa.String(length=48), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("pushed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_journal")),
    )
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_pushed_at"), ["pushed_at"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "volunteers",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_ar", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("cin", sa.String(length=20), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("association_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=48), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteers")),
    )
    op.create_table(
        "attendance",
        sa.Column("volunteer_id", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("check_in", sa.DateTime(), nullable=False),
        sa.Column("check_out", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("association_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=48), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_attendance_event_id_events")),
        sa.ForeignKeyConstraint(
            ["volunteer_id"], ["volunteers.id"], name=op.f("fk_attendance_volunteer_id_volunteers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index("ix_attendance_event_volunteer", ["event_id", "volunteer_id"], unique=False)

    op.create_table(
        "distributions",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("receipt", sa.String(length=40), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("collector_name", sa.String(length=200), nullable=True),
        sa.Column("handed_out_by", sa.String(length=200), nullable=True),
        sa.Column("volunteer_id", sa.String(length=36), nullable=True),
        sa.Column("served_at", sa.DateTime(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("deviation_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("association_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=48), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_distributions_event_id_events")),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_distributions_household_id_households")
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"], ["volunteers.id"], name=op.f("fk_distributions_volunteer_id_volunteers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distributions")),
        sa.UniqueConstraint("receipt", name=op.f("uq_distributions_receipt")),
    )
    with op.batch_alter_table("distributions", schema=None) as batch_op:
        batch_op.create_index("ix_distributions_event_household", ["event_id", "household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_distributions_household_id"), ["household_id"], unique=False)

    op.create_table(
        "event_items",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("label_ar", sa.String(length=200), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=20), nullable=False),
        sa.Column("bands", sa.JSON(), nullable=True),
        sa.Column("only_flag", sa.String(length=40), nullable=True),
        sa.Column("stock", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("association_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=48), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_event_items_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_items")),
        sa.UniqueConstraint("event_id", "code", name=op.f("uq_event_items_event_id_code")),
    )
    with op.batch_alter_table("event_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_items_event_id"), ["event_id"], unique=False)

    op.create_table(
        "members",
        sa.Column("household_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_ar", sa.String(length=200), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("relation", sa.String(length=40), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("association_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=48), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["household_id"], ["households.id"], name=op.f("fk_members_household_id_households")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_members_household_id"), ["household_id"], unique=False)

    op.create_table(
        "distribution_voids",
        sa.Column("distribution_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("voided_by", sa.String(length=200), nullable=True),
        sa.Column("voided_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("association_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=48), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["distribution_id"], ["distributions.id"], name=op.f("fk_distribution_voids_distribution_id_distributions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distribution_voids")),
        sa.UniqueConstraint("distribution_id", name=op.f("uq_distribution_voids_distribution_id")),
    )


def downgrade() -> None:
    op.drop_table("distribution_voids")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_members_household_id"))

    op.drop_table("members")
    with op.batch_alter_table("event_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_items_event_id"))

    op.drop_table("event_items")
    with op.batch_alter_table("distributions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_distributions_household_id"))
        batch_op.drop_index("ix_distributions_event_household")

    op.drop_table("distributions")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_event_volunteer")

    op.drop_table("attendance")
    op.drop_table("volunteers")
    op.drop_table("settings")
    with op.batch_alter_table("journal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_pushed_at"))

    op.drop_table("journal")
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_households_active_cin",
            sqlite_where=sa.text("deleted_at IS NULL AND cin IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NULL AND cin IS NOT NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_households_phone"))
        batch_op.drop_index(batch_op.f("ix_households_commune_code"))

    op.drop_table("households")
    op.drop_table("events")
    op.drop_table("audit")
