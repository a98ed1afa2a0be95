"""Retention (law 09-08): households neither served nor edited for N months lose their identity; statistics stay;
they are never found by name again; every change is journaled for HQ; coordinators only; one audit entry a run."""

from __future__ import annotations

import datetime as dt

import pytest
from ageing import age
from sqlalchemy import func, select

from fieldapp.db import Database
from fieldapp.errors import BadData, NotAllowed
from fieldapp.models import AuditEntry, Distribution, Household, JournalEntry, Member, SyncConflict
from fieldapp.permissions import Account, Role
from fieldapp.rules import parse_item
from fieldapp.services.distributions import record_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import (
    HouseholdInput,
    MemberInput,
    get_household,
    register_household,
    search_households,
)
from fieldapp.services.retention import apply_retention, months_before

KHOURIBGA = "05.311.01.07"


def household(db, name, cin, **fields):
    fields.setdefault("consent", True)  # registration asks for the choice
    data = HouseholdInput(head_name=name, cin=cin, commune=KHOURIBGA, **fields)
    return register_household(db, data).value


@pytest.fixture
def town(db):
    """Fatima (served 14 months ago), Ahmed (registered 14 months ago, served last month), Karim (new)."""
    event = create_event(db, "Panier", "2025-01-10", [parse_item("KIT:Panier alimentaire:1")]).value
    fatima = household(
        db,
        "Fatima Benali",
        "AB123456",
        head_name_ar="فاطمة بن علي",
        phone="0612345678",
        douar="Ouled Said",
        notes="veuve depuis 2020",
        flags=["widow", "infant"],
        consent=True,
        consent_by="Khadija",
        members=[MemberInput("Youssef Benali", name_ar="يوسف", sex="M", birth_year=2012, relation="fils")],
    )
    record_distribution(db, event.id, fatima.id, collector="Aicha Benali")
    ahmed = household(db, "Ahmed Alaoui", "CD654321", phone="0611223344")
    record_distribution(db, event.id, ahmed.id)
    karim = household(db, "Karim Idrissi", "EF111222")
    age(db, fatima.id, 14)
    age(db, ahmed.id, 14, served=False)
    age(db, ahmed.id, 0)  # its distribution: now
    with db.write(journal=False) as uow:  # a conflict about Fatima's name, found by an earlier sync
        uow.session.add(
            SyncConflict(
                key="c1",
                entity="households",
                entity_id=fatima.id,
                field="head_name",
                winner_value="Fatima Benali",
                winner_hlc="1",
                loser_value="Fatma Benali",
                loser_hlc="0",
            )
        )
    return {"fatima": fatima.id, "ahmed": ahmed.id, "karim": karim.id}


def test_months_before_keeps_the_day_or_takes_the_months_last():
    moment = dt.datetime(2026, 3, 31, 10, 0, tzinfo=dt.UTC)
    assert months_before(moment, 1) == dt.datetime(2026, 2, 28, 10, 0, tzinfo=dt.UTC)
    assert months_before(moment, 15) == dt.datetime(2024, 12, 31, 10, 0, tzinfo=dt.UTC)


def test_an_inactive_household_loses_its_identity_and_keeps_its_statistics(db, town):
    result = apply_retention(db, 12).value

    assert result.households == [town["fatima"]] and result.anonymised == 1 and not result.dry_run
    with db.read() as session:
        fatima = session.get(Household, town["fatima"])
        member = session.scalars(select(Member).where(Member.household_id == fatima.id)).one()
        served = session.scalars(select(Distribution).where(Distribution.household_id == fatima.id)).one()
        conflict = session.get(SyncConflict, "c1")
    assert fatima.head_name == "—" and fatima.anonymised_at is not None
    erased = (fatima.head_name_ar, fatima.cin, fatima.phone, fatima.douar, fatima.notes, fatima.consent_by)
    assert erased == (None,) * 6
    assert (fatima.commune_code, fatima.size, fatima.flags) == (KHOURIBGA, 2, ["infant", "widow"])
    assert fatima.consent_at is not None and fatima.consent_version == "2026-12"
    assert (member.name, member.name_ar, member.sex, member.birth_year) == ("—", None, "M", 2012)
    assert served.collector_name is None and served.receipt
    assert (conflict.winner_value, conflict.loser_value) == (None, None)


