"""The audit trail as a keyed hash chain: each entry's HMAC covers its content and the previous entry's hash.

Every AuditEntry written through a unit of work gets, at flush, `seq` = the previous entry's + 1, `prev_hash` = the
previous entry's `hash`, and `hash` = HMAC-SHA256 over a canonical encoding of (seq, prev_hash, at, actor, user_name,
action, entity, entity_id, detail), keyed with `keystore.derive(data key, "audit chain")`. Writers are serialised
(BEGIN IMMEDIATE), so reading the last entry inside the write transaction is safe.

An edited entry no longer matches its hash; an inserted or deleted one breaks the links (`seq` and `prev_hash`); the
newest entries deleted leave a chain that is sound but shorter than the head HQ acknowledged (fieldapp.services.audit
checks that). Entries written before migration 0006 (no `seq`) are chained, in (at, id) order, at the first write
after it; once the chain has begun, an entry without a `seq` is one that was slipped in.

A plain database (no data key: tests and tools only) is chained with a key derived from PLAIN_DATABASE_SEED, written
here for all to read: its chain catches accidents and careless edits, not someone who has read this file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from functools import cache

from sqlalchemy import bindparam, event, select
from sqlalchemy.orm import Session

from fieldapp.ids import uuid7
from fieldapp.keystore import derive
from fieldapp.models import AuditEntry, utcnow

PLAIN_DATABASE_SEED = b"fieldapp plain database: no data key"
SESSION_KEY = "audit_chain_key"  # session.info: the chain's key, set by fieldapp.db.Database.write


@cache
def chain_key(data_key: bytes | None) -> bytes:
    """The HMAC key of the chain: derived from the data key (or, for a plain database, from the published seed)."""
    return derive(data_key if data_key is not None else PLAIN_DATABASE_SEED, "audit chain")


def _time(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(
    seq: int,
    prev_hash: str | None,
    at: dt.datetime,
    actor: str | None,
    user_name: str | None,
    action: str,
    entity: str | None,
    entity_id: str | None,
    detail: dict | None,
) -> bytes:
    """The bytes an entry's hash covers: one compact JSON array, keys sorted, the detail as it reads back stored."""
    stored_detail = json.loads(json.dumps(detail or {}))  # what the JSON column gives back (tuples → lists, ...)
    fields = [seq, prev_hash or "", _time(at), actor, user_name, action, entity, entity_id, stored_detail]
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(key: bytes, seq: int, prev_hash: str | None, row) -> str:
    """The hash of one entry (an AuditEntry, or a row with the same attributes) at `seq` after `prev_hash`."""
    body = canonical(
        seq, prev_hash, row.at, row.actor, row.user_name, row.action, row.entity, row.entity_id, row.detail
    )
    return hmac.new(key, body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Head:
    """The chain's newest entry: how many entries it holds (its seq) and its hash; (0, "") when empty."""

    count: int
    hash: str

    def as_dict(self) -> dict:
        return {"count": self.count, "hash": self.hash}


def head(session: Session) -> Head:
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.hash)
        .where(AuditEntry.seq.is_not(None))
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    ).first()
    return Head(row.seq, row.hash or "") if row else Head(0, "")


def _chain_legacy(session: Session, key: bytes) -> Head:
    """Chain the entries written before migration 0006, oldest first; the head after them."""
    table = AuditEntry.__table__
    rows = session.execute(select(table).where(table.c.seq.is_(None)).order_by(table.c.at, table.c.id)).all()
    updates, seq, prev = [], 0, None
    for row in rows:
        seq += 1
        digest = entry_hash(key, seq, prev, row)
        updates.append({"_id": row.id, "seq": seq, "prev_hash": prev, "hash": digest})
        prev = digest
    if updates:
        statement = (
            table.update()
            .where(table.c.id == bindparam("_id"))
            .values(seq=bindparam("seq"), prev_hash=bindparam("prev_hash"), hash=bindparam("hash"))
        )
        session.connection().execute(statement, updates)
    return Head(seq, prev or "")


def chain_new_entries(session: Session, key: bytes) -> None:
    """Give the entries about to be inserted their place in the chain, in the order they were added."""
    new = [obj for obj in session.new if isinstance(obj, AuditEntry) and obj.seq is None]
    if not new:
        return
    last = head(session)
    if last.count == 0:
        last = _chain_legacy(session, key)
    seq, prev = last.count, last.hash or None
    for entry in new:
        entry.id = entry.id or uuid7()
        entry.at = entry.at or utcnow()
        entry.detail = entry.detail if entry.detail is not None else {}
        seq += 1
        entry.seq, entry.prev_hash = seq, prev
        entry.hash = entry_hash(key, seq, prev, entry)
        prev = entry.hash


@event.listens_for(Session, "before_flush")
def _chain_before_flush(session: Session, _context, _instances) -> None:
    key = session.info.get(SESSION_KEY)
    if key is not None:
        chain_new_entries(session, key)


@dataclass(frozen=True)
class Break:
    """The first entry where the chain does not hold, and why (a message key of fieldapp's catalogue)."""

    reason: str  # "edited", "missing_before", "outside_chain", "truncated"
    seq: int | None
    at: dt.datetime | None
    action: str | None
    expected: int | None = None  # "missing_before": the seq that should have come; "truncated": HQ's count


@dataclass(frozen=True)
class Verdict:
    entries: int  # chained entries read
    head: Head
    unchained: int  # entries from before 0006 not chained yet (a chain not yet begun)
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify(session: Session, key: bytes, acknowledged: Head | None = None) -> Verdict:
    """Walk the chain in seq order; the first break, if any. `acknowledged` is the last head HQ acknowledged: the
    chain must still reach it, through the very same entry (a chain cut short and a chain rewritten both fail)."""
    table = AuditEntry.__table__
    count, prev, previous_row = 0, None, None
    broken: Break | None = None
    for row in session.execute(select(table).where(table.c.seq.is_not(None)).order_by(table.c.seq)):
        expected = count + 1
        if row.seq != expected:
            broken = Break("missing_before", row.seq, row.at, row.action, expected)
            break
        if row.prev_hash != prev or row.hash != entry_hash(key, row.seq, prev, row):
            broken = Break("edited", row.seq, row.at, row.action)
            break
        count, prev, previous_row = row.seq, row.hash, row
    outside = session.execute(
        select(table.c.at, table.c.action).where(table.c.seq.is_(None)).order_by(table.c.at, table.c.id)
    ).all()
    unchained = 0
    if broken is None and outside:
        if count:
            first = outside[0]
            broken = Break("outside_chain", None, first.at, first.action)
        else:
            unchained = len(outside)
    reached = Head(count, prev or "")
    if broken is None and acknowledged is not None and acknowledged.count:
        if count < acknowledged.count:
            last = previous_row
            broken = Break(
                "truncated", count, last.at if last else None, last.action if last else None, acknowledged.count
            )
        else:
            at_ack = session.execute(select(table).where(table.c.seq == acknowledged.count)).first()
            if at_ack is None or at_ack.hash != acknowledged.hash:
                broken = Break("edited", acknowledged.count, at_ack.at if at_ack else None, at_ack and at_ack.action)
    return Verdict(entries=count, head=reached, unchained=unchained, broken=broken)
