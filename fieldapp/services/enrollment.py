"""Joining HQ and the sync bookkeeping: enrollment, credentials, HQ's clock offset, the state the Sync page shows.

Enrollment takes HQ's association id: the local records are relabelled to it in the same transaction as the
credentials (a bookkeeping change, not journaled). Receipts printed before keep verifying: the id they were signed
with is kept (`signing_association_id`).
"""

from __future__ import annotations

import datetime as dt
import platform
import re
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import func, select, update

from fieldapp import settings
from fieldapp.db import Database
from fieldapp.errors import BadData, Refused
from fieldapp.models import Base, JournalEntry, SyncConflict, SyncReview, utcnow
from fieldapp.permissions import Action
from fieldapp.services.pulled import EVERY_ASSOCIATION, SYNCED_TABLES
from fieldapp.services.setup import normalize_device_code


@dataclass(frozen=True)
class EnrollmentRequest:
    """What the laptop tells HQ when it enrolls."""

    hq_url: str
    device_code: str
    device_name: str


@dataclass(frozen=True)
class SyncCredentials:
    hq_url: str
    token: str
    device_code: str
    association_id: str
    #: what enrolling changed (complete_enrollment: the settings, and every record relabelled to HQ's association)
    changed: frozenset[str] = frozenset()


def normalize_hq_url(url: str) -> str:
    """'hq.example.org/' → refused; 'https://hq.example.org/' → 'https://hq.example.org'."""
    cleaned = (url or "").strip().rstrip("/")
    parts = urlsplit(cleaned)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise BadData("error.hq_url_invalid", url=url)
    return cleaned


def enrollment_request(db: Database, hq_url: str, device_code: str | None = None) -> EnrollmentRequest:
    """The device code is this laptop's (set up before) or the one given for a laptop not set up yet."""
    with db.read() as session:
        current = settings.get(session, "device_code")
        operator = settings.get(session, "operator_name")
    if current and device_code and normalize_device_code(device_code) != current:
        raise Refused("error.already_initialised", code=current)
    code = current or (normalize_device_code(device_code) if device_code else None)
    if not code:
        raise Refused("error.enroll_needs_device")
    name = " ".join(filter(None, (platform.node(), operator))) or code
    return EnrollmentRequest(normalize_hq_url(hq_url), code, name[:200])


def complete_enrollment(
    db: Database,
    request: EnrollmentRequest,
    token: str,
    hq_device_id: str,
    association_id: str,
    association_name: str,
    actor: str | None = None,
) -> SyncCredentials:
    """Store what HQ answered and relabel the local records to HQ's association, in one transaction."""
    db.require(Action.SYNC_SETTINGS)
    with db.write(actor, journal=False) as uow:
        session = uow.session
        old_association = settings.get(session, "association_id")
        if settings.get(session, "hq_device_id") and old_association not in (None, association_id):
            raise Refused("error.enroll_other_association", name=settings.get(session, "association_name") or "?")
        if not settings.get(session, "device_code"):
            settings.put(session, "device_code", request.device_code)
            settings.put(session, "receipt_key", secrets.token_hex(32))
        if old_association and old_association != association_id:
            if not settings.get(session, "signing_association_id"):
                settings.put(session, "signing_association_id", old_association)
            for name in SYNCED_TABLES:
                table = Base.metadata.tables[name]
                session.execute(
                    update(table)
                    .where(table.c.association_id.not_in((EVERY_ASSOCIATION, association_id)))
                    .values(association_id=association_id)
                )
        if settings.get(session, "hq_url") not in (None, request.hq_url) and settings.get(session, "hq_device_id"):
            settings.put(session, "sync_cursor", 0)  # another HQ: its cursors mean nothing here
        settings.put(session, "association_id", association_id)
        settings.put(session, "association_name", association_name)
        settings.put(session, "hq_url", request.hq_url)
        settings.put(session, "hq_token", token)
        settings.put(session, "hq_device_id", hq_device_id)
        settings.put(session, "sync_last_error", None)
        settings.put(session, "sync_last_error_params", None)
        uow.audit("sync.enroll", detail_url=request.hq_url, device=hq_device_id, association=association_id)
        uow.changed.update({"settings", "sync", *SYNCED_TABLES})
    db.forget_identity()
    return SyncCredentials(request.hq_url, token, request.device_code, association_id, frozenset(uow.changed))