def test_households_served_or_edited_within_the_months_are_kept(db, town):
    apply_retention(db, 12)

    assert get_household(db, town["ahmed"]).head_name == "Ahmed Alaoui"
    assert get_household(db, town["karim"]).cin == "EF111222"


def test_an_anonymised_household_is_never_found_by_name_cin_or_phone_and_is_shown_as_anonymised(db, town, cli):
    apply_retention(db, 12)

    for typed in ("Fatima", "فاطمة", "Youssef", "AB123456", "0612345678", "—"):
        assert town["fatima"] not in [h.id for h in search_households(db, typed)], typed
    assert get_household(db, town["fatima"]).anonymised_at is not None
    listed = cli("household", "list")
    assert "(anonymisé)" in listed.out and "Fatima" not in listed.out
    assert "Anonymisé le" in cli("household", "show", town["fatima"]).out


def test_the_changes_are_journaled_for_hq_and_one_audit_entry_records_the_run(db, town):
    with db.read() as session:
        before = session.scalar(select(func.count()).select_from(JournalEntry))
    apply_retention(db, 12)

    with db.read() as session:
        new = session.scalars(select(JournalEntry).where(JournalEntry.seq > before)).all()
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "retention.run")).all()
    assert sorted(e.entity for e in new) == ["distributions", "households", "members"]
    household_change = next(e for e in new if e.entity == "households")
    assert household_change.op == "update" and household_change.payload["cin"] is None
    assert household_change.payload["head_name"] == "—"
    assert [(a.detail["anonymised"], a.detail["inactive_months"], a.detail["ids"]) for a in audit] == [
        (1, 12, [town["fatima"]])
    ]


def test_a_dry_run_counts_and_changes_nothing_and_a_second_run_finds_nobody(db, town):
    dry = apply_retention(db, 12, dry_run=True).value
    assert dry.households == [town["fatima"]] and dry.dry_run
    assert get_household(db, town["fatima"]).head_name == "Fatima Benali"

    assert apply_retention(db, 12).value.anonymised == 1
    assert apply_retention(db, 12).value.anonymised == 0
    assert apply_retention(db, 1).value.households == []  # Ahmed was served now, Karim registered now


def test_zero_months_is_refused(db, town):
    with pytest.raises(BadData):
        apply_retention(db, 0)


def test_a_volunteer_may_not_run_retention_and_nothing_changes(db, town):
    volunteer = Database(db.path, key=db.key, account=Account("Youssef", Role.VOLUNTEER))
    try:
        with pytest.raises(NotAllowed):
            apply_retention(volunteer, 12)
    finally:
        volunteer.dispose()
    assert get_household(db, town["fatima"]).head_name == "Fatima Benali"


def test_the_command_counts_then_anonymises(db, town, cli):
    dry = cli("retention", "--inactive-months", "12", "--dry-run", "--json")
    assert dry.code == 0 and dry.json()["dry_run"] is True
    assert (dry.json()["anonymised"], dry.json()["households"]) == (1, [town["fatima"]])

    done = cli("retention", "--inactive-months", "12")
    assert done.code == 0 and "Anonymisés : 1 foyer" in done.out
    assert cli("retention", "--inactive-months", "0").code == 5


def test_a_deleted_household_also_loses_its_identity(db, town):
    from fieldapp.services.households import delete_household

    delete_household(db, town["karim"], "parti")
    age(db, town["karim"], 14)

    assert sorted(apply_retention(db, 12).value.households) == sorted([town["fatima"], town["karim"]])
    with db.read() as session:
        karim = session.get(Household, town["karim"])
    assert (karim.head_name, karim.cin, karim.deleted_at is not None) == ("—", None, True)
