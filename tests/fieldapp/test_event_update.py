"""Editing an event: one journaled transaction; items matched by code; an item already handed out stays."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from fieldapp.errors import BadData, NotFound, Refused
from fieldapp.models import AuditEntry, EventItem, JournalEntry
from fieldapp.rules import ItemSpec, parse_item
from fieldapp.services.distributions import preview, record_distribution, void_distribution
from fieldapp.services.events import create_event, get_event, update_event
from fieldapp.services.households import HouseholdInput, register_household

KHOURIBGA = "05.311.01.07"


@pytest.fixture
def ramadan(db):
    items = [parse_item("FOOD:Panier alimentaire:1"), parse_item("OIL:Huile:2:per-member")]
    return create_event(db, "Ramadan 1446", "2025-03-01", items, site="École Al Massira").value


@pytest.fixture
def family(db):
    return register_household(
        db, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA, size=5)
    ).value


def journal(db, entity: str | None = None) -> list[JournalEntry]:
    with db.read() as session:
        query = select(JournalEntry).order_by(JournalEntry.seq)
        if entity:
            query = query.where(JournalEntry.entity == entity)
        return list(session.scalars(query))


def item_rows(db, event_id: str) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(EventItem).where(EventItem.event_id == event_id))


def test_name_dates_and_site_change_and_only_the_event_row_is_journaled(db, ramadan):
    before = len(journal(db))

    edited = update_event(db, ramadan.id, name="  Ramadan   1446 (2) ", ends_on="2025-03-03", site="").value

    assert (edited.name, edited.starts_on, edited.ends_on, edited.site) == (
        "Ramadan 1446 (2)",
        dt.date(2025, 3, 1),
        dt.date(2025, 3, 3),
        None,
    )
    added = journal(db)[before:]
    assert [(j.entity, j.op, j.entity_id) for j in added] == [("events", "update", ramadan.id)]
    assert added[0].payload["name"] == "Ramadan 1446 (2)"
    with db.read() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "event.update")).all()
        assert entry.detail["fields"] == ["name", "ends_on", "site"]


def test_items_are_changed_in_place_added_and_removed_by_code(db, ramadan, family):
    items = [
        ItemSpec("OIL", "Huile (litre)", 1, rule="per_member", label_ar="زيت"),
        ItemSpec("FLOUR", "Farine", 0, rule="size_bands", bands=((1, 3, 1), (4, None, 2)), stock=80),
    ]

    edited = update_event(db, ramadan.id, items=items).value

    assert [(i.code, i.label, i.quantity, i.rule) for i in edited.items] == [
        ("OIL", "Huile (litre)", 1, "per_member"),
        ("FLOUR", "Farine", 0, "size_bands"),
    ]
    assert edited.items[1].bands == [[1, 3, 1], [4, None, 2]] and edited.items[1].stock == 80
    assert {line.code: line.entitled for line in preview(db, ramadan.id, family.id).lines} == {"OIL": 5, "FLOUR": 2}
    rows = journal(db, "event_items")
    code_of = {j.entity_id: j.payload["code"] for j in rows if j.op == "insert"}  # updates carry changed fields only
    ops = sorted((j.op, code_of[j.entity_id]) for j in rows[2:])
    assert ops == [("delete", "FOOD"), ("insert", "FLOUR"), ("update", "OIL")]
    assert get_event(db, ramadan.id).items == edited.items


def test_an_item_removed_then_added_again_comes_back_as_the_same_row(db, ramadan):
    update_event(db, ramadan.id, items=[parse_item("OIL:Huile:2:per-member")])
    again = update_event(db, ramadan.id, items=[parse_item("FOOD:Panier:1"), parse_item("OIL:Huile:2:per-member")])

    assert [i.code for i in again.value.items] == ["FOOD", "OIL"]
    assert item_rows(db, ramadan.id) == 2  # revived, not a second FOOD row (code is unique per event)


def test_an_item_already_handed_out_cannot_be_removed_and_nothing_is_written(db, ramadan, family):
    record_distribution(db, ramadan.id, family.id)
    before = len(journal(db))

    with pytest.raises(Refused) as refused:
        update_event(db, ramadan.id, name="Renamed", items=[parse_item("OIL:Huile:2:per-member")])

    assert refused.value.key == "error.item_handed_out"
    assert refused.value.params == {"code": "FOOD", "count": 1}
    assert "FOOD" in refused.value.message()
    assert len(journal(db)) == before
    assert get_event(db, ramadan.id).name == "Ramadan 1446"
    assert [i.code for i in get_event(db, ramadan.id).items] == ["FOOD", "OIL"]


def test_its_quantity_may_still_change_and_a_voided_distribution_does_not_hold_it(db, ramadan, family):
    served = record_distribution(db, ramadan.id, family.id).value
    update_event(db, ramadan.id, items=[parse_item("FOOD:Panier:2"), parse_item("OIL:Huile:2:per-member")])
    void_distribution(db, served.receipt, "erreur de saisie")

    edited = update_event(db, ramadan.id, items=[parse_item("OIL:Huile:2:per-member")]).value

    assert [i.code for i in edited.items] == ["OIL"]


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"name": "   "}, "error.name_required"),
        ({"ends_on": "2025-02-01"}, "error.dates_order"),
        ({"starts_on": "le 1er mars"}, "error.date_invalid"),
        ({"items": []}, "error.event_needs_items"),
        ({"items": [parse_item("FOOD:Panier:1"), parse_item("FOOD:Autre:1")]}, "error.item_code_twice"),
    ],
)
def test_bad_edits_are_refused_with_their_message(db, ramadan, changes, key):
    before = len(journal(db))

    with pytest.raises(BadData) as refused:
        update_event(db, ramadan.id, **changes)

    assert refused.value.key == key
    assert len(journal(db)) == before


def test_an_edit_that_changes_nothing_writes_nothing(db, ramadan):
    before = len(journal(db))

    update_event(
        db,
        ramadan.id,
        name="Ramadan 1446",
        items=[parse_item("FOOD:Panier alimentaire:1"), parse_item("OIL:Huile:2:per-member")],
    )

    assert len(journal(db)) == before


def test_an_unknown_event_is_not_found(db):
    with pytest.raises(NotFound):
        update_event(db, "nothing-like-this", name="x")
