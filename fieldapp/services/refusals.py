"""Changes HQ would not store: kept as review items with the reason, and sent again once a person has dealt with them.

HQ refuses a change it cannot place (sync.protocol.REFUSED_*): a household whose notes are too long, a distribution
whose household HQ never got. The laptop keeps one `refused_change` review item per record. Settling it (after
shortening the notes, say) sends the record again *whole*, as it stands now, with a fresh stamp, so HQ can take it
even though it never had the record; the records that were refused only because this one was missing (its members,
its distributions, their voids) are sent again and settled with it.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fieldapp import record_shapes
from fieldapp.clock import Stamp
from fieldapp.merge import META_FIELDS, REFUSED_CHANGE, review_key
from fieldapp.models import JournalEntry, SyncReview, utcnow
from fieldapp.services.pulled import json_value, table_of

REFERENCE_DATA = "reference_data"  # sync.protocol.REFUSED_REFERENCE_DATA: sending again cannot help
MISSING_PARENT = "missing_parent"  # sync.protocol.REFUSED_MISSING_PARENT


def record_refusals(session: Session, refused: list[dict]) -> None:
    """One open review item per record HQ refused a change of (opened again when refused again)."""
    reviews = SyncReview.__table__
    now = utcnow()
    for item in refused:
        table_name, row_id = str(item.get("t") or "?"), str(item.get("i") or "?")
        entry = {"t": table_name, "i": row_id, "reason": str(item.get("reason") or "?")}
        entry["detail"] = str(item.get("detail") or "")[:300]
        key = review_key(REFUSED_CHANGE, table_name, row_id)
        held = session.get(SyncReview, key)
        if held is None:
            row = _row(session, table_name, row_id) or {}
            household = row_id if table_name == "households" else row.get("household_id")
            session.add(
                SyncReview(
                    key=key,
                    kind=REFUSED_CHANGE,
                    event_id=row.get("event_id"),
                    household_id=household,
                    record_ids=[entry],
                    detected_at=now,
                )
            )
            session.flush()
            continue
        known = [e for e in held.record_ids or [] if isinstance(e, dict)]
        if entry["reason"] not in {e.get("reason") for e in known}:
            known.append(entry)
        session.execute(
            update(reviews).where(reviews.c.key == key).values(record_ids=known, settled_at=None, settled_by=None)
        )


def send_again(session: Session, clock, review: SyncReview) -> list[SyncReview]:
    """Journal the review's record again, whole, and the records refused for lack of it; the review items of those
    dependants (to be settled with this one)."""
    sent: set[str] = set()
    for entry in review.record_ids or []:
        helps = isinstance(entry, dict) and entry.get("reason") != REFERENCE_DATA
        if helps and _journal_whole(session, clock, str(entry.get("t")), str(entry.get("i"))):
            sent.add(str(entry.get("i")))
    dependants: list[SyncReview] = []
    while sent:
        found = _waiting_for(session, sent, {review.key, *(d.key for d in dependants)})
        sent = set()
        for item, entry in found:
            if _journal_whole(session, clock, entry["t"], entry["i"]):
                sent.add(entry["i"])
            dependants.append(item)
    return dependants


def _row(session: Session, table_name: str, row_id: str) -> dict | None:
    table = table_of(table_name)
    if table is None:
        return None
    found = session.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return dict(found) if found is not None else None


def _journal_whole(session: Session, clock, table_name: str, row_id: str) -> bool:
    """A journal row carrying every field of the record as it stands, stamped after everything it holds; the record's
    stamps follow. Earlier journal rows of it not yet sent are made whole too, so HQ takes each of them."""
    row = _row(session, table_name, row_id)
    if row is None:
        return False
    record = {k: json_value(v) for k, v in row.items() if k != "field_hlc"}
    stamp = clock.now()
    if row.get("hlc") and stamp <= row["hlc"]:
        stamp = str(Stamp.parse(row["hlc"]).next_after(clock.node))
    waiting = session.scalars(
        select(JournalEntry).where(
            JournalEntry.entity == table_name, JournalEntry.entity_id == row_id, JournalEntry.pushed_at.is_(None)
        )
    ).all()
    for entry in waiting:
        entry.payload = {**record, **({"_prev": entry.payload["_prev"]} if "_prev" in (entry.payload or {}) else {})}
    table = table_of(table_name)
    now = utcnow()
    session.execute(update(table).where(table.c.id == row_id).values(field_hlc={"*": stamp}, hlc=stamp, updated_at=now))
    data = {k: v for k, v in record.items() if k not in META_FIELDS}
    session.add(JournalEntry(entity=table_name, entity_id=row_id, op="update", hlc=stamp, payload=data, at=now))
    return True


def _waiting_for(session: Session, parents: set[str], skip: set[str]) -> list[tuple[SyncReview, dict]]:
    """Open refused-change items whose record was refused for lack of one of `parents`."""
    found = []
    for item in session.scalars(
        select(SyncReview).where(SyncReview.kind == REFUSED_CHANGE, SyncReview.settled_at.is_(None))
    ):
        if item.key in skip:
            continue
        for entry in item.record_ids or []:
            if not isinstance(entry, dict) or entry.get("reason") != MISSING_PARENT:
                continue
            row = _row(session, str(entry.get("t")), str(entry.get("i"))) or {}
            refs = record_shapes.references(str(entry.get("t")))
            if any(row.get(name) in parents for name in refs):
                found.append((item, {"t": str(entry["t"]), "i": str(entry["i"])}))
                break
    return found
