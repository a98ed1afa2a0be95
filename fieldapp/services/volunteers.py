"""Volunteers: the roster (registered, edited, deactivated and back), check-in and check-out at an event, and hours."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from fieldapp.db import Database
from fieldapp.errors import BadData, Notice, Refused
from fieldapp.models import Attendance, Volunteer, utcnow
from fieldapp.normalize import normalize_cin, normalize_phone, phone_notices
from fieldapp.permissions import Action
from fieldapp.services import Outcome, lookup
from fieldapp.views import AttendanceView, VolunteerView, attendance_view, volunteer_view


def _known_phone_notices(session, phone: str | None, other_than: str | None = None) -> list[Notice]:
    """A warning, not a block: the number is unusual, or another active volunteer already has it."""
    notices = phone_notices(phone)
    if phone:
        query = select(Volunteer).where(Volunteer.phone == phone, Volunteer.deleted_at.is_(None))
        if other_than is not None:
            query = query.where(Volunteer.id != other_than)
        if session.scalars(query).first():
            notices.append(Notice("warning.volunteer_phone_known", {"phone": phone}))
    return notices


def _clean_name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise BadData("error.name_required")
    return name


def register_volunteer(
    db: Database,
    name: str,
    name_ar: str | None = None,
    phone: str | None = None,
    cin: str | None = None,
    actor: str | None = None,
) -> Outcome[VolunteerView]:
    db.require(Action.EDIT_VOLUNTEERS)
    name = _clean_name(name)
    phone = normalize_phone(phone)
    with db.write(actor) as uow:
        uow.require_identity()
        notices = _known_phone_notices(uow.session, phone)
        volunteer = Volunteer(name=name, name_ar=(name_ar or "").strip() or None, phone=phone, cin=normalize_cin(cin))
        uow.session.add(volunteer)
        uow.session.flush()
        uow.audit("volunteer.register", "volunteers", volunteer.id)
        view = volunteer_view(volunteer)
    return Outcome(view, notices, frozenset({"volunteers"}))


def update_volunteer(
    db: Database,
    ref: str,
    name: str | None = None,
    name_ar: str | None = None,
    phone: str | None = None,
    cin: str | None = None,
    actor: str | None = None,
) -> Outcome[VolunteerView]:
    """Change the fields given (None: left as it is; an empty text clears the Arabic name, phone or CIN), checked as
    at registration; a deactivated volunteer can be corrected too."""
    db.require(Action.EDIT_VOLUNTEERS)
    values: dict = {}
    if name is not None:
        values["name"] = _clean_name(name)
    if name_ar is not None:
        values["name_ar"] = name_ar.strip() or None
    if phone is not None:
        values["phone"] = normalize_phone(phone)
    if cin is not None:
        values["cin"] = normalize_cin(cin)
    with db.write(actor) as uow:
        volunteer = lookup.volunteer(uow.session, ref, include_inactive=True)
        changed = [key for key, value in values.items() if getattr(volunteer, key) != value]
        for key in changed:
            setattr(volunteer, key, values[key])
        notices = _known_phone_notices(uow.session, volunteer.phone, volunteer.id) if "phone" in changed else []
        if changed:
            uow.session.flush()
            uow.audit("volunteer.update", "volunteers", volunteer.id, fields=changed)
        view = volunteer_view(volunteer)
    return Outcome(view, notices, frozenset({"volunteers"}) if changed else frozenset())


def deactivate_volunteer(db: Database, ref: str, actor: str | None = None) -> Outcome[VolunteerView]:
    """Off the roster and no longer offered for check-in; the row and every past shift stay (synced rows are never
    deleted). An open shift can still be closed."""
    return _set_active(db, ref, False, actor)


def reactivate_volunteer(db: Database, ref: str, actor: str | None = None) -> Outcome[VolunteerView]:
    """Back on the roster, with their past shifts."""
    return _set_active(db, ref, True, actor)


def _set_active(db: Database, ref: str, active: bool, actor: str | None) -> Outcome[VolunteerView]:
    db.require(Action.EDIT_VOLUNTEERS)
    with db.write(actor) as uow:
        volunteer = lookup.volunteer(uow.session, ref, include_inactive=True)
        if (volunteer.deleted_at is None) == active:
            raise Refused(
                "error.volunteer_already_active" if active else "error.volunteer_already_inactive", name=volunteer.name
            )
        volunteer.deleted_at = None if active else utcnow()
        uow.session.flush()
        uow.audit("volunteer.reactivate" if active else "volunteer.deactivate", "volunteers", volunteer.id)
        view = volunteer_view(volunteer)
    return Outcome(view, [], frozenset({"volunteers"}))


def list_volunteers(db: Database, include_inactive: bool = False) -> list[VolunteerView]:
    """The active volunteers by name (deactivated ones too, after them, with `include_inactive`)."""
    with db.read() as session:
        query = select(Volunteer)
        if not include_inactive:
            query = query.where(Volunteer.deleted_at.is_(None))
        rows = session.scalars(query.order_by(Volunteer.deleted_at.is_not(None), Volunteer.name)).all()
        return [volunteer_view(v) for v in rows]


def _open_attendance(session, volunteer_id: str, event_id: str) -> Attendance | None:
    return session.scalars(
        select(Attendance).where(
            Attendance.volunteer_id == volunteer_id, Attendance.event_id == event_id, Attendance.check_out.is_(None)
        )
    ).first()


def check_in(
    db: Database, volunteer_ref: str, event_ref: str, at: dt.datetime | None = None, actor: str | None = None
) -> Outcome[AttendanceView]:
    db.require(Action.ATTENDANCE)
    with db.write(actor) as uow:
        volunteer = lookup.volunteer(uow.session, volunteer_ref, include_inactive=True)
        if volunteer.deleted_at is not None:
            raise Refused("error.volunteer_inactive", name=volunteer.name)
        event = lookup.event(uow.session, event_ref)
        if _open_attendance(uow.session, volunteer.id, event.id):
            raise Refused("error.already_checked_in", name=volunteer.name, event=event.name)
        attendance = Attendance(volunteer_id=volunteer.id, event_id=event.id, check_in=at or utcnow())
        uow.session.add(attendance)
        uow.session.flush()
        uow.audit("attendance.check_in", "attendance", attendance.id)
        view = attendance_view(attendance, volunteer)
    return Outcome(view, [], frozenset({"attendance"}))


def check_out(
    db: Database, volunteer_ref: str, event_ref: str, at: dt.datetime | None = None, actor: str | None = None
) -> Outcome[AttendanceView]:
    db.require(Action.ATTENDANCE)
    with db.write(actor) as uow:
        volunteer = lookup.volunteer(uow.session, volunteer_ref, include_inactive=True)  # an open shift is closed
        event = lookup.event(uow.session, event_ref)
        attendance = _open_attendance(uow.session, volunteer.id, event.id)
        if attendance is None:
            raise Refused("error.not_checked_in", name=volunteer.name, event=event.name)
        when = at or utcnow()
        if when < attendance.check_in:
            raise BadData("error.check_out_before_in")
        attendance.check_out = when
        uow.session.flush()
        uow.audit("attendance.check_out", "attendance", attendance.id)
        view = attendance_view(attendance, volunteer)
    return Outcome(view, [], frozenset({"attendance"}))


def list_attendance(db: Database, event_ref: str | None = None) -> list[AttendanceView]:
    with db.read() as session:
        query = select(Attendance, Volunteer).join(Volunteer, Volunteer.id == Attendance.volunteer_id)
        if event_ref:
            query = query.where(Attendance.event_id == lookup.event(session, event_ref).id)
        rows = session.execute(query.order_by(Attendance.check_in)).all()
        return [attendance_view(a, v) for a, v in rows]


@dataclass(frozen=True)
class RosterRow:
    """A volunteer and their presence at one event: on site since (an open shift), last left at, hours of the
    finished shifts (None when none is finished)."""

    volunteer: VolunteerView
    since: dt.datetime | None
    left: dt.datetime | None
    hours: float | None

    @property
    def on_site(self) -> bool:
        return self.since is not None


def roster(db: Database, event_ref: str | None, include_inactive: bool = False) -> list[RosterRow]:
    """Every active volunteer by name with their presence and hours at the event (no event: nobody is present);
    with `include_inactive`, the deactivated ones after them."""
    shifts: dict[str, list[AttendanceView]] = {}
    for shift in list_attendance(db, event_ref) if event_ref else []:
        shifts.setdefault(shift.volunteer_id, []).append(shift)
    rows = []
    for volunteer in list_volunteers(db, include_inactive):
        mine = shifts.get(volunteer.id, [])
        since = next((s.check_in for s in mine if s.check_out is None), None)
        left = max((s.check_out for s in mine if s.check_out), default=None)
        done = [s.hours for s in mine if s.hours is not None]
        rows.append(RosterRow(volunteer, since, left, round(sum(done), 2) if done else None))
    return rows
