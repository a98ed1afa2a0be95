"""Two laptops editing the same records through a real HQ: fields merge, one winner everywhere, conflicts and review
items visible on the laptops and at HQ, clocks a day behind or a year ahead corrupt nothing."""

from __future__ import annotations

import json
import time

import pytest
from replicas import KHOURIBGA, enrolled_laptop, hq_copy, hq_findings, local_copy
from sqlalchemy import select

from fieldapp.clock import Stamp
from fieldapp.models import Distribution, Household
from fieldapp.rules import parse_item
from fieldapp.services import conflicts, distributions, events
from fieldapp.services.households import HouseholdInput, register_household, update_household
from sync import engine

DAY_MS = 86_400_000


@pytest.fixture
def pair(hq, tmp_path):
    association = hq.new_association("Association Al Amal")
    a = enrolled_laptop(tmp_path, hq, association, "KHR1")
    b = enrolled_laptop(tmp_path, hq, association, "OUJ2")
    yield a, b
    a.dispose()
    b.dispose()


def _household(db, household_id: str) -> Household:
    with db.read() as session:
        return session.get(Household, household_id)


def _sync_all(*laptops) -> None:
    for laptop in (*laptops, *laptops):  # twice round: everyone sees everyone's changes
        engine.sync_now(laptop)


def _shared_household(a, b) -> str:
    made = register_household(a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)).value
    _sync_all(a, b)
    return made.id


def test_two_laptops_editing_different_fields_keep_both(hq, pair):
    a, b = pair
    household_id = _shared_household(a, b)
    update_household(a, household_id, HouseholdInput(phone="0612345678"))
    update_household(b, household_id, HouseholdInput(douar="Douar Lahmar", flags=["widow"]))

    _sync_all(a, b)

    for laptop in (a, b):
        row = _household(laptop, household_id)
        assert (row.phone, row.douar, row.flags) == ("+212612345678", "Douar Lahmar", ["widow"])
        assert conflicts.list_conflicts(laptop) == []
    assert local_copy(a, "households") == local_copy(b, "households") == hq_copy(hq, "households")
    assert hq_findings(hq)["conflicts"] == []


def test_the_same_field_on_two_laptops_has_one_winner_everywhere_and_a_visible_conflict(hq, pair):
    a, b = pair
    household_id = _shared_household(a, b)
    update_household(a, household_id, HouseholdInput(phone="0611111111"))
    update_household(b, household_id, HouseholdInput(phone="0622222222"))  # the later edit

    _sync_all(a, b)

    assert local_copy(a, "households") == local_copy(b, "households") == hq_copy(hq, "households")
    keys = set()
    for laptop in (a, b):
        assert _household(laptop, household_id).phone == "+212622222222"
        [conflict] = conflicts.list_conflicts(laptop)
        assert (conflict.record, conflict.field, conflict.other_value) == ("Fatima Benali", "phone", "+212611111111")
        keys.add(conflict.key)
    [at_hq] = hq_findings(hq)["conflicts"]
    assert keys == {at_hq["key"]}

    # Settling on one laptop (take the other value) is an edit: it wins everywhere and settles the others.
    conflicts.settle_conflict(b, at_hq["key"], conflicts.TAKE_OTHER, actor="Samira")
    _sync_all(b, a)
    for laptop in (a, b):
        assert _household(laptop, household_id).phone == "+212611111111"
        assert conflicts.list_conflicts(laptop) == []
    assert hq_findings(hq)["conflicts"] == []
    assert local_copy(a, "households") == local_copy(b, "households") == hq_copy(hq, "households")


