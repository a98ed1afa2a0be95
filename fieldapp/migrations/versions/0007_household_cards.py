"""0007: `household_cards`, which households this laptop printed a card for (when last, by whom, how many times).

Local to the laptop, never synced: "not yet carded" is what this laptop printed (cards are signed with the
association's card key once enrolled, see docs/architecture.md "Signed codes").
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "household_cards",
        sa.Column("household_id", sa.String(36), primary_key=True),
        sa.Column("printed_at", sa.DateTime, nullable=False),
        sa.Column("printed_by", sa.String(80)),
        sa.Column("copies", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("household_cards")
