"""0006: each association's household-card key, which HQ gives its laptops at hello (a card scans on every desk).

Household cards (FAC1 codes) were signed with each laptop's own receipt key, so a card printed on one laptop was
refused at another desk of the same association. From 0006 each association has a random 32-byte key
(`associations.card_key`, 64 hex digits) that its enrolled laptops receive in the hello answer and sign new cards with.
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("associations", sa.Column("card_key", sa.String(64)))
    associations = sa.table("associations", sa.column("id"), sa.column("card_key"))
    bind = op.get_bind()
    for association_id in bind.execute(sa.select(associations.c.id)).scalars().all():
        bind.execute(
            associations.update().where(associations.c.id == association_id).values(card_key=secrets.token_hex(32))
        )


def downgrade() -> None:
    op.drop_column("associations", "card_key")
