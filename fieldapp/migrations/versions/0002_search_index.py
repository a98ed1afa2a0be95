"""0002: the household search index (FTS5 over folded names, CIN, phone and receipts), filled from existing rows."""

from alembic import op

from fieldapp import search

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    for statement in search.CREATE_STATEMENTS:
        op.execute(statement)
    search.rebuild_index(connection)


def downgrade() -> None:
    op.execute("DROP TABLE household_search")
    op.execute("DROP TABLE search_keys")
