"""Paper for an event: the beneficiaries' sign-off sheet and the volunteers' attendance sheet, as PDF."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp import geo, settings, signing
from fieldapp.db import Database
from fieldapp.errors import BadData, Refused
from fieldapp.files import atomic_path
from fieldapp.models import Attendance, Distribution, DistributionVoid, Event, Household, Volunteer
from fieldapp.normalize import fold_name, phone_text
from fieldapp.permissions import Action
from fieldapp.rules import entitlement
from fieldapp.services import lookup
from fieldapp.services.events import items_of
from fieldapp.services.receipts import mask_cin
from fieldapp.timefmt import local_text

if TYPE_CHECKING:  # the printing modules (reportlab) are imported only when a sheet is made
    from fieldapp.printing.attendance_sheet import AttendanceDocument, AttendanceRow
    from fieldapp.printing.sheet import SheetHeader, SignoffDocument

SORTS = ("name", "douar")
WALK_IN_ROWS = 6  # blank rows for volunteers who come unlisted (down to 3 when that keeps the totals on the page)
_CHUNK = 500  # ids per IN (...) query, well under SQLite's bound-parameter limit


@dataclass(frozen=True)
class SheetSummary:
    path: Path
    pages: int
    rows: int

    def as_dict(self) -> dict:
        return {"path": str(self.path), "pages": self.pages, "rows": self.rows}


def _both(key: str, **params: object) -> tuple[str, str]:
    """A printed line in French and in Arabic."""
    from fieldapp.printing.sheet import label

    return label(key, "fr", **params), label(key, "ar", **params)


def _dates(event: Event) -> str:
    if event.ends_on and event.ends_on != event.starts_on:
        return f"{event.starts_on.isoformat()} – {event.ends_on.isoformat()}"
    return event.starts_on.isoformat()


def _header(session: Session, event: Event, title_key: str) -> SheetHeader:
    from fieldapp.printing.sheet import SheetHeader

    commune = geo.commune(event.commune_code) if event.commune_code else None
    site = " — ".join(filter(None, (event.site, commune.name_fr if commune else None)))
    association = settings.get(session, "association_name") or ""
    fields = (
        ("print.association", association),
        ("print.event", event.name),
        ("print.site", site or "—"),
        ("print.date", _dates(event)),
    )
    purpose = _both("print.purpose", association=association)
    return SheetHeader(title_key, fields, f"{event.name} · {_dates(event)}", purpose)


# --- sign-off sheet -------------------------------------------------------------------------------------------------

_HOUSEHOLD_COLUMNS = (
    Household.id,
    Household.head_name,
    Household.head_name_ar,
    Household.cin,
    Household.douar,
    Household.size,
    Household.flags,
)


def _served(session: Session, event_id: str) -> dict[str, str]:
    """household id → receipt of its active (not voided) distribution at the event, the first one if several."""
    rows = session.execute(
        select(Distribution.household_id, Distribution.receipt)
        .outerjoin(DistributionVoid, DistributionVoid.distribution_id == Distribution.id)
        .where(Distribution.event_id == event_id, DistributionVoid.id.is_(None))
        .order_by(Distribution.served_at)
    ).all()
    served: dict[str, str] = {}
    for household_id, receipt in rows:
        served.setdefault(household_id, receipt)
    return served


def _households(session: Session, event: Event, served: dict[str, str]) -> list:
    """The households expected at the event (active ones of its commune, or all) plus any already served at it."""
    query = select(*_HOUSEHOLD_COLUMNS).where(Household.deleted_at.is_(None))
    if event.commune_code:
        query = query.where(Household.commune_code == event.commune_code)
    rows = list(session.execute(query).all())
    missing = sorted(set(served) - {row.id for row in rows})
    for start in range(0, len(missing), _CHUNK):
        chunk = missing[start : start + _CHUNK]
        rows += session.execute(select(*_HOUSEHOLD_COLUMNS).where(Household.id.in_(chunk))).all()
    return rows


def _sort_key(sort: str):
    if sort == "douar":
        return lambda h: (not h.douar, fold_name(h.douar), fold_name(h.head_name), h.head_name_ar or "", h.id)
    return lambda h: (fold_name(h.head_name), h.head_name_ar or "", h.id)


def signoff_document(db: Database, event_ref: str, sort: str = "name") -> SignoffDocument:
    """Everything the sign-off sheet shows, read in a few queries (none per household)."""
    from fieldapp.printing.sheet import SignoffDocument, SignoffRow

    if sort not in SORTS:
        raise BadData("error.sort_unknown", sort=sort, choices=", ".join(SORTS))
    with db.read() as session:
        event = lookup.event(session, event_ref)
        items = items_of(session, event.id)
        key, association_id = settings.get(session, "receipt_key"), settings.signing_association_id(session)
        if not key or not association_id:
            raise Refused("error.not_initialised")
        header = _header(session, event, "print.signoff_title")
        served = _served(session, event.id)
        households = sorted(_households(session, event, served), key=_sort_key(sort))
    totals = {item.code: 0 for item in items}
    rows = []
    for h in households:
        lines = entitlement(items, h.size, h.flags)
        for line in lines:
            totals[line.code] += line.entitled
        rows.append(
            SignoffRow(
                name=h.head_name,
                name_ar=h.head_name_ar,
                douar=h.douar,
                masked_cin=mask_cin(h.cin),
                size=h.size,
                entitlement=" ".join(f"{line.code}×{line.entitled}" for line in lines if line.entitled),
                qr_text=signing.row_code(key, association_id, event.id, h.id),
                receipt=served.get(h.id),
            )
        )
    already = sum(1 for r in rows if r.receipt)
    total_lines = [_both("print.total_households", count=len(rows)), _both("print.total_served", count=already)]
    for item in items:
        french, _ = _both("print.total_item", code=item.code, label=item.label, count=totals[item.code])
        _, arabic = _both(
            "print.total_item", code=item.code, label=item.label_ar or item.label, count=totals[item.code]
        )
        total_lines.append((french, arabic))
    return SignoffDocument(header, rows, total_lines)


def write_signoff_sheet(db: Database, event_ref: str, path: str | os.PathLike, sort: str = "name") -> SheetSummary:
    """The beneficiaries' sign-off sheet of an event as a PDF at `path` (A4 landscape, a signed QR per row)."""
    from fieldapp.printing.sheet import render_signoff

    db.require(Action.PRINT)

    document = signoff_document(db, event_ref, sort)
    with atomic_path(path) as temp:
        pages = render_signoff(document, temp)
    return SheetSummary(Path(path), pages, len(document.rows))


