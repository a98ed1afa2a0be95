"""The changes not yet sent to HQ (journal rows not pushed), as the Sync page and the status bar show them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from fieldapp import first_screen
from fieldapp.db import Database, dbapi_connection
from fieldapp.models import JournalEntry

# What a person recognises a record by, per kind of row.
_SUMMARY_FIELDS = {
    "households": ("head_name", "head_name_ar", "cin"),
    "members": ("name", "name_ar"),
    "volunteers": ("name", "name_ar"),
    "events": ("name", "starts_on"),
    "event_items": ("code", "label"),
    "distributions": ("receipt",),
    "distribution_voids": ("reason",),
    "attendance": ("check_in", "check_out"),
}


@dataclass(frozen=True)
class PendingChange:
    seq: int
    entity: str
    entity_id: str
    op: str
    at: dt.datetime
    summary: str


def pending_count(db: Database) -> int:
    """Changes not yet sent to HQ (the query is fieldapp.first_screen's, which the quick path runs too)."""
    with db.read() as session:
        return first_screen.pending_count(dbapi_connection(session))


def pending_changes(db: Database, limit: int = 200, offset: int = 0) -> list[PendingChange]:
    """Oldest first, as they will be sent."""
    with db.read() as session:
        rows = session.scalars(
            select(JournalEntry)
            .where(JournalEntry.pushed_at.is_(None))
            .order_by(JournalEntry.seq)
            .limit(limit)
            .offset(offset)
        ).all()
        return [
            PendingChange(
                row.seq,
                row.entity,
                row.entity_id,
                row.op,
                row.at,
                " · ".join(str(row.payload.get(f)) for f in _SUMMARY_FIELDS.get(row.entity, ()) if row.payload.get(f)),
            )
            for row in rows
        ]
