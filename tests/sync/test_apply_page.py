"""Applying pulled changes on a laptop: merged field by field, typed, searchable, never journaled, idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from replicas import ASSOCIATION, KHOURIBGA, last_seq, relay, wire_changes
from sqlalchemy import select

from fieldapp import settings
from fieldapp.errors import Refused
from fieldapp.ids import uuid7
from fieldapp.models import Distribution, Event, Household, SyncConflict, SyncReview
from fieldapp.rules import parse_item
from fieldapp.services import conflicts, distributions, events, replication
from fieldapp.services.households import (
    HouseholdInput,
    MemberInput,
    register_household,
    search_households,
    update_household,
)
from sync import changes


def _row(db, model, row_id):
    with db.read() as session:
        return session.get(model, row_id)


def test_a_pulled_household_is_stored_as_made_searchable_and_not_journaled(laptop_a, laptop_b):
    made = register_household(
        laptop_a,
        HouseholdInput(
            head_name="Fatima Benali",
            head_name_ar="فاطمة بنعلي",
            cin="AB123456",
            phone="0612345678",
            commune=KHOURIBGA,
            flags=["widow"],
            consent=True,
            members=[MemberInput("Youssef Benali", sex="M", birth_year=2015)],
        ),
    ).value
    before = last_seq(laptop_b)

    outcome = relay(laptop_a, laptop_b, cursor=7)

    assert outcome.applied == 2 and outcome.skipped == 0 and outcome.conflicts == 0
    mine, theirs = _row(laptop_a, Household, made.id), _row(laptop_b, Household, made.id)
    for column in ("head_name", "head_name_ar", "cin", "phone", "flags", "size", "consent_at", "created_at", "hlc"):
        assert getattr(theirs, column) == getattr(mine, column), column
    assert theirs.field_hlc == mine.field_hlc
    assert theirs.consent_at.tzinfo is not None
    assert (theirs.device_id, theirs.association_id) == ("KHR1", ASSOCIATION)
    assert [h.id for h in search_households(laptop_b, "benali")] == [made.id]
    assert [h.id for h in search_households(laptop_b, "youssef")] == [made.id]
    assert last_seq(laptop_b) == before  # pulled rows are never pushed back
    with laptop_b.read() as session:
        assert settings.get(session, "sync_cursor") == 7
        assert settings.get(session, "sync_clock_floor") == wire_changes(laptop_a)[-1]["h"]  # the newest stamp


def test_a_pulled_page_names_what_the_pages_show_of_it(laptop_a, laptop_b):
    """The window reloads the pages watching these kinds: a pulled member is part of its household's page."""
    register_household(
        laptop_a,
        HouseholdInput(
            consent=True, head_name="Fatima Benali", commune=KHOURIBGA, members=[MemberInput("Youssef Benali")]
        ),
    )
    assert relay(laptop_a, laptop_b).changed == {"households", "members"}
    assert relay(laptop_a, laptop_b).changed == frozenset()  # the same page again moved nothing


def test_applying_the_same_page_again_changes_nothing(laptop_a, laptop_b):
    made = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    update_household(laptop_a, made.id, HouseholdInput(phone="0612345678"))
    relay(laptop_a, laptop_b)
    first = _row(laptop_b, Household, made.id)

    again = relay(laptop_a, laptop_b)

    assert again.applied == 0 and again.conflicts == 0
    second = _row(laptop_b, Household, made.id)
    assert (second.phone, second.hlc, second.field_hlc) == (first.phone, first.hlc, first.field_hlc)
    assert second.updated_at == first.updated_at


