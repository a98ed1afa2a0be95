"""Receipts: what a receipt shows, writing it (or a marked copy) as PDF, checking a scanned receipt QR offline."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from fieldapp import settings, signing
from fieldapp.db import Database
from fieldapp.errors import BadData, NotFound
from fieldapp.files import atomic_path
from fieldapp.models import utcnow
from fieldapp.permissions import Action
from fieldapp.printing import RECEIPT_FORMATS
from fieldapp.services import Outcome, distributions, lookup
from fieldapp.services.events import items_of
from fieldapp.views import DistributionView, event_view


def mask_cin(cin: str | None) -> str | None:
    """AB123456 → AB****56: a quarter of the characters at each end, enough to recognise one's own card, never
    enough to copy it (A123456 → A*****6; 4 characters or fewer: the first only)."""
    if not cin:
        return None
    if len(cin) <= 4:
        return cin[0] + "*" * (len(cin) - 1)
    shown = len(cin) // 4
    return cin[:shown] + "*" * (len(cin) - 2 * shown) + cin[-shown:]


@dataclass(frozen=True)
class ReceiptDocument:
    association_name: str
    logo_path: str | None
    distribution: DistributionView
    event_site: str | None
    masked_cin: str | None
    household_size: int
    qr_text: str
    reprinted_at: dt.datetime | None = None  # a copy printed again later: marked DUPLICATA on paper, with this date


def _signing_identity(session) -> tuple[str, str]:
    return settings.get(session, "receipt_key"), settings.signing_association_id(session)


def receipt_document(db: Database, receipt: str) -> ReceiptDocument:
    view = distributions.get_by_receipt(db, receipt)
    with db.read() as session:
        household = lookup.household(session, view.household_id, include_deleted=True)
        event = lookup.event(session, view.event_id)
        key, association_id = _signing_identity(session)
        return ReceiptDocument(
            association_name=settings.get(session, "association_name") or "",
            logo_path=settings.get(session, "logo_path"),
            distribution=view,
            event_site=event_view(event, items_of(session, event.id)).site,
            masked_cin=mask_cin(household.cin),
            household_size=household.size,
            qr_text=signing.receipt_code(key, association_id, view.receipt),
        )


def _receipt_format(db: Database, fmt: str | None) -> str:
    if fmt is None:
        with db.read() as session:
            fmt = settings.get(session, "receipt_format")
    if fmt not in RECEIPT_FORMATS:
        raise BadData("error.receipt_format", format=fmt, choices=", ".join(RECEIPT_FORMATS))
    return fmt


def write_receipt(db: Database, receipt: str, path: str | os.PathLike, fmt: str | None = None) -> Path:
    """The receipt as a PDF at `path` (a6, 80mm roll, or a4 with a copy for the family and one for the association)."""
    from fieldapp.printing.receipt import render_receipt

    db.require(Action.PRINT)
    fmt = _receipt_format(db, fmt)
    document = receipt_document(db, receipt)
    with atomic_path(path) as temp:
        render_receipt(document, temp, fmt)
    return Path(path)


def reprint_receipt(
    db: Database, receipt: str, path: str | os.PathLike, fmt: str | None = None, actor: str | None = None
) -> Outcome[Path]:
    """A receipt printed again (lost, torn, a printer that jammed): marked DUPLICATA with the date of the reprint, so
    it cannot pass for a second hand-out; a voided one stays marked voided. Recorded in the audit trail: the PDF is
    only put in place once the entry is committed."""
    from fieldapp.printing.receipt import render_receipt

    db.require(Action.PRINT)
    fmt = _receipt_format(db, fmt)
    document = replace(receipt_document(db, receipt), reprinted_at=utcnow())
    served = document.distribution
    with atomic_path(path) as temp:
        render_receipt(document, temp, fmt)
        with db.write(actor) as uow:
            uow.audit("receipt.reprint", "distributions", served.id, receipt=served.receipt, format=fmt)
    return Outcome(Path(path), [], frozenset())


@dataclass(frozen=True)
class Verification:
    valid: bool
    reason: str  # a message key: print.receipt_genuine, error.receipt_code_*
    distribution: DistributionView | None


def verify_receipt(db: Database, scanned: str) -> Verification:
    """Is this the QR of a receipt this association issued? Checked with the key kept in the database, offline."""
    decoded = signing.decode(scanned)
    if decoded is None or decoded.kind != "receipt":
        return Verification(False, "error.receipt_code_unreadable", None)
    with db.read() as session:
        key, association_id = _signing_identity(session)
    if not key or not signing.receipt_is_genuine(key, association_id, decoded):
        return Verification(False, "error.receipt_code_forged", None)
    try:
        view = distributions.get_by_receipt(db, decoded.value)
    except NotFound:  # genuine, but its record is not on this laptop (made on another one, not synced yet)
        return Verification(False, "error.receipt_code_unknown", None)
    return Verification(True, "print.receipt_genuine", view)
