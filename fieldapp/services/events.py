"""Creating, editing and listing distribution events with their items and entitlement rules."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp import geo
from fieldapp.db import Database
from fieldapp.errors import BadData, Refused
from fieldapp.models import RULES, VULNERABILITY_FLAGS, Distribution, DistributionVoid, Event, EventItem, utcnow
from fieldapp.permissions import Action
from fieldapp.rules import ItemSpec
from fieldapp.services import Outcome, lookup
from fieldapp.views import EventView, event_view


def parse_date(text: str | dt.date) -> dt.date:
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise BadData("error.date_invalid", date=text) from None


def items_of(session: Session, event_id: str) -> list[EventItem]:
    return list(
        session.scalars(
            select(EventItem)
            .where(EventItem.event_id == event_id, EventItem.deleted_at.is_(None))
            .order_by(EventItem.position)
        )
    )


def _clean_name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise BadData("error.name_required")
    return name


def _check_dates(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise BadData("error.dates_order", start=start.isoformat(), end=end.isoformat())


def _check_items(items: list[ItemSpec]) -> None:
    """The same rules whatever the items came from (command line, form, import)."""
    if not items:
        raise BadData("error.event_needs_items")
    for item in items:
        text = f"{item.code}:{item.label}:{item.quantity}"
        if not (item.code or "").strip() or not (item.label or "").strip():
            raise BadData("error.item_invalid", item=text)
        if item.quantity < 0 or (item.stock is not None and item.stock < 0):
            raise BadData("error.quantity_negative")
        if item.rule not in RULES or (item.rule == "size_bands" and not item.bands):
            raise BadData("error.item_invalid", item=text)
        if item.only_flag is not None and item.only_flag not in VULNERABILITY_FLAGS:
            raise BadData("error.flag_unknown", flag=item.only_flag, known=", ".join(VULNERABILITY_FLAGS))
    codes = [i.code for i in items]
    if len(set(codes)) != len(codes):
        raise BadData("error.item_code_twice", codes=", ".join(sorted({c for c in codes if codes.count(c) > 1})))


def _item_fields(position: int, spec: ItemSpec) -> dict:
    """The columns of an event item as entered (everything but the event it belongs to)."""
    return {
        "position": position,
        "code": spec.code,
        "label": spec.label,
        "label_ar": spec.label_ar,
        "quantity": spec.quantity,
        "rule": spec.rule,
        "bands": [list(b) for b in spec.bands] if spec.bands else None,
        "only_flag": spec.only_flag,
        "stock": spec.stock,
    }


def create_event(
    db: Database,
    name: str,
    starts_on: str | dt.date,
    items: list[ItemSpec],
    ends_on: str | dt.date | None = None,
    site: str | None = None,
    commune: str | None = None,
    actor: str | None = None,
) -> Outcome[EventView]:
    db.require(Action.EDIT_EVENTS)
    name = _clean_name(name)
    start = parse_date(starts_on)
    end = parse_date(ends_on) if ends_on else start
    _check_dates(start, end)
    _check_items(items)
    commune_code = geo.find_commune(commune).code if commune else None
    with db.write(actor) as uow:
        uow.require_identity()
        event = Event(
            name=name, starts_on=start, ends_on=end, site=(site or "").strip() or None, commune_code=commune_code
        )
        uow.session.add(event)
        uow.session.flush()
        for position, spec in enumerate(items):
            uow.session.add(EventItem(event_id=event.id, **_item_fields(position, spec)))
        uow.session.flush()
        uow.audit("event.create", "events", event.id)
        view = event_view(event, items_of(uow.session, event.id))
    return Outcome(view, [], frozenset({"events"}))


def get_event(db: Database, ref: str) -> EventView:
    with db.read() as session:
        event = lookup.event(session, ref)
        return event_view(event, items_of(session, event.id))


def list_events(db: Database) -> list[EventView]:
    with db.read() as session:
        events = session.scalars(
            select(Event).where(Event.deleted_at.is_(None)).order_by(Event.starts_on.desc(), Event.name)
        ).all()
        return [event_view(e, items_of(session, e.id)) for e in events]


def _handed_out(session: Session, event_id: str) -> dict[str, int]:
    """item code → how many households received some of it at the event (voided distributions do not count)."""
    rows = session.scalars(
        select(Distribution.items)
        .outerjoin(DistributionVoid, DistributionVoid.distribution_id == Distribution.id)
        .where(Distribution.event_id == event_id, DistributionVoid.id.is_(None))
    ).all()
    counts: dict[str, int] = {}
    for given in rows:
        for line in given or []:
            if line.get("quantity"):
                counts[line["code"]] = counts.get(line["code"], 0) + 1
    return counts


def update_event(
    db: Database,
    ref: str,
    name: str | None = None,
    starts_on: str | dt.date | None = None,
    ends_on: str | dt.date | None = None,
    site: str | None = None,
    items: list[ItemSpec] | None = None,
    actor: str | None = None,
) -> Outcome[EventView]:
    """Change an event in one transaction; None keeps a field, items replace the list (matched by code).

    An item already handed out at the event cannot be removed (its quantities and rule may still change).
    """
    db.require(Action.EDIT_EVENTS)
    if items is not None:
        _check_items(items)
    with db.write(actor) as uow:
        uow.require_identity()
        event = lookup.event(uow.session, ref)
        changes: dict[str, object] = {}
        if name is not None:
            changes["name"] = _clean_name(name)
        start = parse_date(starts_on) if starts_on else event.starts_on
        end = parse_date(ends_on) if ends_on else event.ends_on
        _check_dates(start, end)
        changes.update(starts_on=start, ends_on=end)
        if site is not None:
            changes["site"] = site.strip() or None
        fields = _assign(event, changes)
        added, removed, edited = _replace_items(uow.session, event.id, items) if items is not None else ([], [], [])
        uow.session.flush()
        if fields or added or removed or edited:
            uow.audit("event.update", "events", event.id, fields=fields, added=added, removed=removed, edited=edited)
        view = event_view(event, items_of(uow.session, event.id))
    return Outcome(view, [], frozenset({"events"}))


def _assign(row, values: dict[str, object]) -> list[str]:
    """Set the fields that differ (an unchanged row is not journaled again); the names of those that did."""
    changed = [field for field, value in values.items() if getattr(row, field) != value]
    for field in changed:
        setattr(row, field, values[field])
    return changed


def _replace_items(session: Session, event_id: str, items: list[ItemSpec]) -> tuple[list[str], list[str], list[str]]:
    """Update items in place by code, add new codes (reviving a removed one), soft-delete the codes left out."""
    every = {i.code: i for i in session.scalars(select(EventItem).where(EventItem.event_id == event_id))}
    active = {code for code, i in every.items() if i.deleted_at is None}
    wanted = {spec.code for spec in items}
    gone = sorted(active - wanted)
    if gone:
        handed_out = _handed_out(session, event_id)
        for code in gone:
            if handed_out.get(code):
                raise Refused("error.item_handed_out", code=code, count=handed_out[code])
    now = utcnow()
    for code in gone:
        every[code].deleted_at = now
    edited = []
    for position, spec in enumerate(items):
        item = every.get(spec.code)
        if item is None:
            session.add(EventItem(event_id=event_id, **_item_fields(position, spec)))
        elif _assign(item, {**_item_fields(position, spec), "deleted_at": None}) and spec.code in active:
            edited.append(spec.code)
    return sorted(wanted - active), gone, sorted(edited)
