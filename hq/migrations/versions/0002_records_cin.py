"""0002: a household's CIN extracted on `records`, so one CIN registered for two households becomes a review item."""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("records", sa.Column("cin", sa.String(20), nullable=True))
    records = sa.table("records", sa.column("tbl"), sa.column("cin"), sa.column("data", sa.JSON))
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("UPDATE records SET cin = data->>'cin' WHERE tbl = 'households'")
    else:
        op.execute(
            records.update()
            .where(records.c.tbl == "households")
            .values(cin=sa.func.json_extract(records.c.data, "$.cin"))
        )
    op.create_index("ix_records_association_id_cin", "records", ["association_id", "cin"])


def downgrade() -> None:
    op.drop_index("ix_records_association_id_cin", "records")
    with op.batch_alter_table("records") as batch:
        batch.drop_column("cin")
