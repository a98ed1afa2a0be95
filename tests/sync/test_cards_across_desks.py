"""A household card printed at one desk scans at every desk of the association (the association's card key comes
from HQ at hello); another association's card, or a card signed before enrollment at another laptop, is refused."""

from __future__ import annotations

import pytest
from replicas import KHOURIBGA, enrolled_laptop

from fieldapp import signing
from fieldapp.errors import Refused
from fieldapp.rules import parse_item
from fieldapp.services import cards, events, households
from fieldapp.services.desk_lookup import find_by_code
from fieldapp.services.households import HouseholdInput
from sync import engine


def _sync(*laptops) -> None:
    for laptop in (*laptops, *laptops):
        engine.sync_now(laptop)


def test_a_card_printed_at_one_desk_opens_the_family_at_another_and_other_cards_are_refused(hq, tmp_path):
    amal = hq.new_association("Association Al Amal")
    desk_1 = enrolled_laptop(tmp_path, hq, amal, "KHR1")
    desk_2 = enrolled_laptop(tmp_path, hq, amal, "KHR2")
    other = enrolled_laptop(tmp_path, hq, hq.new_association("Association Annour"), "ANR1")
    family = HouseholdInput(head_name="Fatima Benali", cin="AB123456", commune=KHOURIBGA, consent=True)
    fatima = households.register_household(desk_1, family).value
    event = events.create_event(desk_1, "Ramadan 2026", "2026-03-01", [parse_item("KIT:Panier:1")]).value
    before_sync = cards.card_code(desk_1, fatima.id)  # no association key yet: this laptop's own

    _sync(desk_1, desk_2)
    _sync(other)

    card = cards.card_code(desk_1, fatima.id)
    assert card != before_sync and card == cards.card_code(desk_2, fatima.id)  # one key for the association
    assert find_by_code(desk_2, event.id, card).household.id == fatima.id
    assert find_by_code(desk_1, event.id, card).household.id == fatima.id
    # a card this laptop signed before it had the association's key still opens the family here, and only here
    assert find_by_code(desk_1, event.id, before_sync).household.id == fatima.id
    with pytest.raises(Refused) as refused:
        find_by_code(desk_2, event.id, before_sync)
    assert refused.value.key == "error.card_code_forged"
    # another association's laptop has another key: its card for this family's id is refused at our desk
    forged = cards.card_code(other, households.register_household(other, HouseholdInput(
        head_name="Omar Idrissi", commune=KHOURIBGA, consent=True)).value.id)  # fmt: skip
    decoded = signing.decode(forged)
    forged_for_fatima = f"FAC1:{fatima.id.replace('-', '').upper()}:{decoded.signature}"
    for code in (forged, forged_for_fatima):
        with pytest.raises(Refused) as refused:
            find_by_code(desk_2, event.id, code)
        assert refused.value.key == "error.card_code_forged"