def test_dates_and_times_come_back_typed(laptop_a, laptop_b):
    event = events.create_event(laptop_a, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
    household = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    served = distributions.record_distribution(laptop_a, event.id, household.id).value

    relay(laptop_a, laptop_b)

    pulled_event = _row(laptop_b, Event, event.id)
    assert pulled_event.starts_on == dt.date(2026, 2, 20) and isinstance(pulled_event.starts_on, dt.date)
    pulled = _row(laptop_b, Distribution, served.id)
    assert pulled.served_at == _row(laptop_a, Distribution, served.id).served_at
    assert pulled.items == _row(laptop_a, Distribution, served.id).items
    # The desk on the other laptop knows the household was served, and finds it by receipt number.
    preview = distributions.preview(laptop_b, event.id, household.id)
    assert preview.already_served is not None and preview.already_served.receipt == served.receipt
    assert [h.id for h in search_households(laptop_b, served.receipt)] == [household.id]


def test_edits_of_different_fields_on_two_laptops_are_both_kept(laptop_a, laptop_b):
    made = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    relay(laptop_a, laptop_b)
    a_from, b_from = last_seq(laptop_a) + 1, last_seq(laptop_b) + 1
    update_household(laptop_a, made.id, HouseholdInput(phone="0612345678"))
    update_household(laptop_b, made.id, HouseholdInput(douar="Douar Lahmar"))

    relay(laptop_a, laptop_b, from_seq=a_from)
    relay(laptop_b, laptop_a, from_seq=b_from)

    for db in (laptop_a, laptop_b):
        row = _row(db, Household, made.id)
        assert (row.phone, row.douar) == ("+212612345678", "Douar Lahmar")
        assert conflicts.list_conflicts(db) == []
    assert _row(laptop_a, Household, made.id).field_hlc == _row(laptop_b, Household, made.id).field_hlc


def test_the_same_field_edited_on_two_laptops_has_one_winner_and_one_visible_conflict(laptop_a, laptop_b):
    made = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    relay(laptop_a, laptop_b)
    a_from, b_from = last_seq(laptop_a) + 1, last_seq(laptop_b) + 1
    update_household(laptop_a, made.id, HouseholdInput(phone="0611111111"))
    update_household(laptop_b, made.id, HouseholdInput(phone="0622222222"))  # later: the winner

    assert relay(laptop_a, laptop_b, from_seq=a_from).conflicts == 1
    assert relay(laptop_b, laptop_a, from_seq=b_from).conflicts == 1

    seen = []
    for db in (laptop_a, laptop_b):
        assert _row(db, Household, made.id).phone == "+212622222222"
        [conflict] = conflicts.list_conflicts(db)
        seen.append(conflict)
        assert conflict.record == "Fatima Benali" and conflict.household_name == "Fatima Benali"
        assert conflict.field == "phone"
        assert (conflict.current_value, conflict.current_device) == ("+212622222222", "OUJ2")
        assert (conflict.other_value, conflict.other_device) == ("+212611111111", "KHR1")
        assert conflict.current_at is not None and conflict.other_at <= conflict.current_at
    assert seen[0].key == seen[1].key


def test_taking_the_other_value_is_an_edit_that_settles_the_conflict_on_the_other_laptop_too(laptop_a, laptop_b):
    made = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    relay(laptop_a, laptop_b)
    a_from, b_from = last_seq(laptop_a) + 1, last_seq(laptop_b) + 1
    update_household(laptop_a, made.id, HouseholdInput(phone="0611111111"))
    update_household(laptop_b, made.id, HouseholdInput(phone="0622222222"))
    relay(laptop_a, laptop_b, from_seq=a_from)
    relay(laptop_b, laptop_a, from_seq=b_from)
    [conflict] = conflicts.list_conflicts(laptop_a)
    a_from = last_seq(laptop_a) + 1

    settled = conflicts.settle_conflict(laptop_a, conflict.key, conflicts.TAKE_OTHER, actor="Samira").value

    assert settled.settled_by == "Samira" and _row(laptop_a, Household, made.id).phone == "+212611111111"
    assert [h.id for h in search_households(laptop_a, "0611111111")] == [made.id]
    assert last_seq(laptop_a) == a_from  # one journaled edit: it travels like any other
    outcome = relay(laptop_a, laptop_b, from_seq=a_from)
    assert outcome.settled == 1 and outcome.conflicts == 0
    assert _row(laptop_b, Household, made.id).phone == "+212611111111"
    assert conflicts.list_conflicts(laptop_b) == []
    with laptop_b.read() as session:
        assert session.get(SyncConflict, conflict.key).settled_by == "sync:KHR1"


def test_keeping_the_current_value_is_journaled_too_so_the_choice_travels(laptop_a, laptop_b):
    made = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    relay(laptop_a, laptop_b)
    a_from, b_from = last_seq(laptop_a) + 1, last_seq(laptop_b) + 1
    update_household(laptop_a, made.id, HouseholdInput(phone="0611111111"))
    update_household(laptop_b, made.id, HouseholdInput(phone="0622222222"))
    relay(laptop_a, laptop_b, from_seq=a_from)
    relay(laptop_b, laptop_a, from_seq=b_from)
    [conflict] = conflicts.list_conflicts(laptop_b)
    b_from = last_seq(laptop_b) + 1

    conflicts.settle_conflict(laptop_b, conflict.key, conflicts.KEEP_CURRENT)

    [change] = wire_changes(laptop_b, b_from)
    assert change["f"] == {"phone": "+212622222222"}
    assert relay(laptop_b, laptop_a, from_seq=b_from).settled == 1
    assert conflicts.list_conflicts(laptop_a) == [] and conflicts.list_conflicts(laptop_b) == []
    assert _row(laptop_a, Household, made.id).phone == "+212622222222"


def test_one_household_served_for_one_event_on_two_laptops_keeps_both_and_opens_one_review(laptop_a, laptop_b):
    event = events.create_event(laptop_a, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
    household = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    relay(laptop_a, laptop_b)
    a_from, b_from = last_seq(laptop_a) + 1, last_seq(laptop_b) + 1
    first = distributions.record_distribution(laptop_a, event.id, household.id).value
    second = distributions.record_distribution(laptop_b, event.id, household.id).value

    assert relay(laptop_a, laptop_b, from_seq=a_from).reviews == 1
    assert relay(laptop_b, laptop_a, from_seq=b_from).reviews == 1

    keys = set()
    for db in (laptop_a, laptop_b):
        with db.read() as session:
            kept = session.scalars(select(Distribution.id).where(Distribution.event_id == event.id)).all()
        assert sorted(kept) == sorted([first.id, second.id])
        [review] = conflicts.list_reviews(db)
        keys.add(review.key)
        assert review.kind == "double_distribution" and review.household_name == "Fatima Benali"
        assert review.event_name == "Ramadan 2026"
        assert sorted(r.receipt for r in review.records) == sorted([first.receipt, second.receipt])
    assert len(keys) == 1

    settled = conflicts.settle_review(laptop_a, keys.pop(), "Second sac rendu le 21/02", actor="Samira").value
    assert settled.note == "Second sac rendu le 21/02" and conflicts.list_reviews(laptop_a) == []


def test_the_same_cin_registered_on_two_laptops_becomes_a_review_not_an_error(laptop_a, laptop_b):
    mine = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", cin="AB123456", commune=KHOURIBGA)
    )
    theirs = register_household(
        laptop_b, HouseholdInput(consent=True, head_name="Fatima Benaly", cin="AB123456", commune=KHOURIBGA)
    )

    outcome = relay(laptop_a, laptop_b)

    assert outcome.applied == 1 and outcome.reviews == 1
    assert _row(laptop_b, Household, mine.value.id).head_name == "Fatima Benali"
    [review] = conflicts.list_reviews(laptop_b)
    assert review.kind == "duplicate_cin"
    assert sorted(r["id"] for r in review.records) == sorted([mine.value.id, theirs.value.id])
    with laptop_b.read() as session:
        assert session.scalars(select(SyncReview)).one().household_id == mine.value.id
    # Both keep the CIN, as at HQ: nothing of what laptop A typed is lost on B.
    assert _row(laptop_b, Household, mine.value.id).cin == _row(laptop_b, Household, theirs.value.id).cin == "AB123456"


def test_two_households_with_one_cin_after_sync_can_still_be_edited_and_are_not_mixed_up(laptop_a, laptop_b):
    mine = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", cin="AB123456", commune=KHOURIBGA)
    )
    theirs = register_household(
        laptop_b, HouseholdInput(consent=True, head_name="Fatima Benaly", cin="AB123456", commune=KHOURIBGA)
    )
    relay(laptop_a, laptop_b)

    # The form sends every field back, the CIN unchanged: saving a new phone is not refused for the shared CIN.
    edited = update_household(laptop_b, theirs.value.id, HouseholdInput(cin="AB123456", phone="0612345678")).value
    assert edited.phone == "+212612345678" and edited.cin == "AB123456"
    # A CIN names one family: asked by CIN, the laptop says there are two and how to tell them apart.
    with pytest.raises(Refused) as ambiguous:
        update_household(laptop_b, "AB123456", HouseholdInput(phone="0699999999"))
    assert ambiguous.value.key == "error.household_ambiguous"
    assert "Fatima Benali" in ambiguous.value.message() and "Fatima Benaly" in ambiguous.value.message()
    # A third household still cannot take it at the desk.
    with pytest.raises(Refused) as taken:
        register_household(
            laptop_b, HouseholdInput(consent=True, head_name="Rachid Tazi", cin="AB123456", commune=KHOURIBGA)
        )
    assert taken.value.key == "error.cin_taken"
    # Correcting one CIN is how a person settles it; the other keeps its own.
    update_household(laptop_b, mine.value.id, HouseholdInput(cin="AB123457"))
    assert _row(laptop_b, Household, theirs.value.id).cin == "AB123456"


