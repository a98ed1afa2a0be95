"""Finding a household at the desk from whatever is typed: a name in either script, a CIN, a phone, a receipt."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldapp.rules import parse_item
from fieldapp.services import distributions
from fieldapp.services.distributions import record_distribution, void_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import (
    HouseholdInput,
    MemberInput,
    delete_household,
    register_household,
    search_households,
    update_household,
)

KHOURIBGA = "05.311.01.07"


def register(db, name, **fields):
    fields.setdefault("consent", True)  # registration asks for the choice
    return register_household(db, HouseholdInput(head_name=name, commune=KHOURIBGA, **fields)).value


def found(db, query, **paging) -> list[str]:
    return [h.head_name for h in search_households(db, query, **paging)]


@pytest.fixture
def village(db):
    """A few households of one commune, as a desk would have them."""
    return {
        "fatima": register(
            db,
            "Fatima Zahra Benali",
            head_name_ar="فاطمة الزهراء بنعلي",
            cin="AB123456",
            phone="0612345678",
            members=[MemberInput("Youssef Benali"), MemberInput("Amina Benali")],
        ),
        "ait": register(db, "Brahim Aït Ouahmane", head_name_ar="إبراهيم آيت واحمان", cin="BE987654"),
        "ahmed": register(db, "Ahmed Tazi", head_name_ar="أحمد التازي", cin="CD555111", phone="0661223344"),
        "rachid": register(db, "Rachid El Ouardi", cin="EE777888"),
    }


# --- names -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["fat", "Fatima", "FATIMA ZAH", "zahra benali", "benali fatima"])
def test_a_latin_name_is_found_by_the_start_of_its_words(db, village, query):
    assert found(db, query) == ["Fatima Zahra Benali"]


def test_a_word_in_the_middle_of_a_name_is_not_a_prefix_hit(db, village):
    assert found(db, "atima") == []


@pytest.mark.parametrize("query", ["ait", "Aït", "AIT OUAH", "aït ouahmane"])
def test_accents_do_not_matter(db, village, query):
    assert found(db, query) == ["Brahim Aït Ouahmane"]


@pytest.mark.parametrize("query", ["أحمد", "احمد", "أَحْمَد", "إحمد", "احمـــد"])
def test_an_arabic_name_is_found_whatever_the_alef_form_diacritics_or_tatweel(db, village, query):
    assert found(db, query) == ["Ahmed Tazi"]


def test_an_arabic_name_with_ta_marbuta_is_found_by_its_ha_spelling(db, village):
    assert found(db, "فاطمه") == ["Fatima Zahra Benali"]


def test_an_arabic_hamza_initial_is_found_without_it(db, village):
    assert found(db, "ابراهيم ايت") == ["Brahim Aït Ouahmane"]


def test_members_names_find_their_household(db, village):
    assert found(db, "youssef") == ["Fatima Zahra Benali"]
    assert found(db, "amina ben") == ["Fatima Zahra Benali"]


def test_replaced_members_no_longer_find_the_household(db, village):
    update_household(db, village["fatima"].id, HouseholdInput(members=[MemberInput("Salma Benali")]))

    assert found(db, "youssef") == []
    assert found(db, "salma") == ["Fatima Zahra Benali"]


def test_a_renamed_household_is_found_by_its_new_name_only(db, village):
    update_household(db, village["rachid"].id, HouseholdInput(head_name="Rachida El Ouardi"))

    assert found(db, "rachida") == ["Rachida El Ouardi"]
    assert found(db, "rachid ouardi") == ["Rachida El Ouardi"]  # prefix of the new name still matches
    assert found(db, "rachid") == ["Rachida El Ouardi"]


def test_nothing_typed_finds_nothing(db, village):
    assert found(db, "") == []
    assert found(db, "   ") == []
    assert found(db, "---") == []


def test_unknown_name_finds_nothing(db, village):
    assert found(db, "Zineb") == []


# --- identifiers -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["AB123456", "ab1234", "AB12", "ab١٢٣٤"])
def test_a_household_is_found_by_the_start_of_its_cin(db, village, query):
    assert found(db, query) == ["Fatima Zahra Benali"]


@pytest.mark.parametrize("query", ["AB 123456", "ab-123456", "ab ١٢٣٤٥٦"])
def test_a_cin_typed_with_a_space_or_dash_is_found_as_registration_accepts_it(db, village, query):
    assert found(db, query) == ["Fatima Zahra Benali"]


@pytest.mark.parametrize(
    "query",
    ["0612345678", "06 12 34 56 78", "06 12 34", "+212612345678", "+212 6 12 34 56 78", "00212612345678", "٠٦١٢٣٤٥٦٧٨"],
)
def test_a_household_is_found_by_its_phone_as_people_type_it(db, village, query):
    assert found(db, query) == ["Fatima Zahra Benali"]


def test_a_household_is_found_by_a_receipt_number(db, village):
    ramadan = create_event(db, "Ramadan 1446", "2025-03-01", [parse_item("FOOD:Panier:1")]).value
    first = record_distribution(db, ramadan.id, village["ahmed"].id).value
    second = record_distribution(db, ramadan.id, village["rachid"].id).value

    assert found(db, first.receipt) == ["Ahmed Tazi"]
    assert found(db, second.receipt.lower()) == ["Rachid El Ouardi"]


def test_a_receipt_number_finds_only_the_household_it_was_given_to(db, village, monkeypatch):
    last_year = create_event(db, "Ramadan 1445", "2024-03-11", [parse_item("FOOD:Panier:1")]).value
    this_year = create_event(db, "Ramadan 1446", "2025-03-01", [parse_item("FOOD:Panier:1")]).value
    with monkeypatch.context() as patch:  # last year's Ramadan, served a year ago
        patch.setattr(distributions, "utcnow", lambda: dt.datetime.now(dt.UTC) - dt.timedelta(days=366))
        old = record_distribution(db, last_year.id, village["ahmed"].id).value
    theirs = record_distribution(db, this_year.id, village["rachid"].id).value
    record_distribution(db, this_year.id, village["ahmed"].id)
    assert old.receipt.endswith("-00001") and theirs.receipt.endswith("-00001")

    assert found(db, theirs.receipt) == ["Rachid El Ouardi"]


def test_a_voided_receipt_still_finds_its_household(db, village):
    ramadan = create_event(db, "Ramadan 1446", "2025-03-01", [parse_item("FOOD:Panier:1")]).value
    served = record_distribution(db, ramadan.id, village["ahmed"].id).value
    void_distribution(db, served.receipt, "Erreur")

    assert found(db, served.receipt) == ["Ahmed Tazi"]


def test_a_changed_phone_is_found_and_the_old_one_is_not(db, village):
    update_household(db, village["ahmed"].id, HouseholdInput(phone="0700112233"))

    assert found(db, "0700112233") == ["Ahmed Tazi"]
    assert found(db, "0661223344") == []


# --- deleted, ranking, paging -----------------------------------------------------------------------------------


def test_a_deleted_household_is_not_found_by_name_cin_or_phone(db, village):
    delete_household(db, village["fatima"].id, reason="Doublon")

    for query in ("fatima", "AB123456", "0612345678", "youssef", "فاطمة"):
        assert found(db, query) == [], query


def test_the_household_with_exactly_the_typed_cin_comes_first(db):
    exact = register(db, "Ahmed Tazi", cin="AB1234", phone="0661223344")
    register(db, "Rachid El Ouardi", cin="AB12345")
    ramadan = create_event(db, "Ramadan 1446", "2025-03-01", [parse_item("FOOD:Panier:1")]).value
    record_distribution(db, ramadan.id, exact.id)

    assert found(db, "AB1234")[0] == "Ahmed Tazi"


def test_a_household_whose_cin_matches_comes_before_those_whose_names_match(db):
    by_name = register(db, "Khr Benali")  # a name word that starts like the typed text
    by_id = register(db, "Rachid El Ouardi", cin="KHR123")

    results = found(db, "khr")

    assert set(results) == {by_name.head_name, by_id.head_name}
    assert results[0] == "Rachid El Ouardi"


def test_pages_of_results_do_not_overlap_and_cover_every_match(db):
    names = [f"Mohamed Benali {chr(ord('A') + i)}" for i in range(7)]
    for name in names:
        register(db, name)
    register(db, "Rachid El Ouardi")

    pages = [found(db, "benali", limit=3, offset=offset) for offset in (0, 3, 6)]

    assert [len(p) for p in pages] == [3, 3, 1]
    everything = [name for page in pages for name in page]
    assert len(set(everything)) == 7
    assert sorted(everything) == sorted(names)
    assert found(db, "benali", limit=3, offset=9) == []
