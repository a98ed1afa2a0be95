"""0004: the audit chain's head per device (and the times it went backwards), HQ's recovery key, laptops' wraps.

- `audit_heads`: the head (entries, hash) each laptop sent at its last hello; `audit_backwards`: each time a laptop
  sent fewer entries than HQ held, or another hash at the same length.
- `recovery_keys`: HQ's X25519 public keys (the newest is given to laptops); `recovery_wraps`: each laptop's secret
  sealed to it, from which `fieldapp-hq recovery-code` makes a one-time code.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = 36


def upgrade() -> None:
    op.create_table(
        "audit_heads",
        sa.Column("device_id", sa.String(ID), nullable=False),
        sa.Column("association_id", sa.String(ID), nullable=False),
        sa.Column("entries", sa.BigInteger, nullable=False),
        sa.Column("head_hash", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name="pk_audit_heads"),
    )
    op.create_table(
        "audit_backwards",
        sa.Column("id", sa.Integer, nullable=False, autoincrement=True),
        sa.Column("device_id", sa.String(ID), nullable=False),
        sa.Column("association_id", sa.String(ID), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("held_entries", sa.BigInteger, nullable=False),
        sa.Column("held_hash", sa.String(64), nullable=False),
        sa.Column("sent_entries", sa.BigInteger, nullable=False),
        sa.Column("sent_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_backwards"),
    )
    op.create_index("ix_audit_backwards_device_id", "audit_backwards", ["device_id"])
    op.create_table(
        "recovery_keys",
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("public_key", name="pk_recovery_keys"),
    )
    op.create_table(
        "recovery_wraps",
        sa.Column("device_id", sa.String(ID), nullable=False),
        sa.Column("association_id", sa.String(ID), nullable=False),
        sa.Column("sealed", sa.Text, nullable=False),
        sa.Column("public_key", sa.String(64)),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("code_given_at", sa.DateTime()),
        sa.PrimaryKeyConstraint("device_id", name="pk_recovery_wraps"),
    )


def downgrade() -> None:
    op.drop_table("recovery_wraps")
    op.drop_table("recovery_keys")
    op.drop_index("ix_audit_backwards_device_id", "audit_backwards")
    op.drop_table("audit_backwards")
    op.drop_table("audit_heads")
