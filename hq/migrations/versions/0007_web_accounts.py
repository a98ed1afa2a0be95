"""0007: HQ's web accounts and sessions, each laptop's app version, a note on settled conflicts."""

import sqlalchemy as sa
from alembic import op

from hq.schema import UTC

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("devices", sa.Column("app_version", sa.String(40)))
    op.add_column("conflicts", sa.Column("note", sa.Text()))
    op.create_table(
        "web_users",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("association_id", sa.String(36), nullable=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("language", sa.String(5), server_default="fr", nullable=False),
        sa.Column("created_at", UTC(), nullable=False),
        sa.Column("disabled_at", UTC(), nullable=True),
        sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", UTC(), nullable=True),
        sa.ForeignKeyConstraint(["association_id"], ["associations.id"], name="fk_web_users_association_id"),
        sa.PrimaryKeyConstraint("id", name="pk_web_users"),
        sa.UniqueConstraint("name", name="uq_web_users_name"),
    )
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(36), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", UTC(), nullable=False),
        sa.Column("expires_at", UTC(), nullable=False),
        sa.Column("last_seen_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["web_users.id"], name="fk_web_sessions_user_id"),
        sa.PrimaryKeyConstraint("token_hash", name="pk_web_sessions"),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_web_sessions_user_id", "web_sessions")
    op.drop_table("web_sessions")
    op.drop_table("web_users")
    op.drop_column("devices", "app_version")
    op.drop_column("conflicts", "note")