def sync_credentials(db: Database) -> SyncCredentials:
    """HQ's address and this laptop's token; refused when the laptop has not enrolled."""
    with db.read() as session:
        values = {k: settings.get(session, k) for k in ("hq_url", "hq_token", "device_code", "association_id")}
    if not values["hq_url"] or not values["hq_token"]:
        raise Refused("error.sync_not_enrolled")
    return SyncCredentials(values["hq_url"], values["hq_token"], values["device_code"], values["association_id"])


def record_clock_offset(db: Database, offset_ms: int) -> None:
    """HQ's clock minus this laptop's; new stamps use the corrected time when it is more than 5 s."""
    with db.write(journal=False) as uow:
        settings.put(uow.session, "hq_clock_offset_ms", int(offset_ms))


def record_card_key(db: Database, key_hex: object) -> bool:
    """Keep the association's card key HQ sent at hello (64 hex digits); True when it is new here."""
    if not isinstance(key_hex, str) or not re.fullmatch(r"[0-9a-f]{64}", key_hex):
        return False
    with db.write(journal=False) as uow:
        if settings.get(uow.session, "association_card_key") == key_hex:
            return False
        settings.put(uow.session, "association_card_key", key_hex)
    return True


def record_sync_success(db: Database, at: dt.datetime | None = None) -> None:
    with db.write(journal=False) as uow:
        settings.put(uow.session, "sync_last_success", (at or utcnow()).isoformat())
        settings.put(uow.session, "sync_last_error", None)
        settings.put(uow.session, "sync_last_error_params", None)


def record_sync_failure(db: Database, key: str, params: dict | None = None) -> None:
    """Remember why the last sync failed (a message key and its details), for the Sync page after a restart."""
    details = {name: value if isinstance(value, int | float) else str(value) for name, value in (params or {}).items()}
    with db.write(journal=False) as uow:
        settings.put(uow.session, "sync_last_error", key)
        settings.put(uow.session, "sync_last_error_params", details or None)


@dataclass(frozen=True)
class SyncState:
    """What the Sync page and the status bar show."""

    enrolled: bool
    hq_url: str | None
    association_name: str | None
    device_code: str | None
    last_success: dt.datetime | None
    last_error: str | None  # a message key (fieldapp.i18n.t gives the sentence with last_error_params)
    pending: int  # journal rows not pushed yet
    open_conflicts: int
    open_reviews: int
    cursor: int
    last_error_params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {**self.__dict__, "last_success": self.last_success.isoformat() if self.last_success else None}


def sync_state(db: Database) -> SyncState:
    from fieldapp.services.conflicts import open_conflict_count

    with db.read() as session:
        values = {
            k: settings.get(session, k)
            for k in ("hq_url", "hq_token", "association_name", "device_code", "sync_last_success")
        }
        pending = session.scalar(select(func.count()).where(JournalEntry.pushed_at.is_(None)))
        reviews = session.scalar(select(func.count()).where(SyncReview.settled_at.is_(None)))
        cursor = settings.get(session, "sync_cursor") or 0
        last_error = settings.get(session, "sync_last_error")
        last_error_params = settings.get(session, "sync_last_error_params") or {}
        has_conflicts = session.scalar(select(func.count()).where(SyncConflict.settled_at.is_(None)))
    last = values["sync_last_success"]
    return SyncState(
        enrolled=bool(values["hq_url"] and values["hq_token"]),
        hq_url=values["hq_url"],
        association_name=values["association_name"],
        device_code=values["device_code"],
        last_success=dt.datetime.fromisoformat(last) if last else None,
        last_error=last_error,
        pending=pending or 0,
        open_conflicts=open_conflict_count(db) if has_conflicts else 0,
        open_reviews=reviews or 0,
        cursor=cursor,
        last_error_params=dict(last_error_params) if last_error else {},
    )
