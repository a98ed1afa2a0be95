"""Finding a family at the desk: from a scanned receipt or sheet-row code, or from what was typed (and Enter)."""

from __future__ import annotations

from fieldapp import signing
from fieldapp.db import Database
from fieldapp.errors import BadData, Refused
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
    # A sheet row code opens its household only when it is genuine and from this event's sheet.
    return distributions.preview(db, event_id, reconcile.household_for_row_code(db, event_id, code))


def find_by_text(
    db: Database, event_id: str | None, text: str, pick: bool, limit: int = RESULTS_SHOWN
) -> tuple[list[HouseholdView], DeskPreview | None]:
    """Search results for what was typed and, when Enter was pressed (`pick`), the preview of the best one."""
    found = households.search_households(db, text, limit=limit)
    if not pick or event_id is None:
        return found, None
    # An id or id prefix (a household card's code) is not in the search index: the lookup knows it.
    return found, distributions.preview(db, event_id, found[0].id if found else text)
