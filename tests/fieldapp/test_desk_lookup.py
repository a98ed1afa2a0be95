"""The desk finds a family from a scanned receipt (checked against the association's key) or from what was typed."""

from __future__ import annotations

import pytest

from fieldapp.errors import BadData, Refused
from fieldapp.rules import parse_item
from fieldapp.services import distributions, events, households, receipts
from fieldapp.services.desk_lookup import find_by_code, find_by_text
from fieldapp.services.households import HouseholdInput

KHOURIBGA = "05.311.01.07"


@pytest.fixture
def served(db):
    first = events.create_event(db, "Ramadan", "2026-03-01", [parse_item("KIT:Panier:1")]).value
    second = events.create_event(db, "Aïd", "2026-04-01", [parse_item("KIT:Panier:1")]).value
    family = households.register_household(
        db, HouseholdInput(head_name="Fatima Alaoui", cin="AB123456", commune=KHOURIBGA, consent=True)
    ).value
    receipt = distributions.record_distribution(db, first.id, family.id).value.receipt
    return family, first, second, receipts.receipt_document(db, receipt).qr_text


def test_a_scanned_receipt_opens_its_family_for_the_event_at_the_desk(db, served):
    family, first, second, code = served
    preview = find_by_code(db, second.id, code)
    assert preview.household.id == family.id and preview.event.id == second.id
    assert find_by_code(db, first.id, code).already_served is not None  # the receipt's own event: served already


def test_an_altered_or_unreadable_code_is_refused_in_words(db, served):
    _, _, second, code = served
    with pytest.raises(Refused):
        find_by_code(db, second.id, code[:-2] + ("AA" if not code.endswith("AA") else "BB"))
    with pytest.raises(BadData) as unreadable:
        find_by_code(db, second.id, "FAR1:nonsense")
    assert unreadable.value.key == "error.receipt_code_unreadable"


def test_typing_lists_matches_and_enter_previews_the_best_one(db, served):
    family, _, second, _ = served
    found, preview = find_by_text(db, second.id, "fatima", pick=False)
    assert [h.id for h in found] == [family.id] and preview is None
    found, preview = find_by_text(db, second.id, "fatima", pick=True)
    assert preview.household.id == family.id
    _, by_id = find_by_text(db, second.id, family.id[:8], pick=True)  # a card's id prefix is not in the index
    assert by_id.household.id == family.id
