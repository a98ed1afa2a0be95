"""0006: the laptop's user accounts, a keyed hash chain over the audit trail, consent text versions, anonymisation.

- `users`: who may open this laptop's record and with which role; never synced (each laptop has its own). Passwords
  are not here: each user's wrap of the data key lives beside the database (fieldapp.keystore), and unwrapping it is
  the password check.
- `audit`: `seq` orders the chain, `user_name` is the logged-in user (`actor` stays the label of who stood at the
  desk), `prev_hash`/`hash` chain every entry to the one before (HMAC keyed from the data key). Entries written
  before this revision are chained by `fieldapp audit verify`'s first run (they carry no hash until then).
- `households.consent_version`: which printed consent text the head of household agreed to;
  `households.anonymised_at`: when retention erased the identity fields (counts kept).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("name_key", sa.String(80), nullable=False),  # casefolded, for lookups: "Amina" logs in as "amina"
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("disabled_at", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(80)),
        sa.Column("password_changed_at", sa.DateTime),
    )
    op.create_index("uq_users_name_key", "users", ["name_key"], unique=True)
    with op.batch_alter_table("audit") as batch:
        batch.add_column(sa.Column("seq", sa.Integer))
        batch.add_column(sa.Column("user_name", sa.String(80)))
        batch.add_column(sa.Column("prev_hash", sa.String(64)))
        batch.add_column(sa.Column("hash", sa.String(64)))
    op.create_index("uq_audit_seq", "audit", ["seq"], unique=True)
    op.create_index("ix_audit_entity_id", "audit", ["entity_id"])
    with op.batch_alter_table("households") as batch:
        batch.add_column(sa.Column("consent_version", sa.String(20)))
        batch.add_column(sa.Column("anonymised_at", sa.DateTime))


def downgrade() -> None:
    with op.batch_alter_table("households") as batch:
        batch.drop_column("anonymised_at")
        batch.drop_column("consent_version")
    op.drop_index("ix_audit_entity_id", "audit")
    op.drop_index("uq_audit_seq", "audit")
    with op.batch_alter_table("audit") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("user_name")
        batch.drop_column("seq")
    op.drop_index("uq_users_name_key", "users")
    op.drop_table("users")