# --- attendance sheet -----------------------------------------------------------------------------------------------


def hours_text(hours: float | None) -> str:
    """3.5 → '3:30': digits only, so it reads the same in French and inside Arabic (right-to-left) text."""
    if hours is None:
        return ""
    minutes = round(hours * 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def _attendance_row(attendance: Attendance, volunteer: Volunteer) -> AttendanceRow:
    from fieldapp.printing.attendance_sheet import AttendanceRow

    check_in, check_out = local_text(attendance.check_in), local_text(attendance.check_out)
    phone = phone_text(volunteer.phone)
    return AttendanceRow(volunteer.name, volunteer.name_ar, phone, check_in, check_out, hours_text(attendance.hours))


def attendance_document(db: Database, event_ref: str) -> AttendanceDocument:
    """Who checked in at the event (one row per check-in), then roster volunteers who did not, then blank rows."""
    from fieldapp.printing.attendance_sheet import AttendanceDocument, AttendanceRow, walk_in_rows

    with db.read() as session:
        event = lookup.event(session, event_ref)
        header = _header(session, event, "print.attendance_title")
        present = session.execute(
            select(Attendance, Volunteer)
            .join(Volunteer, Volunteer.id == Attendance.volunteer_id)
            .where(Attendance.event_id == event.id, Attendance.deleted_at.is_(None))
            .order_by(Attendance.check_in)
        ).all()
        seen = {v.id for _, v in present}
        roster = [
            v
            for v in session.scalars(select(Volunteer).where(Volunteer.deleted_at.is_(None))).all()
            if v.id not in seen
        ]
        rows = [_attendance_row(a, v) for a, v in present]
        total = sum(a.hours or 0.0 for a, _ in present)
        still_open = sum(1 for a, _ in present if a.check_out is None)
    roster.sort(key=lambda v: (fold_name(v.name), v.id))
    rows += [AttendanceRow(v.name, v.name_ar, phone_text(v.phone), "", "", "") for v in roster]
    totals = [_both("print.total_volunteers", count=len(seen)), _both("print.total_hours", hours=hours_text(total))]
    if still_open:
        totals.append(_both("print.total_open", count=still_open))
    rows += [AttendanceRow("", None, None, "", "", "")] * walk_in_rows(len(rows), len(totals), WALK_IN_ROWS)
    return AttendanceDocument(header, rows, totals)


def write_attendance_sheet(db: Database, event_ref: str, path: str | os.PathLike) -> SheetSummary:
    """The volunteers' attendance sheet of an event as a PDF at `path`: hours of those who checked in, blanks."""
    from fieldapp.printing.attendance_sheet import render_attendance

    db.require(Action.PRINT)

    document = attendance_document(db, event_ref)
    with atomic_path(path) as temp:
        pages = render_attendance(document, temp)
    return SheetSummary(Path(path), pages, len(document.rows))
