"""Exporting households, distributions or attendance to CSV (UTF-8 with BOM, for Excel), XLSX or JSON, page by page;
the households as the Households page shows them (search or filters), distributions and attendance of one event."""

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
from fieldapp.services import Outcome, lookup
from fieldapp.services.household_query import HouseholdQuery
from fieldapp.spreadsheet import formula_like

KINDS = ("households", "distributions", "attendance")
FORMATS = ("csv", "xlsx", "json")
PAGE = 1000  # rows fetched from SQLite at a time: 150,000 households never sit in memory together


Progress = Callable[[int, int], None]  # (rows written, 0): may raise to stop the export (the window's Cancel)


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _plain(value: object) -> object:
    """A value as CSV and JSON write it: times in UTC, ISO 8601 (XLSX gets real dates)."""
    return _when(value) if isinstance(value, dt.datetime) else value


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


def _households(session: Session, query: HouseholdQuery | None = None) -> Iterator[dict]:
    """Every active household in registration order; with a query, those the Households page shows for it (a search:
    its matches, best first)."""
    h = Household
    chosen = select(
        h.id, h.head_name, h.head_name_ar, h.cin, h.phone, h.province_code, h.commune_code, h.douar, h.size
    ).add_columns(h.flags, h.consent_at, h.consent_by, h.created_at)
    if query is not None and query.searching:  # a search ignores the filters, as on the page
        ids = query.search_ids(session)
        chosen = chosen.where(h.deleted_at.is_(None), h.id.in_(ids))
        found = {row.id: row for row in session.execute(chosen)} if ids else {}
        rows: Iterator = (found[i] for i in ids if i in found)
    else:  # ids are time-ordered: registration order, straight from the primary key index
        where = query.conditions(session) if query is not None else [h.deleted_at.is_(None)]
        rows = _stream(session, chosen.where(*where).order_by(h.id))
    for row in rows:
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
            "consent_at": row.consent_at,
            "consent_by": row.consent_by,
            "registered_at": row.created_at,
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


def _distributions(session: Session, event_id: str | None = None) -> Iterator[dict]:
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
    if event_id is not None:
        query = query.where(d.event_id == event_id)
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
            "served_at": row.served_at,
            "override_reason": row.override_reason,
            "deviation_reason": row.deviation_reason,
            "voided": row.voided_at is not None,
            "voided_at": row.voided_at,
            "void_reason": row.void_reason,
            "device": row.device_id,
        }


def _attendance(session: Session, event_id: str | None = None) -> Iterator[dict]:
    a = Attendance
    query = (
        select(a.check_in, a.check_out, Volunteer.name, Volunteer.name_ar, Volunteer.phone)
        .add_columns(Event.name.label("event"))
        .join(Volunteer, Volunteer.id == a.volunteer_id)
        .join(Event, Event.id == a.event_id)
        .where(a.deleted_at.is_(None))
        .order_by(a.check_in, a.id)
    )
    if event_id is not None:
        query = query.where(a.event_id == event_id)
    for row in _stream(session, query):
        hours = None
        if row.check_out is not None:
            hours = round((row.check_out - row.check_in).total_seconds() / 3600, 2)
        yield {
            "volunteer": row.name,
            "volunteer_ar": row.name_ar,
            "phone": row.phone,
            "event": row.event,
            "check_in": row.check_in,
            "check_out": row.check_out,
            "hours": hours,
        }


def _stream(session: Session, query: Select) -> Iterator:
    yield from session.execute(query.execution_options(yield_per=PAGE))


def _csv_cell(key: str, value: object) -> object:
    """Lists joined; phones in national form (Excel would turn +212… into a number); formulas neutralised."""
    if isinstance(value, dt.datetime):
        value = _when(value)
    elif isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    elif key == "phone" and isinstance(value, str) and value.startswith("+"):
        value = national(value)
    if isinstance(value, str) and formula_like(value):
        value = "'" + value
    return value


def national(e164: str) -> str:
    """+212612345678 → 06 12 34 56 78 (fast path: nearly every number); others as dialled from Morocco (00 33 …)."""
    if len(e164) == 13 and e164.startswith("+212") and e164[1:].isdigit():
        digits = "0" + e164[4:]
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
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
        plain = {k: _plain(v) for k, v in row.items()}
        handle.write(("," if count else "") + "\n  " + json.dumps(plain, ensure_ascii=False))
        count += 1
    handle.write("\n]\n" if count else "]\n")
    return count


def _rows(session: Session, kind: str, households: HouseholdQuery | None, event: str | None) -> Iterator[dict]:
    if kind == "households":
        return _households(session, households)
    event_id = lookup.event(session, event).id if event else None
    return (_distributions if kind == "distributions" else _attendance)(session, event_id)


def _reported(rows: Iterator[dict], progress: Progress) -> Iterator[dict]:
    for count, row in enumerate(rows, start=1):
        if count % PAGE == 0:
            progress(count, 0)
        yield row


def export_records(
    db: Database,
    kind: str,
    fmt: str,
    path: str | os.PathLike,
    *,
    households: HouseholdQuery | None = None,
    event: str | None = None,
    language: str | None = None,
    progress: Progress | None = None,
    actor: str | None = None,
) -> Outcome[int]:
    """Write the rows of `kind` to `path` (replaced only once complete); its value is the number of rows written.

    `households`: only the households the Households page shows for this search or these filters (kind households).
    `event` (id or name): only that event's distributions or attendance. XLSX headers and sheet are in `language`
    (default: the current one). Coordinators only (EXPORT); each export is written in the audit trail, which no page
    shows: it changes nothing a page shows.
    """
    db.require(Action.EXPORT)
    if kind not in KINDS:
        raise BadData("error.export_kind", kind=kind, choices=", ".join(KINDS))
    if fmt not in FORMATS:
        raise BadData("error.export_format", format=fmt, choices=", ".join(FORMATS))
    if households is not None and kind != "households":
        raise BadData("error.export_filter", kind=kind, applies_to="households")
    if event and kind == "households":
        raise BadData("error.export_filter", kind=kind, applies_to="distributions, attendance")
    with atomic_path(path) as temp, db.read() as session:
        rows = _rows(session, kind, households, event)
        rows = _reported(rows, progress) if progress else rows
        if fmt == "xlsx":
            from fieldapp.services.export_xlsx import write_xlsx

            count = write_xlsx(temp, kind, COLUMNS[kind], rows, language)
        else:
            # CSV gets a byte-order mark so that Excel reads UTF-8 (Arabic names) instead of the Windows code page.
            with open(temp, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as handle:
                count = _write_csv(handle, COLUMNS[kind], rows) if fmt == "csv" else _write_json(handle, rows)
    with db.write(actor) as uow:
        uow.audit("records.export", kind, None, format=fmt, count=count, **_filters(households, event))
    return Outcome(count)


def _filters(households: HouseholdQuery | None, event: str | None) -> dict:
    """The filters of an export as its audit entry keeps them (only those given; a search's text is not kept: it may
    be a name or a CIN, which the audit trail outlives)."""
    given = {k: v for k, v in vars(households).items() if v and k != "text"} if households is not None else {}
    if households is not None and households.searching:
        given["search"] = True
    return {"filters": {**given, **({"event": event} if event else {})}} if given or event else {}