def test_a_voided_distribution_and_a_deleted_household_do_not_make_a_pulled_one_a_second(laptop_a, laptop_b):
    from fieldapp.services.households import delete_household

    event = events.create_event(laptop_a, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
    household = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    relay(laptop_a, laptop_b)
    a_from = last_seq(laptop_a) + 1
    mistaken = distributions.record_distribution(laptop_b, event.id, household.id).value
    distributions.void_distribution(laptop_b, mistaken.receipt, "Mauvais foyer")
    old = register_household(
        laptop_b, HouseholdInput(consent=True, head_name="Rachid Tazi", cin="AB123456", commune=KHOURIBGA)
    )
    delete_household(laptop_b, old.value.id, "Doublon")
    served = distributions.record_distribution(laptop_a, event.id, household.id).value
    mine = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Rachid Tazi", cin="AB123456", commune=KHOURIBGA)
    )

    outcome = relay(laptop_a, laptop_b, from_seq=a_from)

    assert (outcome.applied, outcome.reviews) == (2, 0) and conflicts.list_reviews(laptop_b) == []
    assert _row(laptop_b, Distribution, served.id) is not None
    assert _row(laptop_b, Household, mine.value.id).cin == "AB123456"


def test_an_update_for_a_record_never_received_is_skipped_not_fatal(laptop_a, laptop_b):
    made = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    from_seq = last_seq(laptop_a) + 1
    update_household(laptop_a, made.id, HouseholdInput(phone="0612345678"))

    outcome = relay(laptop_a, laptop_b, from_seq=from_seq, cursor=3)

    assert (outcome.applied, outcome.skipped) == (0, 1)
    with laptop_b.read() as session:
        assert session.get(Household, made.id) is None and settings.get(session, "sync_cursor") == 3


