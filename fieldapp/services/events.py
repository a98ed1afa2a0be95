"""Creating and listing distribution events with their items and entitlement rules."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp import geo
from fieldapp.db import Database
from fieldapp.errors import BadData
from fieldapp.models import Event, EventItem
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
    name = " ".join((name or "").split())
    if not name:
        raise BadData("error.name_required")
    start = parse_date(starts_on)
    end = parse_date(ends_on) if ends_on else start
    if end < start:
        raise BadData("error.dates_order", start=start.isoformat(), end=end.isoformat())
    if not items:
        raise BadData("error.event_needs_items")
    codes = [i.code for i in items]
    if len(set(codes)) != len(codes):
        raise BadData("error.item_code_twice", codes=", ".join(sorted({c for c in codes if codes.count(c) > 1})))
    commune_code = geo.find_commune(commune).code if commune else None
    with db.write(actor) as uow:
        uow.require_identity()
        event = Event(
            name=name, starts_on=start, ends_on=end, site=(site or "").strip() or None, commune_code=commune_code
        )
        uow.session.add(event)
        uow.session.flush()
        for position, spec in enumerate(items):
            uow.session.add(
                EventItem(
                    event_id=event.id,
                    position=position,
                    code=spec.code,
                    label=spec.label,
                    label_ar=spec.label_ar,
                    quantity=spec.quantity,
                    rule=spec.rule,
                    bands=[list(b) for b in spec.bands] if spec.bands else None,
                    only_flag=spec.only_flag,
                    stock=spec.stock,
                )
            )
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
