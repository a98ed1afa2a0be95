"""Field stamps: every synced row knows when each field last changed, and an update's journal row says what it saw."""

from __future__ import annotations

from sqlalchemy import select

from fieldapp.models import Household, JournalEntry
from fieldapp.services.households import HouseholdInput, register_household, update_household

KHOURIBGA = "05.311.01.07"


def _household(db, household_id: str) -> Household:
    with db.read() as session:
        return session.get(Household, household_id)


def _last_journal(db) -> JournalEntry:
    with db.read() as session:
        return session.scalars(select(JournalEntry).order_by(JournalEntry.seq.desc()).limit(1)).one()


def test_a_new_row_carries_its_insert_stamp_for_every_field(db):
    household = register_household(db, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)).value

    row = _household(db, household.id)
    assert row.field_hlc == {"*": row.hlc}


def test_an_update_journals_only_the_changed_fields_and_the_stamps_they_had(db):
    household = register_household(db, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)).value
    inserted = _household(db, household.id).hlc

    update_household(db, household.id, HouseholdInput(douar="Douar Lahmar", phone="0612345678"))

    entry = _last_journal(db)
    row = _household(db, household.id)
    assert entry.entity == "households" and entry.op == "update"
    assert set(entry.payload) == {"douar", "phone", "_prev"}
    assert entry.payload["_prev"] == {"douar": inserted, "phone": inserted}
    assert row.field_hlc == {"*": inserted, "douar": entry.hlc, "phone": entry.hlc}
    assert row.hlc == entry.hlc


def test_a_second_update_sees_the_first_updates_stamp(db):
    household = register_household(db, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)).value
    update_household(db, household.id, HouseholdInput(douar="Douar Lahmar"))
    first = _last_journal(db).hlc

    update_household(db, household.id, HouseholdInput(douar="Douar Oulad Said"))

    assert _last_journal(db).payload == {"douar": "Douar Oulad Said", "_prev": {"douar": first}}