def test_a_laptop_a_day_behind_and_one_a_year_ahead_corrupt_nothing(hq, pair):
    behind, ahead = pair
    behind.wall_clock_ms = lambda: time.time_ns() // 1_000_000 - DAY_MS
    ahead.wall_clock_ms = lambda: time.time_ns() // 1_000_000 + 365 * DAY_MS
    # Made offline, before either laptop ever talked to HQ: stamped by their wrong clocks.
    from_ahead = register_household(
        ahead, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    update_household(ahead, from_ahead.id, HouseholdInput(phone="0611111111"))
    from_behind = register_household(
        behind, HouseholdInput(consent=True, head_name="Rachid Tazi", commune=KHOURIBGA)
    ).value

    assert abs(engine.sync_now(ahead).clock_offset_ms + 365 * DAY_MS) < 5_000  # HQ's clock, as measured by hello
    assert abs(engine.sync_now(behind).clock_offset_ms - DAY_MS) < 5_000
    _sync_all(ahead, behind)
    limit = time.time_ns() // 1_000_000 + 60_000
    for laptop in (ahead, behind):
        for _values, stamps in local_copy(laptop, "households").values():
            assert all(Stamp.parse(s).wall_ms <= limit for s in stamps.values()), stamps  # the future was capped

    # The laptop behind edits after the year-ahead one: its edit wins (the future stamp does not win forever).
    update_household(behind, from_ahead.id, HouseholdInput(phone="0622222222"))
    # ...and the laptop ahead, now corrected by HQ's clock, edits another record after the one behind.
    update_household(behind, from_behind.id, HouseholdInput(douar="Douar Lahmar"))
    _sync_all(behind, ahead)
    update_household(ahead, from_behind.id, HouseholdInput(douar="Douar Oulad Said"))
    _sync_all(ahead, behind)

    for laptop in (ahead, behind):
        assert _household(laptop, from_ahead.id).phone == "+212622222222"
        assert _household(laptop, from_behind.id).douar == "Douar Oulad Said"
        assert _household(laptop, from_ahead.id).head_name == "Fatima Benali"
    assert local_copy(ahead, "households") == local_copy(behind, "households") == hq_copy(hq, "households")
    assert conflicts.list_conflicts(ahead) == [] and conflicts.list_conflicts(behind) == []


def test_one_household_served_for_one_event_on_two_laptops_is_kept_twice_and_reviewed_everywhere(hq, pair):
    a, b = pair
    event = events.create_event(a, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
    household_id = _shared_household(a, b)
    first = distributions.record_distribution(a, event.id, household_id).value
    second = distributions.record_distribution(b, event.id, household_id).value

    _sync_all(a, b)

    keys = set()
    for laptop in (a, b):
        with laptop.read() as session:
            kept = sorted(session.scalars(select(Distribution.id).where(Distribution.event_id == event.id)))
        assert kept == sorted([first.id, second.id])
        [review] = conflicts.list_reviews(laptop)
        assert review.kind == "double_distribution" and review.household_name == "Fatima Benali"
        assert sorted(r.receipt for r in review.records) == sorted([first.receipt, second.receipt])
        keys.add(review.key)
    [at_hq] = hq_findings(hq)["reviews"]
    assert keys == {at_hq["key"]} and sorted(at_hq["record_ids"]) == sorted([first.id, second.id])
    assert local_copy(a, "distributions") == local_copy(b, "distributions") == hq_copy(hq, "distributions")

    # Settled on a laptop (with what was decided): HQ hears of it at the next sync.
    conflicts.settle_review(a, at_hq["key"], "Second sac repris le 21/02", actor="Samira")
    assert engine.sync_now(a).settlements_reported == 1
    assert hq_findings(hq)["reviews"] == []
    [settled] = json.loads(hq.cli("conflicts", "--all", "--json").stdout)["reviews"]
    assert (settled["settled_by"], settled["note"]) == ("Samira", "Second sac repris le 21/02")
    assert engine.sync_now(a).settlements_reported == 0


def test_a_serving_again_with_a_reason_is_a_decision_and_no_replica_lists_it_for_review(hq, pair):
    a, b = pair
    event = events.create_event(a, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
    household_id = _shared_household(a, b)
    distributions.record_distribution(a, event.id, household_id)
    distributions.record_distribution(a, event.id, household_id, override_reason="Sac perdu sur la route")

    _sync_all(a, b)

    assert conflicts.list_reviews(a) == [] and conflicts.list_reviews(b) == []
    assert hq_findings(hq)["reviews"] == []
    assert len(local_copy(b, "distributions")) == 2  # both servings are kept everywhere, receipts and reason


def test_a_double_serving_ended_by_a_void_is_settled_on_every_replica(hq, pair):
    a, b = pair
    event = events.create_event(a, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
    household_id = _shared_household(a, b)
    first = distributions.record_distribution(a, event.id, household_id).value
    second = distributions.record_distribution(b, event.id, household_id).value
    # An override on A (it knows only its own serving) is a decision; B's serving, made without knowing, is not.
    third = distributions.record_distribution(a, event.id, household_id, override_reason="Deuxième sac autorisé").value
    _sync_all(a, b)
    everyone = sorted([first.id, second.id, third.id])
    for laptop in (a, b):
        [review] = conflicts.list_reviews(laptop)
        assert sorted(r.receipt for r in review.records) == sorted([first.receipt, second.receipt, third.receipt])
    [at_hq] = hq_findings(hq)["reviews"]
    assert sorted(at_hq["record_ids"]) == everyone

    distributions.void_distribution(b, second.receipt, "Servie deux fois : sac repris")
    assert conflicts.list_reviews(b) == []  # settled on the spot by the void
    _sync_all(b, a)
    assert conflicts.list_reviews(a) == [] and hq_findings(hq)["reviews"] == []
    [settled] = json.loads(hq.cli("conflicts", "--all", "--json").stdout)["reviews"]
    assert settled["settled_by"] == "sync:rule"


def test_one_cin_on_two_households_is_reviewed_everywhere_until_one_cin_is_corrected_then_settled_everywhere(hq, pair):
    a, b = pair
    first = register_household(
        a, HouseholdInput(head_name="Fatima Benali", cin="AB123456", commune=KHOURIBGA, consent=True)
    )
    second = register_household(
        b, HouseholdInput(head_name="Fatma Benali", cin="AB123456", commune=KHOURIBGA, consent=True)
    )
    _sync_all(a, b)
    for laptop in (a, b):
        assert [r.kind for r in conflicts.list_reviews(laptop)] == ["duplicate_cin"]
    assert [r["kind"] for r in hq_findings(hq)["reviews"]] == ["duplicate_cin"]

    # the coordinator on B finds Fatma's real CIN: the item is settled on B at once, then at HQ and on A
    update_household(b, second.value.id, HouseholdInput(cin="AB654321"))
    assert conflicts.list_reviews(b) == []
    _sync_all(b, a)
    assert conflicts.list_reviews(a) == [] and hq_findings(hq)["reviews"] == []
    assert first.value.cin == "AB123456"
