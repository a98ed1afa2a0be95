"""Correcting a volunteer's record and taking them off the roster: checked as at registration, never deleted, past
shifts kept, not offered for check-in while deactivated, back with `reactivate`; the coordinator's, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from fieldapp.errors import BadData, NotAllowed, NotFound, Refused
from fieldapp.models import AuditEntry, JournalEntry, Volunteer
from fieldapp.rules import parse_item
from fieldapp.services import accounts
from fieldapp.services.events import create_event
from fieldapp.services.volunteers import (
    check_in,
    check_out,
    deactivate_volunteer,
    list_attendance,
    list_volunteers,
    reactivate_volunteer,
    register_volunteer,
    roster,
    update_volunteer,
)

MORNING = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def ramadan(db):
    return create_event(db, "Ramadan 1446", "2025-03-01", [parse_item("FOOD:Panier:1")]).value


@pytest.fixture
def hassan(db):
    return register_volunteer(db, "Hassan Idrissi", name_ar="حسن الإدريسي", phone="0661000000").value


def audit_actions(db, volunteer_id: str) -> list[str]:
    with db.read() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == volunteer_id).order_by(AuditEntry.seq)
        ).all()
        return [row.action for row in rows]


def journal_rows(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(JournalEntry))


# --- editing ---------------------------------------------------------------------------------------------------------


def test_an_edit_changes_the_fields_given_with_the_phone_normalised_and_is_audited(db, hassan):
    outcome = update_volunteer(db, hassan.id, name="  Hassan   El Idrissi ", phone="06 62 00 00 00")

    assert (outcome.value.name, outcome.value.phone) == ("Hassan El Idrissi", "+212662000000")
    assert outcome.value.name_ar == "حسن الإدريسي"  # not given: kept
    assert outcome.changed == {"volunteers"}
    assert [v.name for v in list_volunteers(db)] == ["Hassan El Idrissi"]
    assert audit_actions(db, hassan.id) == ["volunteer.register", "volunteer.update"]
    with db.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "volunteer.update")).one()
    assert entry.detail == {"fields": ["name", "phone"]}


def test_an_empty_text_clears_the_arabic_name_and_the_phone(db, hassan):
    edited = update_volunteer(db, hassan.id, name_ar="", phone="").value

    assert (edited.name_ar, edited.phone) == (None, None)


@pytest.mark.parametrize(
    ("fields", "key"), [({"name": "   "}, "error.name_required"), ({"phone": "12"}, "error.phone_invalid")]
)
def test_an_edit_is_checked_as_a_registration_and_nothing_is_written(db, hassan, fields, key):
    before = journal_rows(db)

    with pytest.raises(BadData) as error:
        update_volunteer(db, hassan.id, **fields)

    assert error.value.key == key
    assert journal_rows(db) == before
    assert list_volunteers(db)[0] == hassan


def test_a_phone_another_volunteer_has_is_kept_with_a_warning(db, hassan):
    amina = register_volunteer(db, "Amina Alaoui").value

    outcome = update_volunteer(db, amina.id, phone="+212661000000")

    assert [n.key for n in outcome.notices] == ["warning.volunteer_phone_known"]
    assert outcome.value.phone == "+212661000000"


def test_an_edit_that_changes_nothing_writes_nothing(db, hassan):
    before = journal_rows(db)

    outcome = update_volunteer(db, hassan.id, name="Hassan Idrissi", phone="0661000000")

    assert outcome.changed == frozenset() and journal_rows(db) == before


# --- deactivating ----------------------------------------------------------------------------------------------------


def test_a_deactivated_volunteer_leaves_the_roster_keeps_past_shifts_and_the_row(db, ramadan, hassan):
    check_in(db, hassan.id, ramadan.id, at=MORNING)
    check_out(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=2))

    outcome = deactivate_volunteer(db, "Hassan Idrissi")

    assert outcome.value.active is False and outcome.changed == {"volunteers"}
    assert list_volunteers(db) == [] and roster(db, ramadan.id) == []
    [shift] = list_attendance(db, ramadan.id)
    assert (shift.volunteer_name, shift.hours) == ("Hassan Idrissi", 2.0)
    [shown] = roster(db, ramadan.id, include_inactive=True)
    assert (shown.volunteer.id, shown.volunteer.active, shown.hours) == (hassan.id, False, 2.0)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Volunteer)) == 1
    assert audit_actions(db, hassan.id)[-1] == "volunteer.deactivate"


def test_a_deactivated_volunteer_is_not_checked_in_and_says_why(db, ramadan, hassan):
    deactivate_volunteer(db, hassan.id)
    before = journal_rows(db)

    for ref in (hassan.id, "Hassan Idrissi", "0661000000"):
        with pytest.raises(Refused) as refused:
            check_in(db, ref, ramadan.id, at=MORNING)
        assert refused.value.key == "error.volunteer_inactive"
        assert "Hassan Idrissi" in refused.value.message()
    assert journal_rows(db) == before


def test_a_shift_left_open_can_still_be_closed_after_deactivation(db, ramadan, hassan):
    check_in(db, hassan.id, ramadan.id, at=MORNING)
    deactivate_volunteer(db, hassan.id)

    left = check_out(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=3)).value

    assert left.hours == 3.0


def test_reactivated_the_volunteer_is_back_with_their_hours_and_can_check_in(db, ramadan, hassan):
    check_in(db, hassan.id, ramadan.id, at=MORNING)
    check_out(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=1))
    deactivate_volunteer(db, hassan.id)

    outcome = reactivate_volunteer(db, "0661000000")

    assert outcome.value.active is True
    [row] = roster(db, ramadan.id)
    assert (row.volunteer.id, row.hours) == (hassan.id, 1.0)
    check_in(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=2))
    assert audit_actions(db, hassan.id) == ["volunteer.register", "volunteer.deactivate", "volunteer.reactivate"]


def test_deactivating_twice_or_reactivating_an_active_volunteer_is_refused(db, hassan):
    with pytest.raises(Refused) as refused:
        reactivate_volunteer(db, hassan.id)
    assert refused.value.key == "error.volunteer_already_active"

    deactivate_volunteer(db, hassan.id)
    with pytest.raises(Refused) as refused:
        deactivate_volunteer(db, hassan.id)
    assert refused.value.key == "error.volunteer_already_inactive"


def test_a_deactivated_volunteer_can_be_corrected_and_lists_after_the_active_ones(db, hassan):
    register_volunteer(db, "Zineb Tazi")
    deactivate_volunteer(db, hassan.id)

    update_volunteer(db, "Hassan Idrissi", phone="0662000000")

    assert [(v.name, v.active) for v in list_volunteers(db, include_inactive=True)] == [
        ("Zineb Tazi", True),
        ("Hassan Idrissi", False),
    ]


def test_a_new_volunteer_with_the_name_of_a_deactivated_one_is_the_one_named(db, ramadan, hassan):
    deactivate_volunteer(db, hassan.id)
    newcomer = register_volunteer(db, "Hassan Idrissi", phone="0663000000").value

    assert check_in(db, "Hassan Idrissi", ramadan.id, at=MORNING).value.volunteer_id == newcomer.id
    with pytest.raises(NotFound):
        update_volunteer(db, "Nobody At All", name="X")


# --- who may ---------------------------------------------------------------------------------------------------------


def test_a_volunteer_account_may_not_edit_deactivate_or_reactivate(db, data_dir, hassan):
    accounts.add_user(db, "Karim", "volunteer", "karim-secret")
    volunteer_db = accounts.login(data_dir, "Karim", "karim-secret")
    before = journal_rows(db)
    try:
        for attempt in (
            lambda: update_volunteer(volunteer_db, hassan.id, name="Hassan I."),
            lambda: deactivate_volunteer(volunteer_db, hassan.id),
            lambda: reactivate_volunteer(volunteer_db, hassan.id),
        ):
            with pytest.raises(NotAllowed):
                attempt()
    finally:
        volunteer_db.dispose()

    assert journal_rows(db) == before
    assert list_volunteers(db) == [hassan]
