"""Many rows inserted straight through the driver's executemany, each value bound as SQLAlchemy would bind it."""

from __future__ import annotations

from sqlalchemy.orm import Session


def insert_many(session: Session, table, rows: list[dict]) -> None:
    """`INSERT` of many rows straight through the driver's executemany, each value converted by its column type's
    own bind processor (the same text SQLAlchemy would store), without the per-row parameter building of Core."""
    connection = session.connection()
    columns = [c for c in table.columns if c.key in rows[0]]
    if missing := [c.key for c in table.columns if c.key not in rows[0] and c.default is not None]:
        raise ValueError(f"{table.name}: no value for {missing} (their defaults are not applied here)")
    dialect = connection.dialect
    bound = [_bound([row.get(c.key) for row in rows], c.type._cached_bind_processor(dialect)) for c in columns]
    names = ", ".join(f'"{c.name}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', list(zip(*bound, strict=True)))


def _bound(values: list, process) -> list:
    """One column's values through its bind processor, column by column: a batch's rows share their time stamps and
    association (the same object), converted once."""
    if process is None:
        return values
    out, last, last_out = [], None, process(None)
    for value in values:
        if value is not last:
            last, last_out = value, process(value)
        out.append(last_out)
    return out
