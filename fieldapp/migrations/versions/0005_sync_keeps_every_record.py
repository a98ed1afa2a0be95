"""0005: a receipt may hold several voids and two households may share a CIN when they come from two laptops.

A receipt voided on two laptops, or one CIN registered on two laptops, reaches every replica as it is at HQ: both
void rows, both CINs. The desk still refuses a second void and a CIN already taken (services check before writing);
sync then opens a review item for a person to settle. The indexes stay for lookups, no longer unique.
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite cannot drop a table constraint: batch mode rebuilds the (small) table with its rows.
    with op.batch_alter_table("distribution_voids", recreate="always") as batch:
        batch.drop_constraint("uq_distribution_voids_distribution_id", type_="unique")
        batch.create_index("ix_distribution_voids_distribution_id", ["distribution_id"])
    op.execute("DROP INDEX IF EXISTS uq_households_active_cin")
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_households_active_cin ON households (cin) "
        "WHERE deleted_at IS NULL AND cin IS NOT NULL"
    )


def downgrade() -> None:
    # Fails, leaving the file unchanged, when a receipt holds two voids or two active households share a CIN.
    op.execute("DROP INDEX IF EXISTS ix_households_active_cin")
    op.execute(
        "CREATE UNIQUE INDEX uq_households_active_cin ON households (cin) WHERE deleted_at IS NULL AND cin IS NOT NULL"
    )
    with op.batch_alter_table("distribution_voids", recreate="always") as batch:
        batch.drop_index("ix_distribution_voids_distribution_id")
        batch.create_unique_constraint("uq_distribution_voids_distribution_id", ["distribution_id"])
