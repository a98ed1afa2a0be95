"""0003: every record, conflict and review item keyed by its association; records and changes HQ will not serve.

Until 0002 a record was keyed by (table, id) alone, so the first association to push an id owned it, and review items
and conflicts by a hash alone, so one association could write into another's. From 0003 the association is part of
each key. Rows already stored that a laptop could not keep (a reference to a record HQ does not hold for the same
association, fields beyond the size limit) are marked `refused` with the reason, and pulls skip them: a laptop that
was stuck on such a page gets past it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MAX_CHANGE_BYTES = 32 * 1024  # sync.protocol.MAX_CHANGE_BYTES when this was written
# (child table, reference field, parent table, may refer to HQ's rows published to every association)
REFERENCES = (
    ("members", "household_id", "households", False),
    ("event_items", "event_id", "events", False),
    ("distributions", "event_id", "events", True),
    ("distributions", "household_id", "households", False),
    ("distributions", "volunteer_id", "volunteers", False),
    ("distribution_voids", "distribution_id", "distributions", False),
    ("attendance", "volunteer_id", "volunteers", False),
    ("attendance", "event_id", "events", True),
)


def _field(dialect: str, name: str, alias: str = "records") -> str:
    if dialect == "postgresql":
        return f"({alias}.data->>'{name}')"
    return f"json_extract({alias}.data, '$.{name}')"


def _rekey(table: str, columns: list[str], dialect: str) -> None:
    if dialect == "postgresql":
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, columns)
    else:
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.drop_constraint(f"pk_{table}", type_="primary")
            batch.create_primary_key(f"pk_{table}", columns)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column("records", sa.Column("unique_value", sa.String(80)))
    op.add_column("records", sa.Column("refused", sa.String(20)))
    op.add_column("changes", sa.Column("refused", sa.String(20)))
    op.drop_index("ix_records_event_id_household_id", "records")
    op.drop_index("ix_records_ref_id", "records")
    op.drop_index("ix_conflicts_record_id", "conflicts")
    _rekey("records", ["id", "tbl", "association_id"], dialect)
    _rekey("conflicts", ["association_id", "key"], dialect)
    _rekey("reviews", ["association_id", "key"], dialect)
    op.create_index(
        "ix_records_association_id_event_id_household_id", "records", ["association_id", "event_id", "household_id"]
    )
    op.create_index("ix_records_association_id_ref_id", "records", ["association_id", "ref_id"])
    op.create_index("ix_records_association_id_tbl_unique_value", "records", ["association_id", "tbl", "unique_value"])
    op.create_index("ix_conflicts_association_id_record_id", "conflicts", ["association_id", "record_id"])

    receipt, event_id, code = (_field(dialect, n) for n in ("receipt", "event_id", "code"))
    joined = f"{event_id} || '|' || {code}"
    op.execute(f"UPDATE records SET unique_value = {receipt} WHERE tbl = 'distributions'")
    op.execute(f"UPDATE records SET unique_value = {joined} WHERE tbl = 'event_items'")

    size = "length(CAST(fields AS TEXT))" if dialect == "postgresql" else "length(fields)"
    op.execute(f"UPDATE changes SET refused = 'too_large' WHERE {size} > {MAX_CHANGE_BYTES}")
    op.execute(
        "UPDATE records SET refused = 'too_large' WHERE EXISTS (SELECT 1 FROM changes c WHERE c.tbl = records.tbl"
        " AND c.id = records.id AND c.association_id = records.association_id AND c.refused = 'too_large')"
    )
    # A parent refused makes its children orphans in turn: repeat until nothing moves (the chain is short).
    for _ in range(len(REFERENCES)):
        moved = 0
        for child, name, parent, may_be_shared in REFERENCES:
            owners = "records.association_id, '*'" if may_be_shared else "records.association_id"
            ref = _field(dialect, name)
            moved += (
                op.get_bind()
                .execute(
                    sa.text(
                        f"UPDATE records SET refused = 'missing_parent' WHERE tbl = '{child}' AND refused IS NULL"
                        f" AND {ref} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM records p WHERE p.tbl = '{parent}'"
                        f" AND p.id = {ref} AND p.refused IS NULL AND p.association_id IN ({owners}))"
                    )
                )
                .rowcount
            )
        if not moved:
            break
    op.execute(
        "UPDATE changes SET refused = (SELECT r.refused FROM records r WHERE r.tbl = changes.tbl AND r.id = changes.id"
        " AND r.association_id = changes.association_id) WHERE refused IS NULL AND EXISTS (SELECT 1 FROM records r"
        " WHERE r.tbl = changes.tbl AND r.id = changes.id AND r.association_id = changes.association_id"
        " AND r.refused IS NOT NULL)"
    )


def downgrade() -> None:
    raise NotImplementedError("0003 cannot be undone: records of two associations may now share an id")
