"""The dashboard figures' rows: a record read as the figures see it (a receipt, a presence, a household's place),
and the additive sums receipts count for (fig_cells, fig_days), written by upsert. Used by hq.figures_ingest."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fieldapp import geo
from hq import bulk
from hq import schema as s
from hq.findings import dialect_insert

CELL_KEY = ("association_id", "event_id", "day", "region_code", "province_code", "commune_code", "item_code")
CELL_SUMS = ("receipts", "voided", "quantity", "entitled")
DAY_KEY = ("association_id", "day", "prev_day", "region_code", "province_code", "commune_code", "size", "flags")
FAMILY_SUMS = ("families", "people")


# --- reading a record as the figures see it ----------------------------------------------------------------------


def instant(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _code(value: object) -> str:
    return value if isinstance(value, str) and len(value) <= s.PLACE else ""


def household_place(data: dict | None) -> dict:
    """The household's region, province, commune (HCP codes), size and criteria, as the figures group them."""
    data = data or {}
    commune_code, province_code = _code(data.get("commune_code")), _code(data.get("province_code"))
    commune = geo.commune(commune_code) if commune_code else None
    region_code = commune.region_code if commune else province_code.split(".")[0]
    size = data.get("size")
    flags = data.get("flags") if isinstance(data.get("flags"), list) else []
    joined = ",".join(sorted({f for f in flags if isinstance(f, str) and f and "," not in f and len(f) <= 40}))
    return {
        "region_code": region_code,
        "province_code": province_code,
        "commune_code": commune_code,
        "size": size if isinstance(size, int) and 0 <= size < 10_000 else 0,
        "flags": joined[: s.FLAGS],
    }


def _items(value: object) -> list[list]:
    """A receipt's items as [code (upper case), quantity, entitled], as the laptop's report reads them."""
    lines = []
    for line in value if isinstance(value, list) else []:
        if isinstance(line, dict):
            code = str(line.get("code", "")).upper()[:40]
            lines.append([code, _int(line.get("quantity")), _int(line.get("entitled"))])
    return lines


def _int(value: object) -> int:
    """A quantity as a number (0 when it is not one), kept within ±10⁹ so that no sum overflows its column."""
    try:
        return max(-(10**9), min(10**9, int(value or 0)))
    except (TypeError, ValueError, OverflowError):
        return 0


def receipt_row(association_id: str, distribution_id: str, device_code: str, data: dict, place: dict, voided: bool):
    """The fig_receipts row of a distribution (None for a deleted one or one that names no event or household)."""
    served_at = instant(data.get("served_at"))
    event_id, household_id = data.get("event_id"), data.get("household_id")
    if data.get("deleted_at") or served_at is None or not (isinstance(event_id, str) and isinstance(household_id, str)):
        return None
    return {
        "association_id": association_id,
        "distribution_id": distribution_id,
        "household_id": household_id,
        "event_id": event_id,
        "served_at": served_at,
        "day": served_at.date().isoformat(),
        "receipt": str(data.get("receipt") or "")[:40],
        "device_code": device_code,
        "voided": voided,
        "items": _items(data.get("items")),
        **place,
    }


def presence_row(association_id: str, attendance_id: str, data: dict) -> dict | None:
    check_in, check_out = instant(data.get("check_in")), instant(data.get("check_out"))
    volunteer_id, event_id = data.get("volunteer_id"), data.get("event_id")
    if data.get("deleted_at") or check_in is None or not isinstance(volunteer_id, str) or not isinstance(event_id, str):
        return None
    hours = (check_out - check_in).total_seconds() / 3600 if check_out is not None else None
    return {
        "association_id": association_id,
        "attendance_id": attendance_id,
        "volunteer_id": volunteer_id,
        "event_id": event_id,
        "day": check_in.date().isoformat(),
        "hours": hours,
    }


# --- what receipts count for ----------------------------------------------------------------------------------------


class Sums:
    """Deltas (or totals) of the additive cells and of the families by day, keyed by their tables' key columns."""

    def __init__(self) -> None:
        self.cells: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        self.days: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])

    def add(self, rows: Iterable[dict], sign: int = 1) -> None:
        """Count the receipts of whole households (every receipt of each household must be in `rows`)."""
        served: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            place = (row["region_code"], row["province_code"], row["commune_code"])
            base = (row["association_id"], row["event_id"], row["day"], *place)
            cell = self.cells[(*base, "")]
            if row["voided"]:
                cell[1] += sign
                continue
            cell[0] += sign
            served[row["household_id"]].append(row)
            for code, quantity, entitled in row["items"]:
                item = self.cells[(*base, code)]
                item[2] += sign * quantity
                item[3] += sign * entitled
        for receipts in served.values():
            first = receipts[0]
            who = (first["region_code"], first["province_code"], first["commune_code"], first["size"], first["flags"])
            people = first["size"]
            prev = ""
            for day in sorted({r["day"] for r in receipts}):
                cell = self.days[(first["association_id"], day, prev, *who)]
                cell[0] += sign
                cell[1] += sign * people
                prev = day

    def write(self, conn: Connection) -> None:
        """Add the non-zero deltas to the tables (upsert), then drop the cells they brought to zero."""
        for table, key, sums, found in (
            (s.fig_cells, CELL_KEY, CELL_SUMS, self.cells),
            (s.fig_days, DAY_KEY, FAMILY_SUMS, self.days),
        ):
            rows = [
                {**dict(zip(key, k, strict=True)), **dict(zip(sums, v, strict=True))}
                for k, v in sorted(found.items())
                if any(v)
            ]
            if not rows:
                continue
            _add(conn, table, key, sums, rows)
            if not any(value < 0 for sums_ in found.values() for value in sums_):
                continue  # only additions: no cell came to zero
            second = table.c[key[1]]
            conn.execute(
                table.delete().where(
                    table.c.association_id.in_(sorted({r["association_id"] for r in rows})),
                    second.in_(sorted({r[key[1]] for r in rows})),
                    *(table.c[n] == 0 for n in sums),
                )
            )

    def insert(self, conn: Connection) -> None:
        """Write the sums as new rows (a rebuild, on empty tables)."""
        for table, key, sums, found in (
            (s.fig_cells, CELL_KEY, CELL_SUMS, self.cells),
            (s.fig_days, DAY_KEY, FAMILY_SUMS, self.days),
        ):
            rows = [{**dict(zip(key, k, strict=True)), **dict(zip(sums, v, strict=True))} for k, v in found.items()]
            bulk.insert_rows(conn, table, [r for r in rows if any(r[n] for n in sums)])


_PG_TYPES = {sa.BigInteger: "bigint", sa.Integer: "integer", sa.String: "text"}


def _add(conn: Connection, table: sa.Table, key: tuple[str, ...], sums: tuple[str, ...], rows: list[dict]) -> None:
    """Add rows' sums to the cells of the same key (upsert). On PostgreSQL one statement over unnest() arrays rather
    than a statement per row."""
    if conn.dialect.name != "postgresql":
        insert = dialect_insert(conn, table)
        update = {n: table.c[n] + insert.excluded[n] for n in sums}
        conn.execute(insert.on_conflict_do_update(index_elements=list(key), set_=update), rows)
        return
    names = [*key, *sums]
    types = [next(t for k, t in _PG_TYPES.items() if isinstance(table.c[n].type, k)) for n in names]
    arrays = ", ".join(f"%s::{t}[]" for t in types)
    update = ", ".join(f"{n} = {table.name}.{n} + excluded.{n}" for n in sums)
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(names)}) SELECT * FROM unnest({arrays}) "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {update}",
        tuple([row[n] for row in rows] for n in names),
    )
