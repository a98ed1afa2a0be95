"""Exporting households, distributions or attendance to CSV (UTF-8 with BOM, for Excel) or JSON, page by page."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from typing import TextIO

import phonenumbers
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from fieldapp import geo
from fieldapp.db import Database
from fieldapp.errors import BadData
from fieldapp.files import atomic_path
from fieldapp.models import Attendance, Distribution, DistributionVoid, Event, Household, Volunteer
from fieldapp.permissions import Action

KINDS = ("households", "distributions", "attendance")
FORMATS = ("csv", "json")
PAGE = 1000  # rows fetched from SQLite at a time: 150,000 households never sit in memory together
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


COLUMNS = {
    "households": (
        "id", "head_name", "head_name_ar", "cin", "phone", "commune_code", "commune", "commune_ar", "province_code",
        "province", "province_ar", "douar", "size", "flags", "consent", "consent_at", "consent_by", "registered_at",
    ),
    "distributions": (
        "receipt", "event", "household_id", "household_name", "household_name_ar", "cin", "items", "collector",
        "handed_out_by", "served_at", "override_reason", "deviation_reason", "voided", "voided_at", "void_reason",
        "device",
    ),
    "attendance": ("volunteer", "volunteer_ar", "phone", "event", "check_in", "check_out", "hours"),
}  # fmt: skip


def _households(session: Session) -> Iterator[dict]:
    h = Household
    query = (
        select(h.id, h.head_name, h.head_name_ar, h.cin, h.phone, h.province_code, h.commune_code, h.douar, h.size)
        .add_columns(h.flags, h.consent_at, h.consent_by, h.created_at)
        .where(h.deleted_at.is_(None))
        .order_by(h.id)  # ids are time-ordered: registration order, straight from the primary key index
    )
    for row in _stream(session, query):
        commune = geo.commune(row.commune_code)
        yield {
            "id": row.id,
            "head_name": row.head_name,
            "head_name_ar": row.head_name_ar,
            "cin": row.cin,
            "phone": row.phone,
            "commune_code": row.commune_code,
            "commune": commune.name_fr if commune else row.commune_code,
            "commune_ar": commune.name_ar if commune else None,
            "province_code": row.province_code,
            "province": commune.province_fr if commune else row.province_code,
            "province_ar": commune.province_ar if commune else None,
            "douar": row.douar,
            "size": row.size,
            "flags": list(row.flags or []),
            "consent": row.consent_at is not None,
            "consent_at": _when(row.consent_at),
            "consent_by": row.consent_by,
            "registered_at": _when(row.created_at),
        }


def _earliest_void(distribution_id):
    """The void that counts for a distribution: one line per receipt even when two laptops voided it."""
    other = aliased(DistributionVoid)
    return (
        select(other.id)
        .where(other.distribution_id == distribution_id)
        .order_by(other.voided_at, other.id)
        .limit(1)
        .scalar_subquery()
    )


def _distributions(session: Session) -> Iterator[dict]:
    d, v, h = Distribution, DistributionVoid, Household
    query = (
        select(d.receipt, d.household_id, d.items, d.collector_name, d.handed_out_by, d.served_at, d.device_id)
        .add_columns(d.override_reason, d.deviation_reason, Event.name.label("event"))
        .add_columns(h.head_name, h.head_name_ar, h.cin, v.voided_at, v.reason.label("void_reason"))
        .join(Event, Event.id == d.event_id)
        .join(h, h.id == d.household_id)
        .outerjoin(v, v.id == _earliest_void(d.id))
        .order_by(d.served_at, d.id)
    )
    for row in _stream(session, query):
        yield {
            "receipt": row.receipt,
            "event": row.event,
            "household_id": row.household_id,
            "household_name": row.head_name,
            "household_name_ar": row.head_name_ar,
            "cin": row.cin,
            "items": [f"{item['code']}×{item['quantity']}" for item in row.items or []],
            "collector": row.collector_name,
            "handed_out_by": row.handed_out_by,
            "served_at": _when(row.served_at),
            "override_reason": row.override_reason,
            "deviation_reason": row.deviation_reason,
            "voided": row.voided_at is not None,
            "voided_at": _when(row.voided_at),
            "void_reason": row.void_reason,
            "device": row.device_id,
        }


def _attendance(session: Session) -> Iterator[dict]:
    a = Attendance
    query = (
        select(a.check_in, a.check_out, Volunteer.name, Volunteer.name_ar, Volunteer.phone)
        .add_columns(Event.name.label("event"))
        .join(Volunteer, Volunteer.id == a.volunteer_id)
        .join(Event, Event.id == a.event_id)
        .where(a.deleted_at.is_(None))
        .order_by(a.check_in, a.id)
    )
    for row in _stream(session, query):
        hours = None
        if row.check_out is not None:
            hours = round((row.check_out - row.check_in).total_seconds() / 3600, 2)
        yield {
            "volunteer": row.name,
            "volunteer_ar": row.name_ar,
            "phone": row.phone,
            "event": row.event,
            "check_in": _when(row.check_in),
            "check_out": _when(row.check_out),
            "hours": hours,
        }


def _stream(session: Session, query: Select) -> Iterator:
    yield from session.execute(query.execution_options(yield_per=PAGE))


ROWS: dict[str, Callable[[Session], Iterator[dict]]] = {
    "households": _households,
    "distributions": _distributions,
    "attendance": _attendance,
}


def _csv_cell(key: str, value: object) -> object:
    """Lists joined; phones in national form (Excel would turn +212… into a number); formulas neutralised."""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    elif key == "phone" and isinstance(value, str) and value.startswith("+"):
        value = _national(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        value = "'" + value
    return value


def _national(e164: str) -> str:
    """+212612345678 → 06 12 34 56 78 (fast path: nearly every number); others as dialled from Morocco (00 33 …)."""
    if len(e164) == 13 and e164.startswith("+212") and e164[1:].isdigit():
        national = "0" + e164[4:]
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164
    return "00 " + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)[1:]


def _write_csv(handle: TextIO, columns: tuple[str, ...], rows: Iterator[dict]) -> int:
    writer = csv.DictWriter(handle, fieldnames=columns)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: _csv_cell(k, v) for k, v in row.items()})
        count += 1
    return count


def _write_json(handle: TextIO, rows: Iterator[dict]) -> int:
    count = 0
    handle.write("[")
    for row in rows:
        handle.write(("," if count else "") + "\n  " + json.dumps(row, ensure_ascii=False))
        count += 1
    handle.write("\n]\n" if count else "]\n")
    return count


def export_records(db: Database, kind: str, fmt: str, path: str | os.PathLike) -> int:
    """Write every row of `kind` to `path` (replaced only once complete); returns the number of rows written."""
    db.require(Action.EXPORT)
    if kind not in KINDS:
        raise BadData("error.export_kind", kind=kind, choices=", ".join(KINDS))
    if fmt not in FORMATS:
        raise BadData("error.export_format", format=fmt, choices=", ".join(FORMATS))
    # CSV gets a byte-order mark so that Excel reads UTF-8 (Arabic names) instead of the Windows code page.
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    with atomic_path(path) as temp, open(temp, "w", encoding=encoding, newline="") as handle, db.read() as session:
        rows = ROWS[kind](session)
        count = _write_csv(handle, COLUMNS[kind], rows) if fmt == "csv" else _write_json(handle, rows)
    return count
