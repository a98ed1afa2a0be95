"""The desk's first screen through the services: its counters for an event (families served today, what is left of
each item that has a stock), its events and settings; the queries are fieldapp.first_screen's."""

from __future__ import annotations

import datetime as dt

from fieldapp import first_screen
from fieldapp.db import Database, dbapi_connection
from fieldapp.first_screen import DeskStats
from fieldapp.services import lookup


def desk_stats(db: Database, event_ref: str, day: dt.date | None = None) -> DeskStats:
    """One read transaction: the counters the desk shows for the event (`day` defaults to today, local time).

    The event is found by id, id prefix or name (NotFound otherwise); the counting is fieldapp.first_screen's, the
    quick path's own queries, run on the session's connection.
    """
    with db.read() as session:
        event = lookup.event(session, event_ref)
        return first_screen.desk_stats(dbapi_connection(session), event.id, day)


def desk_events(db: Database) -> tuple[list[first_screen.EventRow], dict]:
    """One read transaction: the events the desk offers, and the settings it opens with (fieldapp.first_screen)."""
    with db.read() as session:
        conn = dbapi_connection(session)
        return first_screen.desk_events(conn), first_screen.desk_settings(conn)
