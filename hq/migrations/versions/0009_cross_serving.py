"""0009: cross-association matching: households' keyed hashes (match_keys) and the pairs of distributions that serve
one person in one event from two associations (cross_servings), filled from the records HQ holds."""

import sqlalchemy as sa
from alembic import op

from hq.schema import UTC

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_keys",
        sa.Column("association_id", sa.String(36), nullable=False),
        sa.Column("household_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("association_id", "household_id", "kind", "key_hash", name="pk_match_keys"),
    )
    op.create_index("ix_match_keys_key_hash_kind", "match_keys", ["key_hash", "kind"])
    op.create_table(
        "cross_servings",
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("a_association_id", sa.String(36), nullable=False),
        sa.Column("a_household_id", sa.String(36), nullable=False),
        sa.Column("a_distribution_id", sa.String(36), nullable=False),
        sa.Column("b_association_id", sa.String(36), nullable=False),
        sa.Column("b_household_id", sa.String(36), nullable=False),
        sa.Column("b_distribution_id", sa.String(36), nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("found_at", UTC(), nullable=False),
        sa.PrimaryKeyConstraint(
            "a_association_id", "a_distribution_id", "b_association_id", "b_distribution_id", name="pk_cross_servings"
        ),
    )
    op.create_index("ix_cross_servings_event_id", "cross_servings", ["event_id"])
    for side in ("a", "b"):
        op.create_index(
            f"ix_cross_servings_{side}_association_id_{side}_household_id",
            "cross_servings",
            [f"{side}_association_id", f"{side}_household_id"],
        )
    op.create_index(
        "ix_cross_servings_b_association_id_b_distribution_id",
        "cross_servings",
        ["b_association_id", "b_distribution_id"],
    )
    # Filled from what HQ holds: the match key is made now (hq.match_key) when there is a household to hash.
    bind = op.get_bind()
    held = bind.execute(sa.text("SELECT 1 FROM records WHERE tbl = 'households' AND association_id <> '*' LIMIT 1"))
    if held.first() is not None:
        from hq import cross_rebuild, match_key

        cross_rebuild.rebuild(bind, match_key.load(bind))


def downgrade() -> None:
    op.drop_table("cross_servings")
    op.drop_table("match_keys")
