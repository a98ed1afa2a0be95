"""Finding a household, event or volunteer from what a person types: an id, an id prefix, a CIN, a name."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.errors import BadData, NotFound, Refused
from fieldapp.models import Event, Household, Volunteer
from fieldapp.normalize import normalize_cin, normalize_phone

MIN_PREFIX = 6


def _by_id_or_prefix(session: Session, model, ref: str):
    found = session.get(model, ref)
    if found is not None:
        return found
    if len(ref) >= MIN_PREFIX:
        rows = session.scalars(select(model).where(model.id.startswith(ref, autoescape=True)).limit(2)).all()
        if len(rows) == 1:
            return rows[0]
    return None


def household(session: Session, ref: str, include_deleted: bool = False) -> Household:
    ref = (ref or "").strip()
    found = _by_id_or_prefix(session, Household, ref)
    if found is None and ref:
        cin = normalize_cin(ref)
        matches = session.scalars(
            select(Household).where(Household.cin == cin, Household.deleted_at.is_(None)).limit(5)
        ).all()
        if len(matches) > 1:  # one CIN registered on two laptops (a review item until a person settles it)
            choices = ", ".join(f"{h.id[:13]}… {h.head_name}" for h in matches)
            raise Refused("error.household_ambiguous", ref=ref, choices=choices)
        found = matches[0] if matches else None
    if found is None or (found.deleted_at is not None and not include_deleted):
        raise NotFound("error.household_not_found", ref=ref)
    return found


def event(session: Session, ref: str) -> Event:
    ref = (ref or "").strip()
    found = _by_id_or_prefix(session, Event, ref)
    if found is None and ref:
        matches = session.scalars(
            select(Event).where(func.lower(Event.name) == ref.lower(), Event.deleted_at.is_(None))
        ).all()
        if len(matches) > 1:
            choices = ", ".join(f"{e.id[:13]}… {e.starts_on}" for e in matches)
            raise Refused("error.event_ambiguous", ref=ref, choices=choices)
        found = matches[0] if matches else None
    if found is None or found.deleted_at is not None:
        raise NotFound("error.event_not_found", ref=ref)
    return found


def volunteer(session: Session, ref: str, include_inactive: bool = False) -> Volunteer:
    """By id, id prefix, name or phone; an active volunteer first, a deactivated one only with `include_inactive`."""
    ref = (ref or "").strip()
    found = _by_id_or_prefix(session, Volunteer, ref)
    if found is None and ref:
        found = _volunteer_by_name_or_phone(session, ref, Volunteer.deleted_at.is_(None))
        if found is None and include_inactive:
            found = _volunteer_by_name_or_phone(session, ref, Volunteer.deleted_at.is_not(None))
    if found is None or (found.deleted_at is not None and not include_inactive):
        raise NotFound("error.volunteer_not_found", ref=ref)
    return found


def _volunteer_by_name_or_phone(session: Session, ref: str, which) -> Volunteer | None:
    matches = session.scalars(select(Volunteer).where(func.lower(Volunteer.name) == ref.lower(), which)).all()
    if len(matches) > 1:
        raise Refused("error.volunteer_ambiguous", ref=ref)
    if matches:
        return matches[0]
    try:
        phone = normalize_phone(ref)
    except BadData:
        return None
    return session.scalars(select(Volunteer).where(Volunteer.phone == phone, which)).first() if phone else None
