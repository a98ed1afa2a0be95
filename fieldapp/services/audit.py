"""The audit trail's use cases: verify the chain (against the last head HQ acknowledged too), show entries, and the
head that sync sends to HQ and the one HQ acknowledged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select

from fieldapp import audit_chain, settings
from fieldapp.audit_chain import Break, Head
from fieldapp.db import Database
from fieldapp.keystore import name_key
from fieldapp.models import AuditEntry, Distribution, utcnow
from fieldapp.permissions import Action
from fieldapp.services import lookup
from fieldapp.views import View

ACKNOWLEDGED = "audit_head_acked"  # the setting: {"count", "hash", "at"} of the last head HQ acknowledged
SHOW_LIMIT = 200


@dataclass(frozen=True)
class AuditCheck(View):
    """What `audit verify` found: `ok`, the chain's length and head, HQ's last acknowledged head, the first break."""

    ok: bool
    entries: int
    head_hash: str
    unchained: int
    acknowledged_count: int | None
    acknowledged_at: str | None
    broken_reason: str | None
    broken_seq: int | None
    broken_at: dt.datetime | None
    broken_action: str | None
    expected: int | None


@dataclass(frozen=True)
class AuditEntryView(View):
    seq: int | None
    at: dt.datetime
    user_name: str | None
    actor: str | None
    action: str
    entity: str | None
    entity_id: str | None
    detail: dict


def acknowledged_head(db: Database) -> tuple[Head, str | None] | None:
    """The last head HQ acknowledged for this laptop and when, or None (never synced with an HQ that anchors)."""
    with db.read() as session:
        stored = settings.get(session, ACKNOWLEDGED)
    if not stored:
        return None
    return Head(int(stored["count"]), str(stored["hash"])), stored.get("at")


def current_head(db: Database) -> Head:
    """The chain's head as sync sends it to HQ."""
    with db.read() as session:
        return audit_chain.head(session)


def record_acknowledged_head(db: Database, head: Head, at: dt.datetime | None = None) -> None:
    """Sync's bookkeeping: HQ acknowledged `head` (stored only when it moves, so a quiet sync writes nothing)."""
    with db.write(journal=False) as uow:
        stored = settings.get(uow.session, ACKNOWLEDGED) or {}
        if (stored.get("count"), stored.get("hash")) == (head.count, head.hash):
            return
        value = {**head.as_dict(), "at": (at or utcnow()).isoformat()}
        settings.put(uow.session, ACKNOWLEDGED, value)


def verify(db: Database) -> AuditCheck:
    """Check every link of the chain and that it still reaches the last head HQ acknowledged (coordinator only)."""
    db.require(Action.AUDIT)
    acknowledged = acknowledged_head(db)
    with db.read() as session:
        verdict = audit_chain.verify(session, audit_chain.chain_key(db.key), acknowledged[0] if acknowledged else None)
    broken: Break | None = verdict.broken
    return AuditCheck(
        ok=verdict.ok,
        entries=verdict.entries,
        head_hash=verdict.head.hash,
        unchained=verdict.unchained,
        acknowledged_count=acknowledged[0].count if acknowledged else None,
        acknowledged_at=acknowledged[1] if acknowledged else None,
        broken_reason=broken.reason if broken else None,
        broken_seq=broken.seq if broken else None,
        broken_at=broken.at if broken else None,
        broken_action=broken.action if broken else None,
        expected=broken.expected if broken else None,
    )


def _user_names(session, name: str) -> list[str]:
    """The names the trail holds for a user typed as `name` (compared as at login: case and spaces ignored)."""
    wanted = name_key(name)
    names = session.scalars(select(AuditEntry.user_name).where(AuditEntry.user_name.is_not(None)).distinct())
    return [found for found in names if name_key(found) == wanted]


def show(
    db: Database, household: str | None = None, user: str | None = None, limit: int = SHOW_LIMIT
) -> list[AuditEntryView]:
    """The newest entries first: all, or a household's history (its record, its distributions and their voids,
    imports that brought it), or what one user did (coordinator only)."""
    db.require(Action.AUDIT)
    with db.read() as session:
        query = select(AuditEntry)
        if household is not None:
            found = lookup.household(session, household, include_deleted=True)
            served = select(Distribution.id).where(Distribution.household_id == found.id)
            query = query.where(
                or_(
                    AuditEntry.entity_id == found.id,
                    AuditEntry.entity_id.in_(served),
                    AuditEntry.action == "household.import",
                )
            )
        if user is not None:
            query = query.where(AuditEntry.user_name.in_(_user_names(session, user)))
        query = query.order_by(AuditEntry.seq.desc().nulls_first(), AuditEntry.at.desc())
        if household is None:
            query = query.limit(limit)
        rows = session.scalars(query).all()
        views = []
        for row in rows:
            imported = row.action == "household.import" and household is not None
            if imported and found.id not in ((row.detail or {}).get("ids") or ()):
                continue
            views.append(_view(row))
            if len(views) >= limit:
                break
    return views


def _view(row: AuditEntry) -> AuditEntryView:
    return AuditEntryView(
        seq=row.seq,
        at=row.at,
        user_name=row.user_name,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        detail=dict(row.detail or {}),
    )
