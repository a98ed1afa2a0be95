"""Sync's use of the local record: journal batches to push, marking them pushed, applying a pulled page.

Each public function is one transaction. The sync client (`sync/`) talks to HQ and calls these; nothing here knows
HTTP. Pulled rows go through `fieldapp.services.pulled` in an unjournaled transaction, with the cursor stored in the
same transaction, so a cut in the middle of a pull resumes where the last stored page ended.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from fieldapp import settings
from fieldapp.db import Database
from fieldapp.errors import BadData
from fieldapp.models import JournalEntry, Setting, SyncConflict, utcnow
from fieldapp.services.pulled import PageApplier, PageCounts, RemoteChange, table_of
from fieldapp.services.refusals import record_refusals

__all__ = [
    "JournalRecord",
    "PageCounts",
    "RemoteChange",
    "apply_page",
    "journal_batch",
    "last_journal_seq",
    "mark_pushed",
    "note_push_in_flight",
    "oldest_pending_seq",
    "push_in_flight",
    "stored_cursor",
]


@dataclass(frozen=True)
class JournalRecord:
    """One journal row, as the sync client turns it into a change on the wire."""

    seq: int
    entity: str
    entity_id: str
    op: str
    hlc: str
    payload: dict


def last_journal_seq(db: Database) -> int:
    """The newest journal seq (0 when nothing was ever recorded)."""
    with db.read() as session:
        return session.scalar(select(func.max(JournalEntry.seq))) or 0


def stored_cursor(db: Database) -> int:
    """The last HQ change applied here (0 before the first pull)."""
    with db.read() as session:
        return settings.get(session, "sync_cursor") or 0


def oldest_pending_seq(db: Database) -> int | None:
    """The first journal seq not marked pushed (None when HQ has acknowledged everything)."""
    with db.read() as session:
        return session.scalar(select(func.min(JournalEntry.seq)).where(JournalEntry.pushed_at.is_(None)))


def journal_batch(db: Database, from_seq: int, limit: int) -> list[JournalRecord]:
    """Up to `limit` journal rows from `from_seq` on, with contiguous seqs (a push batch is a range)."""
    with db.read() as session:
        rows = session.scalars(
            select(JournalEntry).where(JournalEntry.seq >= from_seq).order_by(JournalEntry.seq).limit(limit)
        ).all()
    batch: list[JournalRecord] = []
    for row in rows:
        if row.seq != from_seq + len(batch):
            break
        batch.append(JournalRecord(row.seq, row.entity, row.entity_id, row.op, row.hlc, row.payload))
    return batch


def push_in_flight(db: Database) -> dict | None:
    """The batch sent whose answer never came ({"from", "to", "sent_ms", "offset_ms"}), or None."""
    with db.read() as session:
        return settings.get(session, "sync_push_in_flight")


def note_push_in_flight(db: Database, from_seq: int, to_seq: int, sent_ms: int, offset_ms: int) -> None:
    """Remember a batch before sending it; marking it pushed forgets it."""
    with db.write(journal=False) as uow:
        record = {"from": from_seq, "to": to_seq, "sent_ms": sent_ms, "offset_ms": offset_ms}
        settings.put(uow.session, "sync_push_in_flight", record)


def mark_pushed(
    db: Database,
    from_seq: int,
    to_seq: int,
    capped: list[dict] | None = None,
    fresh: bool = False,
    refused: list[dict] | None = None,
) -> int:
    """HQ has journal rows from_seq…to_seq: mark them pushed and take HQ's rewrites of stamps it capped. `fresh`:
    HQ applied from_seq just now, so a batch remembered in flight that holds it never reached HQ (it is forgotten).
    `refused` (`{"t", "i", "reason", "detail"}`: changes HQ acknowledged but would not store) become review items
    of kind `refused_change`, so a person sees what HQ did not take and why.

    A capped stamp (`{"t", "i", "from", "to"}`: HQ found it too far ahead of its clock) is rewritten everywhere this
    laptop holds it: the row's `hlc` and field stamps, the journal row, the stamps later journal rows say they saw,
    and conflicts. Returns how many journal rows were newly marked.
    """
    with db.write(journal=False) as uow:
        session = uow.session
        marked = session.execute(
            update(JournalEntry)
            .where(JournalEntry.seq.between(from_seq, to_seq), JournalEntry.pushed_at.is_(None))
            .values(pushed_at=utcnow())
        ).rowcount
        rewrites: dict[tuple[str, str], dict[str, str]] = {}
        for cap in capped or []:
            rewrites.setdefault((cap["t"], cap["i"]), {})[cap["from"]] = cap["to"]
        for (table_name, row_id), mapping in rewrites.items():
            _rewrite_stamps(session, table_name, row_id, mapping)
        if rewrites:
            uow.changed.update(t for t, _ in rewrites)
        if refused:
            record_refusals(session, refused)
            uow.changed.add("sync")
        in_flight = settings.get(session, "sync_push_in_flight")
        if in_flight and (to_seq >= in_flight["to"] or (fresh and in_flight["from"] <= from_seq)):
            settings.put(session, "sync_push_in_flight", None)
    return marked or 0


def _rewrite_stamps(session, table_name: str, row_id: str, mapping: dict[str, str]) -> None:
    table = table_of(table_name)
    if table is None:
        return
    row = session.execute(select(table.c.hlc, table.c.field_hlc).where(table.c.id == row_id)).first()
    if row is not None:
        stamps = {k: mapping.get(v, v) for k, v in (row.field_hlc or {"*": row.hlc}).items()}
        session.execute(update(table).where(table.c.id == row_id).values(field_hlc=stamps, hlc=max(stamps.values())))
    entries = session.scalars(
        select(JournalEntry).where(JournalEntry.entity == table_name, JournalEntry.entity_id == row_id)
    ).all()
    for entry in entries:
        entry.hlc = mapping.get(entry.hlc, entry.hlc)
        seen = (entry.payload or {}).get("_prev")
        if entry.pushed_at is None and seen and set(seen.values()) & mapping.keys():
            entry.payload = {**entry.payload, "_prev": {k: mapping.get(v, v) for k, v in seen.items()}}
    for conflict in session.scalars(
        select(SyncConflict).where(SyncConflict.entity == table_name, SyncConflict.entity_id == row_id)
    ):
        conflict.winner_hlc = mapping.get(conflict.winner_hlc, conflict.winner_hlc)
        conflict.loser_hlc = mapping.get(conflict.loser_hlc, conflict.loser_hlc)


def _receipt_counters_past(session, receipts: list[str]) -> None:
    """Receipts pulled with this laptop's own code (made by the laptop it replaced, under the same device code):
    the receipt counter moves past them, so a new receipt never takes a number already given."""
    highest: dict[str, int] = {}
    for receipt in receipts:
        code, _, rest = receipt.rpartition("-")
        device_year = code.rsplit("-", 1)
        if len(device_year) == 2 and rest.isdigit():
            key = f"counter:receipt:{device_year[0]}:{device_year[1]}"
            highest[key] = max(highest.get(key, 0), int(rest))
    for key, number in highest.items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=number))
        elif int(row.value) < number:
            row.value = number


@dataclass(frozen=True)
class PageOutcome:
    applied: int
    skipped: int
    conflicts: int
    reviews: int
    settled: int
    cursor: int
    changed: frozenset[str]


def apply_page(db: Database, changes: list[RemoteChange], next_cursor: int) -> PageOutcome:
    """Merge a pulled page into the local record and store the cursor, in one unjournaled transaction.

    Changes come in HQ's commit order (parents first); foreign keys are checked at commit, not per row. A page this
    laptop cannot store whole (a record whose parent never came, a receipt number taken, a value of the wrong kind:
    HQ refuses those since its schema 0003, but older HQs served them) is applied again change by change, and the
    changes that cannot be stored are skipped (counted) rather than stopping every later sync.
    """
    try:
        return _apply_page(db, changes, next_cursor)
    except (IntegrityError, ValueError, TypeError):
        pass
    try:
        return _apply_page(db, changes, next_cursor, careful=True)
    except IntegrityError as error:
        # Nothing of the page is kept, the cursor stays, and the person sees why.
        raise BadData("error.sync_page_refused", cursor=next_cursor, detail=str(error.orig)[:200]) from None


def _apply_page(db: Database, changes: list[RemoteChange], next_cursor: int, careful: bool = False) -> PageOutcome:
    with db.write(journal=False) as uow:
        conn = uow.session.connection()
        conn.exec_driver_sql(f"PRAGMA defer_foreign_keys = {'OFF' if careful else 'ON'}")
        applier = PageApplier(conn, uow.identity.get("association_id") or "", uow.identity.get("device_code"))
        applier.preload(changes)
        for change in changes:
            if not careful:
                applier.apply(change)
                continue
            savepoint = conn.begin_nested()
            try:
                applier.apply(change)
                savepoint.commit()
            except (IntegrityError, ValueError, TypeError):
                savepoint.rollback()
                applier.forget(change)
                applier.counts.skipped += 1
        applier.reindex()
        session = uow.session
        _receipt_counters_past(session, applier.own_receipts)
        settings.put(session, "sync_cursor", next_cursor)
        newest = max((c.hlc for c in changes), default=None)
        floor = settings.get(session, "sync_clock_floor")
        if newest and (floor is None or newest > floor):
            settings.put(session, "sync_clock_floor", newest)
        counts: PageCounts = applier.counts
        if counts.conflicts or counts.reviews or counts.settled:
            counts.changed.add("sync")  # what sync found for a person to look at
        uow.changed.update(counts.changed)
    return PageOutcome(
        counts.applied,
        counts.skipped,
        counts.conflicts,
        counts.reviews,
        counts.settled,
        next_cursor,
        frozenset(counts.changed),
    )
