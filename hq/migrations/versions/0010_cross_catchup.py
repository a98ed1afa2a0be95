"""0010: cross-association matching moves out of the pushes' transactions (hq.cross_catchup): the "cross" counter row
holds the last cursor matching has seen. Up to 0009 every push matched its own changes, so it starts at the change
log's last cursor."""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.get_bind().execute(
        sa.text("INSERT INTO counters (name, value) SELECT 'cross', value FROM counters WHERE name = 'cursor'")
    )


def downgrade() -> None:
    op.get_bind().execute(sa.text("DELETE FROM counters WHERE name = 'cross'"))
