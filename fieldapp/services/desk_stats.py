"""Desk counters for one event: families served today, and what is left of each item that has a stock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, true

from fieldapp.db import Database
from fieldapp.models import Distribution, DistributionVoid
from fieldapp.services import lookup
from fieldapp.services.events import items_of


@dataclass(frozen=True)
class ItemLeft:
    """An item with a counted stock: how many were handed out (voids excluded) and how many remain."""

    code: str
    label: str
    label_ar: str | None
    stock: int
    given: int

    @property
    def left(self) -> int:
        return self.stock - self.given


@dataclass(frozen=True)
class DeskStats:
    event_id: str
    day: dt.date
    served_today: int  # distinct families with an active distribution served on `day` (local time)
    served_total: int  # distinct families with an active distribution at this event, any day
    items: list[ItemLeft]


def local_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants where `day` starts and ends on this laptop's clock (a DST change day included)."""
    start = dt.datetime.combine(day, dt.time.min).astimezone()
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min).astimezone()
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def desk_stats(db: Database, event_ref: str, day: dt.date | None = None) -> DeskStats:
    """One read transaction: the counters the desk shows for the event (`day` defaults to today, local time)."""
    day = day or dt.date.today()
    start, end = local_day_bounds(day)
    with db.read() as session:
        event = lookup.event(session, event_ref)
        active = (
            select(Distribution.id, Distribution.household_id, Distribution.served_at, Distribution.items)
            .outerjoin(DistributionVoid, DistributionVoid.distribution_id == Distribution.id)
            .where(
                Distribution.event_id == event.id,
                Distribution.deleted_at.is_(None),
                DistributionVoid.id.is_(None),
            )
            .subquery()
        )
        served_total = session.scalar(select(func.count(func.distinct(active.c.household_id))))
        served_today = session.scalar(
            select(func.count(func.distinct(active.c.household_id))).where(
                active.c.served_at >= start, active.c.served_at < end
            )
        )
        stocked = [item for item in items_of(session, event.id) if item.stock is not None]
        given: dict[str, int] = {}
        if stocked:
            lines = func.json_each(active.c["items"]).table_valued("value").alias("line")
            code = func.upper(func.json_extract(lines.c.value, "$.code"))
            rows = session.execute(
                select(code, func.sum(func.json_extract(lines.c.value, "$.quantity")))
                .select_from(active)
                .join(lines, true())
                .group_by(code)
            )
            given = {row_code: int(total or 0) for row_code, total in rows}
        items = [ItemLeft(i.code, i.label, i.label_ar, i.stock, given.get(i.code.upper(), 0)) for i in stocked]
        return DeskStats(event.id, day, served_today or 0, served_total or 0, items)