def test_unknown_tables_and_fields_from_a_newer_peer_are_ignored(laptop_a, laptop_b):
    made = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    page = wire_changes(laptop_a)
    page[0]["f"]["favourite_colour"] = "blue"
    page.append({"t": "warehouses", "i": "x", "h": page[0]["h"], "o": "i", "f": {"name": "Depot"}, "d": "HQ"})

    outcome = replication.apply_page(laptop_b, [changes.incoming(c) for c in page], 2)

    assert (outcome.applied, outcome.skipped) == (1, 1)
    assert _row(laptop_b, Household, made.id).head_name == "Fatima Benali"


def test_reference_data_from_hq_keeps_the_every_association_label(laptop_a, laptop_b):
    event = events.create_event(laptop_a, "Campagne nationale", "2026-03-01", [parse_item("OIL:Huile:2")]).value
    page = [{**c, "a": "*", "d": "HQ"} for c in wire_changes(laptop_a)]

    replication.apply_page(laptop_b, [changes.incoming(c) for c in page], 2)

    pulled = _row(laptop_b, Event, event.id)
    assert (pulled.association_id, pulled.device_id) == ("*", "HQ")
    assert events.get_event(laptop_b, event.id).items[0].code == "OIL"


def _search_entries(db) -> dict:
    from sqlalchemy import text

    with db.read() as session:
        rows = session.execute(
            text(
                "SELECT k.household_id, s.names, s.members, s.ids FROM household_search s "
                "JOIN search_keys k ON k.rowid = s.rowid"
            )
        ).all()
    return {r.household_id: (sorted(r.names.split()), sorted(r.members.split()), sorted(r.ids.split())) for r in rows}


