"""Desk counters: families served today at an event, and what is left of items with a stock (voids excluded)."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldapp.errors import NotFound
from fieldapp.first_screen import local_day_bounds
from fieldapp.rules import parse_item
from fieldapp.services.desk_stats import desk_stats
from fieldapp.services.distributions import record_distribution, void_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, register_household

KHOURIBGA = "05.311.01.07"
TODAY = dt.date.today()


def household(db, name, size=1, flags=None):
    return register_household(
        db, HouseholdInput(consent=True, head_name=name, commune=KHOURIBGA, size=size, flags=flags)
    ).value


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour)).astimezone()


@pytest.fixture
def ramadan(db):
    items = [
        parse_item("KIT:Panier alimentaire:1:stock=10:ar=قفة"),
        parse_item("OIL:Huile (litre):1:per-member:stock=40"),
        parse_item("LAIT:Lait infantile:2:only=infant"),  # no stock: not counted
    ]
    return create_event(db, "Ramadan", TODAY - dt.timedelta(days=1), items, TODAY).value


def test_an_event_with_nobody_served_shows_zero_and_the_whole_stock(db, ramadan):
    stats = desk_stats(db, ramadan.id)

    assert (stats.event_id, stats.day, stats.served_today, stats.served_total) == (ramadan.id, TODAY, 0, 0)
    assert [(i.code, i.label_ar, i.stock, i.given, i.left) for i in stats.items] == [
        ("KIT", "قفة", 10, 0, 10),
        ("OIL", None, 40, 0, 40),
    ]


def test_families_served_today_and_items_given_are_counted_separately_from_yesterday(db, ramadan):
    yesterday = TODAY - dt.timedelta(days=1)
    record_distribution(db, ramadan.id, household(db, "Rachid Tazi", size=3).id, served_at=at(yesterday, 11))
    record_distribution(db, ramadan.id, household(db, "Fatima Benali", size=5).id, served_at=at(TODAY, 9))
    record_distribution(db, ramadan.id, household(db, "Said Amrani", size=2, flags=["infant"]).id)

    stats = desk_stats(db, ramadan.id)

    assert (stats.served_today, stats.served_total) == (2, 3)
    assert {i.code: (i.given, i.left) for i in stats.items} == {"KIT": (3, 7), "OIL": (10, 30)}
    assert desk_stats(db, ramadan.id, yesterday).served_today == 1


def test_a_void_gives_the_items_back_and_the_family_is_no_longer_counted(db, ramadan):
    family = household(db, "Fatima Benali", size=4)
    receipt = record_distribution(db, ramadan.id, family.id).value.receipt

    void_distribution(db, receipt, "Mauvais foyer")

    stats = desk_stats(db, ramadan.id)
    assert (stats.served_today, stats.served_total) == (0, 0)
    assert {i.code: i.left for i in stats.items} == {"KIT": 10, "OIL": 40}


def test_quantities_actually_given_count_not_the_entitlement_and_an_override_counts_one_family(db, ramadan):
    family = household(db, "Fatima Benali", size=4)
    record_distribution(db, ramadan.id, family.id, quantities={"OIL": 2}, deviation_reason="Stock bas")
    record_distribution(db, ramadan.id, family.id, override_reason="Reçu perdu, vérifié par le coordinateur")

    stats = desk_stats(db, ramadan.id)

    assert (stats.served_today, stats.served_total) == (1, 1)
    assert {i.code: i.given for i in stats.items} == {"KIT": 2, "OIL": 6}


def test_other_events_do_not_count(db, ramadan):
    other = create_event(db, "Hiver", TODAY, [parse_item("KIT:Couverture:1:stock=5")]).value
    record_distribution(db, other.id, household(db, "Rachid Tazi").id)

    assert desk_stats(db, ramadan.id).served_today == 0
    assert [(i.code, i.left) for i in desk_stats(db, other.id).items] == [("KIT", 4)]


def test_the_day_is_the_laptops_local_day(db):
    start, end = local_day_bounds(TODAY)
    assert start.tzinfo is dt.UTC and end.tzinfo is dt.UTC
    assert start.astimezone().date() == TODAY and (end - dt.timedelta(microseconds=1)).astimezone().date() == TODAY


def test_an_unknown_event_is_not_found(db):
    with pytest.raises(NotFound):
        desk_stats(db, "no such event")
