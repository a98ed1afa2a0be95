"""Finding a family at the desk: from a scanned receipt, sheet-row or household card code, or from what was typed."""

from __future__ import annotations

from fieldapp import settings, signing
from fieldapp.db import Database
from fieldapp.errors import BadData, NotFound, Refused
from fieldapp.models import Household
from fieldapp.services import distributions, households, receipts, reconcile
from fieldapp.services.distributions import DeskPreview
from fieldapp.views import HouseholdView

RESULTS_SHOWN = 30


def find_by_code(db: Database, event_id: str, code: str) -> DeskPreview:
    """The household a scanned code points to (a receipt is checked against the association's key first)."""
    decoded = signing.decode(code)
    if decoded is None:
        raise BadData("error.receipt_code_unreadable")
    if decoded.kind == "receipt":
        verification = receipts.verify_receipt(db, code)
        if not verification.valid:
            raise Refused(verification.reason)
        return distributions.preview(db, event_id, verification.distribution.household_id)
    if decoded.kind == "card":
        return distributions.preview(db, event_id, household_for_card(db, decoded))
    # A sheet row code opens its household only when it is genuine and from this event's sheet.
    return distributions.preview(db, event_id, reconcile.household_for_row_code(db, event_id, code))


def household_for_card(db: Database, decoded: signing.Decoded) -> str:
    """The household a scanned card names, once its signature is the association's (or this laptop's, for a card it
    printed before it was enrolled); a card of a family removed from the lists or anonymised says so rather than
    "not found"."""
    with db.read() as session:
        signers = settings.card_signers(session)
        if not any(signing.card_is_genuine(key, association_id, decoded) for key, association_id in signers):
            raise Refused("error.card_code_forged")
        household = session.get(Household, decoded.value)
        if household is None:
            raise NotFound("error.card_household_unknown")
        if household.anonymised_at is not None:
            raise Refused("error.card_household_anonymised")
        if household.deleted_at is not None:
            raise Refused("error.card_household_deleted")
        return household.id


def find_by_text(
    db: Database, event_id: str | None, text: str, pick: bool, limit: int = RESULTS_SHOWN
) -> tuple[list[HouseholdView], DeskPreview | None]:
    """Search results for what was typed and, when Enter was pressed (`pick`), the preview of the best one."""
    found = households.search_households(db, text, limit=limit)
    if not pick or event_id is None:
        return found, None
    # An id or id prefix (a household card's code) is not in the search index: the lookup knows it.
    return found, distributions.preview(db, event_id, found[0].id if found else text)