def test_the_search_entries_written_for_a_page_are_the_ones_the_index_itself_writes(laptop_a, laptop_b):
    from fieldapp import search
    from fieldapp.services.households import delete_household

    event = events.create_event(laptop_a, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
    made = [
        register_household(
            laptop_a,
            HouseholdInput(
                consent=True,
                head_name=f"Famille {n}",
                head_name_ar="فاطمة بنعلي",
                cin=f"AB{n:06d}",
                phone=f"06{n:08d}",
                commune=KHOURIBGA,
                members=[MemberInput(f"Enfant {n}", name_ar="يوسف")],
            ),
        ).value
        for n in range(5)
    ]
    distributions.record_distribution(laptop_a, event.id, made[0].id)
    update_household(laptop_a, made[1].id, HouseholdInput(members=[MemberInput("Autre Enfant")]))
    delete_household(laptop_a, made[2].id, "Doublon")

    relay(laptop_a, laptop_b)
    pulled = _search_entries(laptop_b)
    with laptop_b.write() as uow:
        search.rebuild_index(uow.session.connection())

    assert pulled == _search_entries(laptop_b) and len(pulled) == 4


def test_a_page_with_a_change_that_cannot_be_stored_is_stored_without_it_and_the_laptop_gets_past_it(
    laptop_a, laptop_b
):
    """An HQ from before schema 0003 served changes a laptop cannot keep (a member whose household never came, a
    date that is not one); the laptop skips those and stores the rest, so its syncs go on."""
    orphan_of = register_household(
        laptop_a,
        HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA, members=[MemberInput("Youssef")]),
    ).value
    [_household, member] = wire_changes(laptop_a)  # the member without its household: a parent that never came
    kept = register_household(laptop_a, HouseholdInput(consent=True, head_name="Rachid Tazi", commune=KHOURIBGA)).value
    [household] = wire_changes(laptop_a, from_seq=3)
    bad_date = {**household, "i": uuid7(), "f": {**household["f"], "consent_at": "hier"}}
    page = [changes.incoming(c) for c in (member, household, bad_date)]

    outcome = replication.apply_page(laptop_b, page, 9)

    assert (outcome.applied, outcome.skipped) == (1, 2)
    with laptop_b.read() as session:
        assert settings.get(session, "sync_cursor") == 9
        assert session.get(Household, kept.id) is not None and session.get(Household, orphan_of.id) is None


def test_a_laptop_replacing_one_with_the_same_device_code_never_reuses_its_receipt_numbers(laptop_a, tmp_path):
    from replicas import laptop

    event = events.create_event(laptop_a, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
    household = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    other = register_household(laptop_a, HouseholdInput(consent=True, head_name="Rachid Tazi", commune=KHOURIBGA)).value
    given = distributions.record_distribution(laptop_a, event.id, household.id).value
    replacement = laptop(tmp_path / "new", "KHR1")
    try:
        relay(laptop_a, replacement)
        served = distributions.record_distribution(replacement, event.id, other.id).value
        assert given.receipt.endswith("-00001") and served.receipt.endswith("-00002")
    finally:
        replacement.dispose()


def test_one_receipt_voided_on_two_laptops_keeps_both_voids_and_shows_the_first(laptop_a, laptop_b):
    from fieldapp.models import DistributionVoid

    event = events.create_event(laptop_a, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
    household = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    served = distributions.record_distribution(laptop_a, event.id, household.id).value
    relay(laptop_a, laptop_b)
    a_from = last_seq(laptop_a) + 1
    distributions.void_distribution(laptop_a, served.receipt, "Erreur de saisie")
    distributions.void_distribution(laptop_b, served.receipt, "Mauvais foyer")

    outcome = relay(laptop_a, laptop_b, from_seq=a_from, cursor=12)

    assert (outcome.applied, outcome.skipped) == (1, 0)
    with laptop_b.read() as session:
        reasons = sorted(session.scalars(select(DistributionVoid.reason)).all())
        assert reasons == ["Erreur de saisie", "Mauvais foyer"] and settings.get(session, "sync_cursor") == 12
    assert distributions.get_by_receipt(laptop_b, served.receipt).void_reason == "Erreur de saisie"  # made first
