"""The first screen's reads, written once as SQL over a DB-API connection to the SQLite file: the desk's events, its
counters, the settings it opens with, and the changes not yet sent.

Both paths run these same queries: the quick path on a plain `sqlite3` connection before SQLAlchemy is imported
(fieldapp.quick_read), the services on their session's connection, inside its read transaction
(fieldapp.services.desk_stats, .outbox). So this module imports nothing heavy: it is read on the way to the first
window. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, NamedTuple

#: The settings the first screen reads, with the defaults fieldapp.settings declares for them (a test compares).
SETTINGS = {
    "association_id": None,
    "association_name": None,
    "device_code": None,
    "language": "fr",
    "desk_event": None,
    "desk_event_on": None,
}


# Named tuples rather than dataclasses: quicker to define, and this module is imported on the way to the first window.


class EventRow(NamedTuple):
    """What the desk's event list shows of an event."""

    id: str
    name: str
    starts_on: dt.date
    ends_on: dt.date
    site: str | None
    commune_code: str | None


class ItemLeft(NamedTuple):
    """An item with a counted stock: how many were handed out (voids excluded) and how many remain."""

    code: str
    label: str
    label_ar: str | None
    stock: int
    given: int

    @property
    def left(self) -> int:
        return self.stock - self.given


class DeskStats(NamedTuple):
    """The desk's counters for one event and day."""

    event_id: str
    day: dt.date
    served_today: int  # distinct families with an active distribution served on `day` (local time)
    served_total: int  # distinct families with an active distribution at this event, any day
    items: list[ItemLeft]


def _rows(conn: Any, sql: str, parameters: Sequence | dict = ()) -> list[tuple]:
    """All rows of one query on a DB-API connection (sqlite3's own, or the one under a SQLAlchemy session)."""
    cursor = conn.cursor()
    try:
        cursor.execute(sql, parameters)
        return cursor.fetchall()
    finally:
        cursor.close()


def desk_settings(conn: Any) -> dict:
    """The settings of SETTINGS, stored value or default (values are JSON, as SQLAlchemy's JSON type writes them)."""
    marks = ",".join("?" * len(SETTINGS))
    rows = _rows(conn, f'SELECT "key", value FROM settings WHERE "key" IN ({marks})', tuple(SETTINGS))
    stored = {key: json.loads(value) for key, value in rows}
    return {key: stored.get(key, default) for key, default in SETTINGS.items()}


def desk_events(conn: Any) -> list[EventRow]:
    """The events the desk offers: not deleted, latest first, then by name (as services.events.list_events)."""
    rows = _rows(
        conn,
        "SELECT id, name, starts_on, ends_on, site, commune_code FROM events "
        "WHERE deleted_at IS NULL ORDER BY starts_on DESC, name",
    )
    return [
        EventRow(id, name, dt.date.fromisoformat(starts), dt.date.fromisoformat(ends), site, commune)
        for id, name, starts, ends, site, commune in rows
    ]


def local_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants where `day` starts and ends on this laptop's clock (a DST change day included)."""
    start = dt.datetime.combine(day, dt.time.min).astimezone()
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min).astimezone()
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def _stored_datetime(moment: dt.datetime) -> str:
    """A UTC instant as fieldapp stores it in SQLite (naive UTC in SQLAlchemy's text format, models.UTCDateTime)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


_ACTIVE = """
    SELECT d.household_id, d.served_at, d.items FROM distributions AS d
    LEFT OUTER JOIN distribution_voids AS v ON v.distribution_id = d.id
    WHERE d.event_id = :event AND d.deleted_at IS NULL AND v.id IS NULL
"""


def desk_stats(conn: Any, event_id: str, day: dt.date | None = None) -> DeskStats:
    """Families served on `day` (default today, local time) and at the event, and what is left of each stocked item."""
    day = day or dt.date.today()
    start, end = local_day_bounds(day)
    [(served_total, served_today)] = _rows(
        conn,
        f"SELECT count(DISTINCT household_id), "
        f"count(DISTINCT CASE WHEN served_at >= :start AND served_at < :end THEN household_id END) "
        f"FROM ({_ACTIVE})",
        {"event": event_id, "start": _stored_datetime(start), "end": _stored_datetime(end)},
    )
    stocked = _rows(
        conn,
        "SELECT code, label, label_ar, stock FROM event_items "
        "WHERE event_id = ? AND deleted_at IS NULL AND stock IS NOT NULL ORDER BY position",
        (event_id,),
    )
    given: dict[str, int] = {}
    if stocked:
        rows = _rows(
            conn,
            f"SELECT upper(json_extract(line.value, '$.code')), sum(json_extract(line.value, '$.quantity')) "
            f"FROM ({_ACTIVE}) AS active JOIN json_each(active.items) AS line GROUP BY 1",
            {"event": event_id},
        )
        given = {code: int(total or 0) for code, total in rows}
    items = [
        ItemLeft(code, label, label_ar, stock, given.get(code.upper(), 0)) for code, label, label_ar, stock in stocked
    ]
    return DeskStats(event_id, day, served_today or 0, served_total or 0, items)


def pending_count(conn: Any) -> int:
    """Journal rows not yet sent to HQ."""
    [(count,)] = _rows(conn, "SELECT count(*) FROM journal WHERE pushed_at IS NULL")
    return count


def default_event(
    choices: Sequence, today: dt.date, remembered: str | None = None, remembered_on: str | None = None
) -> str | None:
    """The event chosen today if any, else the remembered one if it runs today, else today's, else the latest.

    `choices` are EventView or EventRow (anything with id, starts_on, ends_on).
    """
    ids = {e.id for e in choices}
    running = [e for e in choices if e.starts_on <= today <= e.ends_on]
    if remembered in ids and (remembered_on == today.isoformat() or remembered in {e.id for e in running}):
        return remembered
    pool = running or list(choices)
    return max(pool, key=lambda e: (e.starts_on, e.ends_on)).id if pool else None
