"""Writing many rows in one round trip: COPY and UPDATE … FROM unnest() on PostgreSQL, executemany on SQLite."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from hq import schema as s


def among(conn: Connection, column, values: set[str] | list[str]):
    """column IN values; on PostgreSQL `= ANY(array)`, one parameter however many values (quicker to send)."""
    if conn.dialect.name == "postgresql":
        return column == sa.any_(sa.literal(sorted(values), postgresql.ARRAY(sa.String())))
    return column.in_(sorted(values))


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _naive(value):
    return value.astimezone(dt.UTC).replace(tzinfo=None) if isinstance(value, dt.datetime) else value


_PLAIN = (sa.String, sa.Integer, sa.Boolean, sa.Float)


def insert_rows(conn: Connection, table: sa.Table, rows: list[dict]) -> None:
    """Insert rows (dicts with the same keys). On PostgreSQL one COPY, far cheaper than a statement per row."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), rows)
        return
    names = list(rows[0])
    json_columns = {c.name for c in table.columns if isinstance(c.type, sa.JSON)}
    # Text, numbers and booleans go as they are; JSON is dumped and times made naive UTC (what the columns hold).
    plain = {c.name for c in table.columns if isinstance(c.type, _PLAIN) and not isinstance(c.type, sa.JSON)}
    quoted = ", ".join(f'"{name}"' for name in names)
    cursor = conn.connection.driver_connection.cursor()
    try:
        with cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
            if plain.issuperset(names):
                for row in rows:
                    copy.write_row([row[n] for n in names])
            else:
                for row in rows:
                    copy.write_row([_json(row[n]) if n in json_columns else _naive(row[n]) for n in names])
    finally:
        cursor.close()


_UPDATED = (
    "data",
    "field_hlc",
    "hlc",
    "event_id",
    "household_id",
    "ref_id",
    "cin",
    "deleted",
    "updated_at",
    "unique_value",
)
_PG_UPDATE = """
UPDATE records AS r SET data = v.data::json, field_hlc = v.field_hlc::json, hlc = v.hlc, event_id = v.event_id,
    household_id = v.household_id, ref_id = v.ref_id, cin = v.cin, deleted = v.deleted, updated_at = v.updated_at,
    unique_value = v.unique_value
FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[],
            %s::text[], %s::boolean[], %s::timestamp[], %s::text[])
    AS v(id, tbl, association_id, data, field_hlc, hlc, event_id, household_id, ref_id, cin, deleted, updated_at,
         unique_value)
WHERE r.id = v.id AND r.tbl = v.tbl AND r.association_id = v.association_id
"""


def update_records(conn: Connection, rows: list[dict]) -> None:
    """Write merged records back: rows carry id, tbl, association_id and the columns a merge can move."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        columns = [[row["id"] for row in rows], [row["tbl"] for row in rows], [row["association_id"] for row in rows]]
        for name in _UPDATED:
            convert = _json if name in ("data", "field_hlc") else _naive
            columns.append([convert(row[name]) for row in rows])
        conn.exec_driver_sql(_PG_UPDATE, tuple(columns))
        return
    r = s.records
    stmt = (
        r.update()
        .where(
            r.c.id == sa.bindparam("b_id"),
            r.c.tbl == sa.bindparam("b_tbl"),
            r.c.association_id == sa.bindparam("b_association_id"),
        )
        .values({name: sa.bindparam(name) for name in _UPDATED})
    )
    conn.execute(
        stmt,
        [
            {
                **{n: row[n] for n in _UPDATED},
                "b_id": row["id"],
                "b_tbl": row["tbl"],
                "b_association_id": row["association_id"],
            }
            for row in rows
        ],
    )
