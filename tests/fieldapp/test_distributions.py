"""Handing out at an event: what each household is entitled to, one distribution each, receipts, overrides, voids."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from fieldapp.db import Database
from fieldapp.errors import BadData, NotFound, Refused
from fieldapp.models import AuditEntry, Distribution, DistributionVoid, JournalEntry, Setting
from fieldapp.rules import ItemSpec, parse_item
from fieldapp.services.distributions import (
    get_by_receipt,
    list_distributions,
    preview,
    record_distribution,
    void_distribution,
)
from fieldapp.services.events import create_event, list_events
from fieldapp.services.households import HouseholdInput, MemberInput, delete_household, register_household
from fieldapp.services.volunteers import register_volunteer

KHOURIBGA = "05.311.01.07"


def household(db, name="Fatima Benali", size=None, flags=None, cin=None, members=None):
    data = HouseholdInput(
        consent=True, head_name=name, commune=KHOURIBGA, size=size, flags=flags, cin=cin, members=members
    )
    return register_household(db, data).value


def event(db, *items, name="Ramadan 1446"):
    specs = [parse_item(i) for i in items] or [parse_item("FOOD:Panier alimentaire:1")]
    return create_event(db, name, "2025-03-01", specs).value


def entitled(db, event_ref, household_ref) -> dict[str, int]:
    return {line.code: line.entitled for line in preview(db, event_ref, household_ref).lines}


def written(db) -> dict[str, int]:
    with db.read() as session:
        return {
            m.__tablename__: session.scalar(select(func.count()).select_from(m))
            for m in (Distribution, DistributionVoid, JournalEntry, AuditEntry, Setting)
        }


def audit_entries(db, action):
    with db.read() as session:
        return session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


# --- entitlement ---------------------------------------------------------------------------------------------------


def test_a_per_household_item_gives_the_same_quantity_whatever_the_size(db):
    ramadan = event(db, "FOOD:Panier alimentaire:1")
    alone, large = household(db, "Rachid Tazi", size=1), household(db, "Fatima Benali", size=9)

    assert entitled(db, ramadan.id, alone.id) == {"FOOD": 1}
    assert entitled(db, ramadan.id, large.id) == {"FOOD": 1}


def test_a_per_member_item_is_multiplied_by_the_household_size(db):
    ramadan = event(db, "OIL:Huile (litre):2:per-member")
    members = [MemberInput("Amina"), MemberInput("Youssef")]
    family = household(db, members=members)  # head + 2 members

    assert entitled(db, ramadan.id, family.id) == {"OIL": 6}


@pytest.mark.parametrize(("size", "expected"), [(1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (15, 3)])
def test_size_bands_give_the_quantity_of_the_band_the_household_falls_in(db, size, expected):
    ramadan = event(db, "FLOUR:Farine (sac):0:bands=1-3/1,4-6/2,7+/3")
    family = household(db, size=size)

    assert entitled(db, ramadan.id, family.id) == {"FLOUR": expected}


def test_a_household_outside_every_band_is_entitled_to_nothing_of_that_item(db):
    ramadan = event(db, "FOOD:Panier:1", "FLOUR:Farine:0:bands=2-3/1,4+/2")
    alone = household(db, size=1)

    assert entitled(db, ramadan.id, alone.id) == {"FOOD": 1, "FLOUR": 0}


def test_infant_milk_only_goes_to_households_flagged_infant(db):
    winter = event(db, "FOOD:Panier:1", "MILK:Lait infantile:4:only=infant")
    with_baby = household(db, "Fatima Benali", flags=["infant"])
    without = household(db, "Rachid Tazi", flags=["widow"])

    assert entitled(db, winter.id, with_baby.id) == {"FOOD": 1, "MILK": 4}
    assert entitled(db, winter.id, without.id) == {"FOOD": 1, "MILK": 0}

    given = record_distribution(db, winter.id, without.id).value
    assert [(i["code"], i["quantity"]) for i in given.items] == [("FOOD", 1)]


def test_what_is_recorded_is_the_entitlement_when_no_quantities_are_given(db):
    ramadan = event(db, "FOOD:Panier:1", "OIL:Huile:1:per-member")
    family = household(db, size=5)

    recorded = record_distribution(db, ramadan.id, family.id).value

    assert {i["code"]: (i["quantity"], i["entitled"]) for i in recorded.items} == {"FOOD": (1, 1), "OIL": (5, 5)}


def test_items_are_read_from_code_label_quantity_and_rule():
    assert parse_item("food:Panier alimentaire:1") == ItemSpec("FOOD", "Panier alimentaire", 1)
    oil = parse_item("OIL:Huile:2:per-member:stock=500:ar=زيت")
    assert (oil.rule, oil.stock, oil.label_ar) == ("per_member", 500, "زيت")
    flour = parse_item("FLOUR:Farine:0:bands=4-6/2,1-3/1,7+/3")
    assert (flour.rule, flour.bands) == ("size_bands", ((1, 3, 1), (4, 6, 2), (7, None, 3)))
    assert parse_item("MILK:Lait:4:only=infant").only_flag == "infant"


@pytest.mark.parametrize(
    ("spec", "key"),
    [
        ("FOOD:Panier", "error.item_invalid"),
        ("FOOD:Panier:un", "error.item_invalid"),
        (":Panier:1", "error.item_invalid"),
        ("FOOD:Panier:1:per-family", "error.item_invalid"),
        ("MILK:Lait:4:only=rich", "error.item_invalid"),
        ("FLOUR:Farine:0:bands=1-3", "error.bands_invalid"),
    ],
)
def test_an_unreadable_item_is_bad_data(spec, key):
    with pytest.raises(BadData) as error:
        parse_item(spec)

    assert error.value.key == key


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"items": []}, "error.event_needs_items"),
        ({"items": ["FOOD:Panier:1", "food:Autre panier:2"]}, "error.item_code_twice"),
        ({"ends_on": "2025-02-28"}, "error.dates_order"),
        ({"starts_on": "01/03/2025"}, "error.date_invalid"),
        ({"name": "  "}, "error.name_required"),
    ],
)
def test_an_event_that_cannot_be_held_is_bad_data_and_not_created(db, kwargs, key):
    given = {"name": "Ramadan 1446", "starts_on": "2025-03-01", "items": ["FOOD:Panier:1"], **kwargs}
    given["items"] = [parse_item(i) for i in given["items"]]

    with pytest.raises(BadData) as error:
        create_event(db, **given)

    assert error.value.key == key
    assert list_events(db) == []


# --- receipts ------------------------------------------------------------------------------------------------------


def test_receipts_are_numbered_per_device_and_year(db):
    ramadan = event(db)
    first, second = household(db, "Fatima Benali"), household(db, "Rachid Tazi")
    year = dt.datetime.now(dt.UTC).year

    a = record_distribution(db, ramadan.id, first.id).value
    b = record_distribution(db, ramadan.id, second.id).value

    assert a.receipt == f"KHR1-{year}-00001"
    assert b.receipt == f"KHR1-{year}-00002"
    assert a.device_id == "KHR1"
    assert get_by_receipt(db, a.receipt.lower()).household_name == "Fatima Benali"


def test_an_unknown_receipt_is_not_found(db):
    with pytest.raises(NotFound) as error:
        get_by_receipt(db, "KHR1-2025-99999")

    assert error.value.key == "error.receipt_not_found"


# --- one distribution per household and event ----------------------------------------------------------------------


def test_a_second_distribution_for_the_same_event_is_refused_and_nothing_is_written(db):
    ramadan = event(db)
    family = household(db, "Fatima Benali")
    first = record_distribution(db, ramadan.id, family.id).value
    before = written(db)

    with pytest.raises(Refused) as refused:
        record_distribution(db, ramadan.id, family.id)

    assert refused.value.key == "error.already_served"
    assert refused.value.exit_code == 3
    params = refused.value.params
    assert params["receipt"] == first.receipt
    assert params["by"] == "Samira"
    assert params["when"] == first.served_at.strftime("%Y-%m-%d %H:%M")
    message = refused.value.message()
    assert first.receipt in message and "Samira" in message and "Fatima Benali" in message
    assert written(db) == before
    assert [d.receipt for d in list_distributions(db, ramadan.id)] == [first.receipt]


def test_a_refused_second_distribution_does_not_use_up_a_receipt_number(db):
    ramadan = event(db)
    family, other = household(db, "Fatima Benali"), household(db, "Rachid Tazi")
    first = record_distribution(db, ramadan.id, family.id).value

    with pytest.raises(Refused):
        record_distribution(db, ramadan.id, family.id)
    second = record_distribution(db, ramadan.id, other.id).value

    assert second.receipt.endswith("-00002")
    assert first.receipt.endswith("-00001")


def test_the_same_household_can_be_served_at_another_event(db):
    ramadan = event(db, name="Ramadan 1446")
    winter = event(db, name="Hiver 2025")
    family = household(db)

    record_distribution(db, ramadan.id, family.id)
    served = record_distribution(db, winter.id, family.id).value

    assert served.event_name == "Hiver 2025"


def test_two_desks_serving_the_same_queue_at_once_serve_each_household_once(db):
    """Two windows (or the app and the command line) on the same file, racing through the same households."""
    ramadan = event(db)
    families = [household(db, f"Foyer {i}") for i in range(6)]
    desks = [Database(db.path, key=db.key) for _ in range(2)]
    outcomes: list[str] = []

    def serve(desk):
        for family in families:
            try:
                outcomes.append(record_distribution(desk, ramadan.id, family.id).value.receipt)
            except Refused as refused:
                outcomes.append(refused.key)

    threads = [threading.Thread(target=serve, args=(desk,)) for desk in desks]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        for desk in desks:
            desk.dispose()

    receipts = [o for o in outcomes if o.startswith("KHR1-")]
    assert len(receipts) == 6 and len(set(receipts)) == 6
    assert outcomes.count("error.already_served") == 6
    served = list_distributions(db, ramadan.id)
    assert sorted(d.household_name for d in served) == sorted(f.head_name for f in families)


def test_preview_shows_that_the_household_was_already_served(db):
    ramadan = event(db)
    family = household(db)
    first = record_distribution(db, ramadan.id, family.id).value

    shown = preview(db, ramadan.id, family.id)

    assert shown.already_served is not None
    assert shown.already_served.receipt == first.receipt


def test_an_override_with_a_reason_serves_again_and_the_reason_is_audited(db):
    ramadan = event(db)
    family = household(db)
    first = record_distribution(db, ramadan.id, family.id).value

    again = record_distribution(
        db, ramadan.id, family.id, override_reason="  Famille de 12 : deuxième panier validé par le bureau "
    ).value

    assert again.receipt != first.receipt
    assert again.override_reason == "Famille de 12 : deuxième panier validé par le bureau"
    entries = audit_entries(db, "distribution.override")
    assert len(entries) == 1
    assert entries[0].entity_id == again.id
    assert entries[0].actor == "Samira"
    assert entries[0].detail["reason"] == "Famille de 12 : deuxième panier validé par le bureau"
    assert entries[0].detail["previous_receipt"] == first.receipt
    assert len(list_distributions(db, ramadan.id)) == 2


def test_an_override_reason_of_only_spaces_does_not_override(db):
    ramadan = event(db)
    family = household(db)
    record_distribution(db, ramadan.id, family.id)

    with pytest.raises(Refused) as refused:
        record_distribution(db, ramadan.id, family.id, override_reason="   ")

    assert refused.value.key == "error.already_served"
    assert audit_entries(db, "distribution.override") == []


def test_a_first_distribution_with_an_override_reason_is_not_audited_as_an_override(db):
    ramadan = event(db)
    family = household(db)

    record_distribution(db, ramadan.id, family.id, override_reason="par précaution")

    assert audit_entries(db, "distribution.override") == []
    assert len(audit_entries(db, "distribution.record")) == 1


# --- quantities that differ from the entitlement -------------------------------------------------------------------


def test_giving_less_than_the_entitlement_needs_a_reason_and_nothing_is_written_without_one(db):
    ramadan = event(db, "FOOD:Panier:1", "OIL:Huile:2")
    family = household(db)
    before = written(db)

    with pytest.raises(Refused) as refused:
        record_distribution(db, ramadan.id, family.id, quantities={"OIL": 1})

    assert refused.value.key == "error.quantity_needs_reason"
    assert refused.value.params == {"code": "OIL", "given": 1, "entitled": 2}
    assert written(db) == before


def test_giving_a_different_quantity_with_a_reason_is_recorded_with_the_reason(db):
    ramadan = event(db, "FOOD:Panier:1", "OIL:Huile:2")
    family = household(db)

    recorded = record_distribution(
        db, ramadan.id, family.id, quantities={"oil": 1}, deviation_reason="Stock d'huile épuisé"
    ).value

    assert {i["code"]: (i["quantity"], i["entitled"]) for i in recorded.items} == {"FOOD": (1, 1), "OIL": (1, 2)}
    assert recorded.deviation_reason == "Stock d'huile épuisé"


def test_giving_exactly_the_entitlement_needs_no_reason(db):
    ramadan = event(db, "FOOD:Panier:1", "OIL:Huile:2")
    family = household(db)

    recorded = record_distribution(db, ramadan.id, family.id, quantities={"FOOD": 1, "OIL": 2}).value

    assert recorded.deviation_reason is None


def test_a_quantity_for_an_item_the_event_does_not_give_is_bad_data(db):
    ramadan = event(db, "FOOD:Panier:1")
    family = household(db)

    with pytest.raises(BadData) as error:
        record_distribution(db, ramadan.id, family.id, quantities={"BLANKET": 1}, deviation_reason="froid")

    assert error.value.key == "error.item_unknown"
    assert list_distributions(db, ramadan.id) == []


def test_a_negative_quantity_is_bad_data(db):
    ramadan = event(db, "FOOD:Panier:1")
    family = household(db)

    with pytest.raises(BadData) as error:
        record_distribution(db, ramadan.id, family.id, quantities={"FOOD": -1}, deviation_reason="erreur")

    assert error.value.key == "error.quantity_negative"


def test_a_distribution_of_nothing_is_refused(db):
    ramadan = event(db, "FOOD:Panier:1")
    family = household(db)

    with pytest.raises(Refused) as refused:
        record_distribution(db, ramadan.id, family.id, quantities={"FOOD": 0}, deviation_reason="absent")

    assert refused.value.key == "error.nothing_to_give"
    assert list_distributions(db, ramadan.id) == []


def test_a_household_entitled_to_nothing_cannot_be_given_an_empty_distribution(db):
    milk_day = event(db, "MILK:Lait infantile:4:only=infant")
    family = household(db, flags=["widow"])

    with pytest.raises(Refused) as refused:
        record_distribution(db, milk_day.id, family.id)

    assert refused.value.key == "error.nothing_to_give"


# --- voids ---------------------------------------------------------------------------------------------------------


def test_voiding_needs_a_reason(db):
    ramadan = event(db)
    served = record_distribution(db, ramadan.id, household(db).id).value
    before = written(db)

    with pytest.raises(Refused) as refused:
        void_distribution(db, served.receipt, "   ")

    assert refused.value.key == "error.reason_required"
    assert written(db) == before
    assert get_by_receipt(db, served.receipt).voided_at is None


def test_a_void_keeps_the_distribution_and_records_the_reason_and_who(db):
    ramadan = event(db)
    served = record_distribution(db, ramadan.id, household(db).id).value

    voided = void_distribution(db, served.receipt, "Mauvais foyer sélectionné").value

    assert voided.receipt == served.receipt
    assert voided.void_reason == "Mauvais foyer sélectionné"
    assert voided.voided_at is not None
    assert get_by_receipt(db, served.receipt).void_reason == "Mauvais foyer sélectionné"
    with db.read() as session:
        void = session.scalars(select(DistributionVoid)).one()
    assert void.voided_by == "Samira"
    assert [e.detail["reason"] for e in audit_entries(db, "distribution.void")] == ["Mauvais foyer sélectionné"]


def test_voiding_twice_is_refused(db):
    ramadan = event(db)
    served = record_distribution(db, ramadan.id, household(db).id).value
    void_distribution(db, served.receipt, "Mauvais foyer")
    before = written(db)

    with pytest.raises(Refused) as refused:
        void_distribution(db, served.receipt, "encore")

    assert refused.value.key == "error.already_voided"
    assert served.receipt in refused.value.message()
    assert written(db) == before


def test_after_a_void_the_household_can_be_served_again_without_override(db):
    ramadan = event(db)
    family = household(db)
    first = record_distribution(db, ramadan.id, family.id).value
    void_distribution(db, first.receipt, "Erreur de saisie")

    assert preview(db, ramadan.id, family.id).already_served is None
    again = record_distribution(db, ramadan.id, family.id).value

    assert again.receipt != first.receipt
    assert again.override_reason is None
    assert audit_entries(db, "distribution.override") == []


def test_voiding_an_unknown_receipt_is_not_found(db):
    with pytest.raises(NotFound) as error:
        void_distribution(db, "KHR1-2025-00042", "erreur")

    assert error.value.key == "error.receipt_not_found"


# --- who and where -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["event", "household"])
def test_an_unknown_event_or_household_is_not_found_and_nothing_is_written(db, missing):
    ramadan = event(db)
    family = household(db)
    before = written(db)
    event_ref = "Fête inexistante" if missing == "event" else ramadan.id
    household_ref = "ZZ999999" if missing == "household" else family.id

    with pytest.raises(NotFound) as error:
        record_distribution(db, event_ref, household_ref)

    assert error.value.key == f"error.{missing}_not_found"
    assert error.value.exit_code == 4
    assert written(db) == before


def test_a_deleted_household_cannot_be_served(db):
    ramadan = event(db)
    family = household(db, cin="AB123456")
    delete_household(db, family.id, reason="Doublon")

    with pytest.raises(NotFound):
        record_distribution(db, ramadan.id, family.id)


def test_event_and_household_can_be_named_by_event_name_and_cin(db):
    event(db, name="Ramadan 1446")
    household(db, "Fatima Benali", cin="AB123456")

    served = record_distribution(db, "ramadan 1446", "ab 123456").value

    assert served.household_name == "Fatima Benali"
    assert served.event_name == "Ramadan 1446"


def test_a_proxy_collector_is_recorded_on_the_distribution(db):
    ramadan = event(db)
    family = household(db)

    served = record_distribution(db, ramadan.id, family.id, collector="  Khadija   Benali (voisine) ").value

    assert served.collector_name == "Khadija Benali (voisine)"
    assert get_by_receipt(db, served.receipt).collector_name == "Khadija Benali (voisine)"


def test_the_volunteer_who_handed_out_is_recorded_from_the_roster_or_as_a_free_name(db):
    ramadan = event(db)
    hassan = register_volunteer(db, "Hassan Idrissi", phone="0661000000").value
    first, second = household(db, "Fatima Benali"), household(db, "Rachid Tazi")

    by_roster = record_distribution(db, ramadan.id, first.id, handed_out_by="hassan idrissi").value
    by_name = record_distribution(db, ramadan.id, second.id, handed_out_by="Mme Directrice").value

    assert by_roster.handed_out_by == "Hassan Idrissi"
    assert by_name.handed_out_by == "Mme Directrice"
    with db.read() as session:
        volunteer_ids = dict(session.execute(select(Distribution.receipt, Distribution.volunteer_id)).all())
    assert volunteer_ids == {by_roster.receipt: hassan.id, by_name.receipt: None}
