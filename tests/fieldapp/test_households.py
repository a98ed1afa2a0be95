"""Registering and updating households: what is normalised, what is refused, what only warns."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from fieldapp.errors import BadData, NotFound, Refused
from fieldapp.models import AuditEntry, Household, JournalEntry, Member
from fieldapp.services import households as hh
from fieldapp.services.households import (
    HouseholdInput,
    MemberInput,
    count_households,
    delete_household,
    get_household,
    possible_duplicates,
    register_household,
    update_household,
)

KHOURIBGA = "05.311.01.07"
CASABLANCA = "06.141.01.0"


def rows(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def written(db) -> dict[str, int]:
    """How many rows each table holds: compared before and after a refused change."""
    return {m.__tablename__: rows(db, m) for m in (Household, Member, JournalEntry, AuditEntry)}


def register(db, name="Fatima Benali", commune=KHOURIBGA, **fields):
    fields.setdefault("consent", True)  # registration asks for the choice
    return register_household(db, HouseholdInput(head_name=name, commune=commune, **fields))


def duplicate_notice(outcome):
    found = [n for n in outcome.notices if n.key == "warning.possible_duplicates"]
    return found[0] if found else None


# --- CIN ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["AB123456", "ab123456", "ab 123 456", " AB-123456 ", "ab ١٢٣٤٥٦", "AB۱۲۳۴۵۶"],
)
def test_cin_is_stored_upper_case_without_spaces_and_with_western_digits(db, typed):
    outcome = register(db, cin=typed)

    assert outcome.value.cin == "AB123456"
    assert get_household(db, outcome.value.id).cin == "AB123456"
    assert [n.key for n in outcome.notices] == []


@pytest.mark.parametrize("odd", ["123456", "ABC12345", "A1", "AB12345678"])
def test_cin_of_unusual_shape_warns_but_the_household_is_saved(db, odd):
    outcome = register(db, cin=odd)

    shape = [n for n in outcome.notices if n.key == "warning.cin_shape"]
    assert len(shape) == 1 and shape[0].params["cin"] == odd
    assert odd in shape[0].message()
    assert count_households(db) == 1
    assert get_household(db, outcome.value.id).cin == odd


def test_a_cin_already_used_by_an_active_household_is_refused_and_nothing_is_written(db):
    first = register(db, "Fatima Benali", cin="AB123456")
    before = written(db)

    with pytest.raises(Refused) as refused:
        register(db, "Khadija Amrani", cin="ab 123456", commune=CASABLANCA)

    assert refused.value.key == "error.cin_taken"
    assert refused.value.exit_code == 3
    message = refused.value.message()
    assert "Fatima Benali" in message and "AB123456" in message and first.value.id in message
    assert written(db) == before
    assert count_households(db) == 1


def test_after_the_first_household_is_deleted_its_cin_can_be_registered_again(db):
    first = register(db, "Fatima Benali", cin="AB123456")
    delete_household(db, first.value.id, reason="Doublon saisi par erreur")

    second = register(db, "Fatima Benali Zahra", cin="AB123456")

    assert second.value.cin == "AB123456"
    assert count_households(db) == 1
    assert get_household(db, "AB123456").id == second.value.id


def test_changing_a_cin_to_one_held_by_another_household_is_refused_and_nothing_changes(db):
    register(db, "Fatima Benali", cin="AB123456")
    other = register(db, "Khadija Amrani", cin="CD654321", commune=CASABLANCA)
    before = written(db)

    with pytest.raises(Refused) as refused:
        update_household(db, other.value.id, HouseholdInput(cin="AB123456", douar="Douar Lahmar"))

    assert refused.value.key == "error.cin_taken"
    assert written(db) == before
    unchanged = get_household(db, other.value.id)
    assert unchanged.cin == "CD654321" and unchanged.douar is None


def test_a_household_keeps_its_own_cin_when_updated_with_it(db):
    original = register(db, cin="AB123456").value

    updated = update_household(db, original.id, HouseholdInput(cin="ab 123456", douar="Douar Lahmar")).value

    assert (updated.cin, updated.douar) == ("AB123456", "Douar Lahmar")


# --- phone -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["06 12 34 56 78", "0612345678", "+212612345678", "+212 6-12-34-56-78", "٠٦١٢٣٤٥٦٧٨"])
def test_phone_is_stored_in_international_form(db, typed):
    outcome = register(db, phone=typed)

    assert outcome.value.phone == "+212612345678"


@pytest.mark.parametrize("bad", ["12345", "06 12", "not a phone", "+2126123456789999"])
def test_an_impossible_phone_is_bad_data_and_nothing_is_written(db, bad):
    before = written(db)

    with pytest.raises(BadData) as error:
        register(db, phone=bad)

    assert error.value.key == "error.phone_invalid"
    assert error.value.exit_code == 5
    assert bad in error.value.message()
    assert written(db) == before


# --- commune -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Khouribga", "khouribga", "خريبكة", KHOURIBGA, "Khouribga (Khouribga)"])
def test_commune_is_found_by_french_name_arabic_name_or_hcp_code(db, typed):
    outcome = register(db, commune=typed)

    assert outcome.value.commune_code == KHOURIBGA
    assert outcome.value.province_code == "05.311"
    assert outcome.value.commune == "Khouribga"


def test_a_commune_name_shared_by_two_provinces_is_refused_with_the_choices(db):
    with pytest.raises(BadData) as error:
        register(db, commune="Sidi Boubker")

    assert error.value.key == "error.commune_ambiguous"
    message = error.value.message()
    assert "02.275.09.15" in message and "07.427.09.15" in message
    assert "Jerada" in message and "Rehamna" in message
    assert count_households(db) == 0


def test_naming_the_province_resolves_an_ambiguous_commune(db):
    outcome = register(db, commune="Sidi Boubker (Rehamna)")

    assert outcome.value.commune_code == "07.427.09.15"


@pytest.mark.parametrize("unknown", ["Atlantis", "99.999.99.99", ""])
def test_an_unknown_commune_is_refused(db, unknown):
    with pytest.raises(BadData) as error:
        register(db, commune=unknown)

    assert error.value.key == "error.commune_unknown"
    assert count_households(db) == 0


# --- possible duplicates -----------------------------------------------------------------------------------------


def test_same_phone_warns_of_a_possible_duplicate_and_names_the_candidate(db):
    first = register(db, "Fatima Benali", phone="0612345678")

    outcome = register(db, "Rachid Tazi", phone="+212 612 345 678", commune=CASABLANCA)

    notice = duplicate_notice(outcome)
    assert notice is not None
    assert [c["id"] for c in notice.candidates] == [first.value.id]
    assert notice.candidates[0]["reason"] == "same_phone"
    assert "Fatima Benali" in notice.message()
    assert count_households(db) == 2


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        ({"name": "Mohamed Alaoui"}, {"name": "Mohammed Alaoui"}),
        ({"name": "Mohamed Alaoui"}, {"name": "mohamed  ALAOUI"}),
        ({"name": "Mohamed Alaoui", "head_name_ar": "محمد العلوي"}, {"name": "M. A.", "head_name_ar": "مُحَمَّد العَلَوِي"}),
    ],
    ids=["doubled-letter", "case-and-spaces", "arabic-diacritics"],
)
def test_similar_name_in_the_same_commune_warns_of_a_possible_duplicate(db, existing, new):
    first = register(db, **existing)

    outcome = register(db, **new)

    notice = duplicate_notice(outcome)
    assert notice is not None, "a similar name in the same commune must be pointed out"
    assert notice.params["count"] == 1
    assert notice.candidates[0]["id"] == first.value.id
    assert notice.candidates[0]["head_name"] == "Mohamed Alaoui"
    assert notice.candidates[0]["reason"] == "similar_name"
    assert count_households(db) == 2


def test_names_written_family_name_first_are_possible_duplicates(db):
    register(db, "Mohamed Alaoui")

    outcome = register(db, "ALAOUI Mohamed")

    assert duplicate_notice(outcome) is not None


@pytest.mark.parametrize(
    ("existing", "new"),
    [("Mohamed Alaoui", "Mohamed Amrani"), ("Fatima Benali", "Khadija Benali")],
)
def test_sharing_only_a_first_or_a_family_name_is_not_a_possible_duplicate(db, existing, new):
    register(db, existing)

    outcome = register(db, new)

    assert duplicate_notice(outcome) is None


def test_possible_duplicates_are_shown_before_the_form_is_saved(db):
    first = register(db, "Mohamed Alaoui", phone="0612345678")

    candidates = possible_duplicates(db, HouseholdInput(consent=True, head_name="Mohammed Alaoui", commune="Khouribga"))

    assert [c.id for c in candidates] == [first.value.id]
    assert count_households(db) == 1


def test_similar_name_in_another_commune_is_not_a_possible_duplicate(db):
    register(db, "Mohamed Alaoui", head_name_ar="محمد العلوي")

    outcome = register(db, "Mohammed Alaoui", head_name_ar="مُحَمَّد العَلَوِي", commune=CASABLANCA)

    assert duplicate_notice(outcome) is None


def test_a_deleted_household_is_not_offered_as_a_duplicate(db):
    first = register(db, "Mohamed Alaoui", phone="0612345678")
    delete_household(db, first.value.id, reason="Parti de la commune")

    outcome = register(db, "Mohammed Alaoui", phone="0612345678")

    assert duplicate_notice(outcome) is None


# --- consent, members, size, flags ---------------------------------------------------------------------------------


def test_consent_is_recorded_with_its_date_and_the_operator_by_default(db):
    before = dt.datetime.now(dt.UTC)

    outcome = register(db, consent=True)

    stored = get_household(db, outcome.value.id)
    assert stored.consent_by == "Samira"
    assert before - dt.timedelta(seconds=1) <= stored.consent_at <= dt.datetime.now(dt.UTC)


def test_consent_records_who_collected_it_when_given(db):
    outcome = register(db, consent=True, consent_by="  Youssef   Amrani ")

    assert get_household(db, outcome.value.id).consent_by == "Youssef Amrani"


def test_without_consent_no_consent_date_is_recorded(db):
    outcome = register(db, consent=False)

    assert outcome.value.consent_at is None and outcome.value.consent_by is None


def test_members_are_parsed_from_name_sex_birth_year_relation(db):
    members = [MemberInput.parse("Amina Benali;F;2015;fille"), MemberInput.parse("Youssef Benali; m ;٢٠١٨")]

    outcome = register(db, members=members)

    stored = get_household(db, outcome.value.id).members
    assert [(m.name, m.sex, m.birth_year, m.relation) for m in stored] == [
        ("Amina Benali", "F", 2015, "fille"),
        ("Youssef Benali", "M", 2018, None),
    ]


@pytest.mark.parametrize("spec", ["", ";F;2015", "Amina;F;deux mille", "Amina;F;2015;fille;extra"])
def test_an_unreadable_member_is_bad_data(spec):
    with pytest.raises(BadData) as error:
        MemberInput.parse(spec)

    assert error.value.key == "error.member_invalid"


def test_a_member_born_in_the_future_is_bad_data_and_nothing_is_written(db):
    next_year = dt.date.today().year + 1
    before = written(db)

    with pytest.raises(BadData) as error:
        register(db, members=[MemberInput.parse(f"Amina;F;{next_year}")])

    assert error.value.key == "error.member_birth_year"
    assert written(db) == before


def test_size_defaults_to_the_head_plus_the_members(db):
    alone = register(db, "Rachid Tazi")
    family = register(db, "Fatima Benali", members=[MemberInput("Amina"), MemberInput("Youssef"), MemberInput("Sara")])

    assert alone.value.size == 1
    assert family.value.size == 4


def test_a_given_size_is_kept(db):
    outcome = register(db, size=7, members=[MemberInput("Amina")])

    assert outcome.value.size == 7


@pytest.mark.parametrize("size", [0, 41])
def test_an_impossible_size_is_bad_data(db, size):
    with pytest.raises(BadData) as error:
        register(db, size=size)

    assert error.value.key == "error.size_invalid"
    assert count_households(db) == 0


def test_an_unknown_vulnerability_flag_is_refused_and_the_known_ones_are_listed(db):
    with pytest.raises(BadData) as error:
        register(db, flags=["widow", "rich"])

    assert error.value.key == "error.flag_unknown"
    assert "rich" in error.value.message() and "widow" in error.value.message()
    assert count_households(db) == 0


def test_known_flags_are_stored_once_each(db):
    outcome = register(db, flags=["widow", "infant", "widow"])

    assert sorted(get_household(db, outcome.value.id).flags) == ["infant", "widow"]


def test_a_household_without_a_name_is_bad_data(db):
    with pytest.raises(BadData) as error:
        register(db, name="   ")

    assert error.value.key == "error.name_required"


# --- update ------------------------------------------------------------------------------------------------------


def test_update_changes_only_the_given_fields(db):
    original = register(
        db,
        "Fatima Benali",
        head_name_ar="فاطمة بنعلي",
        cin="AB123456",
        phone="0612345678",
        flags=["widow"],
        members=[MemberInput("Amina")],
    ).value

    updated = update_household(db, original.id, HouseholdInput(douar="Douar Lahmar", phone="0698765432")).value

    assert updated.douar == "Douar Lahmar"
    assert updated.phone == "+212698765432"
    kept = ("head_name", "head_name_ar", "cin", "commune_code", "size", "flags", "consent_at")
    assert {k: getattr(updated, k) for k in kept} == {k: getattr(original, k) for k in kept}
    assert [m.name for m in get_household(db, original.id).members] == ["Amina"]
    assert updated.updated_at > original.updated_at


def test_update_with_a_member_list_replaces_the_members(db):
    original = register(db, members=[MemberInput("Amina"), MemberInput("Youssef")]).value

    update_household(db, original.id, HouseholdInput(members=[MemberInput.parse("Sara;F;2020;fille")]))

    members = get_household(db, original.id).members
    assert [(m.name, m.sex, m.birth_year) for m in members] == [("Sara", "F", 2020)]
    with db.read() as session:
        kept_rows = session.scalars(select(Member).where(Member.household_id == original.id)).all()
    assert len(kept_rows) == 3  # the replaced members stay, soft-deleted, for sync and history
    assert sorted(m.name for m in kept_rows if m.deleted_at is not None) == ["Amina", "Youssef"]


def test_update_is_recorded_in_the_audit_trail_with_the_changed_fields(db):
    original = register(db).value

    update_household(db, original.id, HouseholdInput(douar="Douar Lahmar"))

    with db.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "household.update")).one()
    assert entry.entity_id == original.id
    assert entry.actor == "Samira"
    assert entry.detail["fields"] == ["douar"]


def test_update_with_an_unknown_flag_is_refused_and_nothing_changes(db):
    original = register(db, flags=["widow"]).value
    before = written(db)

    with pytest.raises(BadData) as error:
        update_household(db, original.id, HouseholdInput(flags=["rich"], douar="Douar Lahmar"))

    assert error.value.key == "error.flag_unknown"
    assert written(db) == before
    assert get_household(db, original.id).flags == ["widow"]
    assert get_household(db, original.id).douar is None


def test_updating_an_unknown_household_is_not_found(db):
    with pytest.raises(NotFound) as error:
        update_household(db, "ZZ999999", HouseholdInput(douar="Douar Lahmar"))

    assert error.value.key == "error.household_not_found"
    assert error.value.exit_code == 4


# --- delete ------------------------------------------------------------------------------------------------------


def test_deleting_needs_a_reason(db):
    original = register(db).value

    with pytest.raises(Refused) as error:
        delete_household(db, original.id, reason="  ")

    assert error.value.key == "error.reason_required"
    assert count_households(db) == 1


def test_a_deleted_household_is_no_longer_found_or_counted(db):
    original = register(db, cin="AB123456").value

    delete_household(db, original.id, reason="Doublon")

    assert count_households(db) == 0
    with pytest.raises(NotFound):
        get_household(db, original.id)
    with pytest.raises(NotFound):
        get_household(db, "AB123456")


def test_a_size_smaller_than_the_people_listed_is_refused_and_nothing_is_written(db):
    members = [hh.MemberInput("Fatima"), hh.MemberInput("Omar")]
    with pytest.raises(BadData) as refused:
        hh.register_household(
            db, hh.HouseholdInput(consent=True, head_name="Ali", commune="05.311.01.07", size=2, members=members)
        )
    assert refused.value.key == "error.size_below_members"
    assert hh.count_households(db) == 0


def test_listing_more_members_than_the_size_grows_the_household_on_update(db):
    added = hh.register_household(db, hh.HouseholdInput(consent=True, head_name="Ali", commune="05.311.01.07"))
    assert added.value.size == 1

    members = [hh.MemberInput("Fatima"), hh.MemberInput("Omar"), hh.MemberInput("Sara")]
    updated = hh.update_household(db, added.value.id, hh.HouseholdInput(members=members))

    assert updated.value.size == 4


def test_a_number_of_the_right_length_in_an_unlisted_range_is_kept_with_a_warning(db):
    outcome = hh.register_household(
        db, hh.HouseholdInput(consent=True, head_name="Said Ait Ouali", commune="05.311.01.07", phone="0683 12 34 56")
    )

    assert outcome.value.phone == "+212683123456"
    assert [n.key for n in outcome.notices] == ["warning.phone_unusual"]
