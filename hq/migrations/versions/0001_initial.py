"""0001: associations, enrollment codes, devices, push batches, merged records, change log, conflicts, reviews."""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID, STAMP, CODE = 36, 64, 40


def upgrade() -> None:
    op.create_table(
        "associations",
        sa.Column("id", sa.String(ID), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_associations"),
        sa.UniqueConstraint("name", name="uq_associations_name"),
    )
    op.create_table(
        "enroll_codes",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("association_id", sa.String(ID), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime()),
        sa.Column("device_id", sa.String(ID)),
        sa.PrimaryKeyConstraint("code_hash", name="pk_enroll_codes"),
        sa.ForeignKeyConstraint(["association_id"], ["associations.id"], name="fk_enroll_codes_association_id"),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("association_id", sa.String(ID), nullable=False),
        sa.Column("code", sa.String(CODE), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime()),
        sa.Column("last_seen_at", sa.DateTime()),
        sa.Column("next_seq", sa.BigInteger(), nullable=False, server_default="1"),
        sa.PrimaryKeyConstraint("id", name="pk_devices"),
        sa.UniqueConstraint("token_hash", name="uq_devices_token_hash"),
        sa.ForeignKeyConstraint(["association_id"], ["associations.id"], name="fk_devices_association_id"),
    )
    op.create_index("ix_devices_association_id", "devices", ["association_id"])
    op.create_table(
        "push_batches",
        sa.Column("device_id", sa.String(ID), nullable=False),
        sa.Column("from_seq", sa.BigInteger(), nullable=False),
        sa.Column("to_seq", sa.BigInteger(), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "from_seq", "to_seq", name="pk_push_batches"),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("tbl", sa.String(40), nullable=False),
        sa.Column("association_id", sa.String(ID), nullable=False),
        sa.Column("device_code", sa.String(CODE), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("field_hlc", sa.JSON(), nullable=False),
        sa.Column("hlc", sa.String(STAMP), nullable=False),
        sa.Column("event_id", sa.String(ID)),
        sa.Column("household_id", sa.String(ID)),
        sa.Column("ref_id", sa.String(ID)),
        sa.Column("deleted", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", "tbl", name="pk_records"),
    )
    op.create_index("ix_records_association_id_tbl", "records", ["association_id", "tbl"])
    op.create_index("ix_records_event_id_household_id", "records", ["event_id", "household_id"])
    op.create_index("ix_records_ref_id", "records", ["ref_id"])
    op.create_table(
        "changes",
        sa.Column("cursor", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("association_id", sa.String(ID), nullable=False),
        sa.Column("device_id", sa.String(ID), nullable=False),
        sa.Column("device_code", sa.String(CODE), nullable=False),
        sa.Column("tbl", sa.String(40), nullable=False),
        sa.Column("id", sa.String(ID), nullable=False),
        sa.Column("hlc", sa.String(STAMP), nullable=False),
        sa.Column("op", sa.String(1), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("prev", sa.JSON()),
        sa.PrimaryKeyConstraint("cursor", name="pk_changes"),
    )
    op.create_index("ix_changes_association_id_cursor", "changes", ["association_id", "cursor"])
    counters = op.create_table(
        "counters",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_counters"),
    )
    op.bulk_insert(counters, [{"name": "cursor", "value": 0}])
    op.create_table(
        "conflicts",
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("association_id", sa.String(ID), nullable=False),
        sa.Column("tbl", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(ID), nullable=False),
        sa.Column("field", sa.String(60), nullable=False),
        sa.Column("winner_value", sa.JSON()),
        sa.Column("winner_hlc", sa.String(STAMP), nullable=False),
        sa.Column("loser_value", sa.JSON()),
        sa.Column("loser_hlc", sa.String(STAMP), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("settled_at", sa.DateTime()),
        sa.Column("settled_by", sa.String(200)),
        sa.PrimaryKeyConstraint("key", name="pk_conflicts"),
    )
    op.create_index("ix_conflicts_association_id_settled_at", "conflicts", ["association_id", "settled_at"])
    op.create_index("ix_conflicts_record_id", "conflicts", ["record_id"])
    op.create_table(
        "reviews",
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("association_id", sa.String(ID), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("event_id", sa.String(ID)),
        sa.Column("household_id", sa.String(ID)),
        sa.Column("record_ids", sa.JSON(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("settled_at", sa.DateTime()),
        sa.Column("settled_by", sa.String(200)),
        sa.Column("note", sa.Text()),
        sa.PrimaryKeyConstraint("key", name="pk_reviews"),
    )
    op.create_index("ix_reviews_association_id_settled_at", "reviews", ["association_id", "settled_at"])
    op.create_table(
        "stamp_caps",
        sa.Column("device_id", sa.String(ID), nullable=False),
        sa.Column("from_hlc", sa.String(STAMP), nullable=False),
        sa.Column("to_hlc", sa.String(STAMP), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "from_hlc", name="pk_stamp_caps"),
    )


def downgrade() -> None:
    for table in (
        "stamp_caps",
        "reviews",
        "conflicts",
        "counters",
        "changes",
        "records",
        "push_batches",
        "devices",
        "enroll_codes",
        "associations",
    ):
        op.drop_table(table)
