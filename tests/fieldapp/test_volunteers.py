"""Volunteers at an event: check-in, check-out, hours worked, and the mistakes that are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from fieldapp.errors import BadData, NotFound, Refused
from fieldapp.models import Attendance, JournalEntry
from fieldapp.rules import parse_item
from fieldapp.services.events import create_event
from fieldapp.services.volunteers import (
    check_in,
    check_out,
    list_attendance,
    list_volunteers,
    register_volunteer,
    roster,
)

MOROCCO = dt.timezone(dt.timedelta(hours=1))
MORNING = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def ramadan(db):
    return create_event(db, "Ramadan 1446", "2025-03-01", [parse_item("FOOD:Panier:1")]).value


@pytest.fixture
def hassan(db):
    return register_volunteer(db, "Hassan Idrissi", name_ar="حسن الإدريسي", phone="0661000000").value


def attendance_rows(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Attendance))


def journal_rows(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(JournalEntry))


def test_a_volunteer_is_registered_with_a_normalised_phone(db, hassan):
    assert hassan.phone == "+212661000000"
    assert [v.name for v in list_volunteers(db)] == ["Hassan Idrissi"]


def test_a_second_volunteer_with_a_known_phone_is_saved_with_a_warning(db, hassan):
    outcome = register_volunteer(db, "Hassan I.", phone="+212 661 000 000")

    assert [n.key for n in outcome.notices] == ["warning.volunteer_phone_known"]
    assert len(list_volunteers(db)) == 2


def test_check_in_then_check_out_gives_the_hours_worked(db, ramadan, hassan):
    arrived = check_in(db, hassan.id, ramadan.id, at=MORNING).value
    assert arrived.check_out is None and arrived.hours is None

    left = check_out(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=3, minutes=30)).value

    assert left.id == arrived.id
    assert left.hours == 3.5
    [listed] = list_attendance(db, ramadan.id)
    assert (listed.volunteer_name, listed.check_in, listed.hours) == ("Hassan Idrissi", MORNING, 3.5)


def test_volunteer_and_event_can_be_named_by_name_or_phone(db, ramadan, hassan):
    check_in(db, "hassan idrissi", "Ramadan 1446", at=MORNING)

    left = check_out(db, "06 61 00 00 00", "ramadan 1446", at=MORNING + dt.timedelta(hours=2)).value

    assert left.volunteer_name == "Hassan Idrissi" and left.hours == 2.0


def test_times_given_in_moroccan_time_are_kept_as_the_same_instant(db, ramadan, hassan):
    local_nine = dt.datetime(2025, 3, 1, 9, 0, tzinfo=MOROCCO)

    check_in(db, hassan.id, ramadan.id, at=local_nine)
    check_out(db, hassan.id, ramadan.id, at=local_nine + dt.timedelta(hours=4))

    [listed] = list_attendance(db, ramadan.id)
    assert listed.check_in == MORNING  # 09:00 in Morocco is 08:00 UTC
    assert listed.check_in.utcoffset() == dt.timedelta(0)
    assert listed.hours == 4.0


def test_checking_in_twice_is_refused_and_nothing_is_written(db, ramadan, hassan):
    check_in(db, hassan.id, ramadan.id, at=MORNING)
    journal_before = journal_rows(db)

    with pytest.raises(Refused) as refused:
        check_in(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(minutes=5))

    assert refused.value.key == "error.already_checked_in"
    assert "Hassan Idrissi" in refused.value.message() and "Ramadan 1446" in refused.value.message()
    assert attendance_rows(db) == 1
    assert journal_rows(db) == journal_before


def test_checking_out_without_checking_in_is_refused(db, ramadan, hassan):
    journal_before = journal_rows(db)

    with pytest.raises(Refused) as refused:
        check_out(db, hassan.id, ramadan.id, at=MORNING)

    assert refused.value.key == "error.not_checked_in"
    assert refused.value.exit_code == 3
    assert attendance_rows(db) == 0
    assert journal_rows(db) == journal_before


def test_checking_out_twice_is_refused(db, ramadan, hassan):
    check_in(db, hassan.id, ramadan.id, at=MORNING)
    check_out(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=1))

    with pytest.raises(Refused) as refused:
        check_out(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=2))

    assert refused.value.key == "error.not_checked_in"
    assert [a.hours for a in list_attendance(db, ramadan.id)] == [1.0]


def test_a_volunteer_can_come_back_after_checking_out(db, ramadan, hassan):
    check_in(db, hassan.id, ramadan.id, at=MORNING)
    check_out(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=2))

    check_in(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=5))
    check_out(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=6, minutes=15))

    assert [a.hours for a in list_attendance(db, ramadan.id)] == [2.0, 1.25]


def test_checked_in_at_one_event_does_not_block_another_event(db, ramadan, hassan):
    winter = create_event(db, "Hiver 2025", "2025-12-01", [parse_item("BLANKET:Couverture:1")]).value
    check_in(db, hassan.id, ramadan.id, at=MORNING)

    check_in(db, hassan.id, winter.id, at=MORNING)

    assert attendance_rows(db) == 2
    assert check_out(db, hassan.id, winter.id, at=MORNING + dt.timedelta(hours=1)).value.hours == 1.0
    assert [a.check_out for a in list_attendance(db, ramadan.id)] == [None]


def test_a_check_out_before_the_check_in_is_bad_data_and_the_volunteer_stays_checked_in(db, ramadan, hassan):
    check_in(db, hassan.id, ramadan.id, at=MORNING)

    with pytest.raises(BadData) as error:
        check_out(db, hassan.id, ramadan.id, at=MORNING - dt.timedelta(minutes=30))

    assert error.value.key == "error.check_out_before_in"
    [still_open] = list_attendance(db, ramadan.id)
    assert still_open.check_out is None


@pytest.mark.parametrize("who", ["Personne Inconnue", "0699999999"])
def test_an_unknown_volunteer_is_not_found(db, ramadan, hassan, who):
    with pytest.raises(NotFound) as error:
        check_in(db, who, ramadan.id, at=MORNING)

    assert error.value.key == "error.volunteer_not_found"
    assert attendance_rows(db) == 0


def test_two_volunteers_with_the_same_name_must_be_told_apart(db, ramadan, hassan):
    register_volunteer(db, "Hassan Idrissi", phone="0662000000")

    with pytest.raises(Refused) as refused:
        check_in(db, "Hassan Idrissi", ramadan.id, at=MORNING)

    assert refused.value.key == "error.volunteer_ambiguous"
    check_in(db, "0662000000", ramadan.id, at=MORNING)
    assert [a.volunteer_phone for a in list_attendance(db, ramadan.id)] == ["+212662000000"]


def test_an_unknown_event_is_not_found(db, hassan):
    with pytest.raises(NotFound) as error:
        check_in(db, hassan.id, "Fête inexistante", at=MORNING)

    assert error.value.key == "error.event_not_found"


def test_the_roster_gives_each_volunteer_by_name_their_presence_and_hours_at_one_event(db, ramadan, hassan):
    amina = register_volunteer(db, "Amina Alaoui").value
    register_volunteer(db, "Zineb Tazi")
    winter = create_event(db, "Hiver 2025", "2025-12-01", [parse_item("BLANKET:Couverture:1")]).value
    check_in(db, hassan.id, ramadan.id, at=MORNING)
    check_out(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=2))
    check_in(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=3))
    check_out(db, hassan.id, ramadan.id, at=MORNING + dt.timedelta(hours=4, minutes=20))
    check_in(db, amina.id, ramadan.id, at=MORNING)
    check_out(db, amina.id, ramadan.id, at=MORNING + dt.timedelta(hours=1))
    check_in(db, amina.id, ramadan.id, at=MORNING + dt.timedelta(hours=2))
    check_in(db, amina.id, winter.id, at=MORNING)  # another event: not counted at Ramadan

    rows = roster(db, ramadan.id)

    assert [r.volunteer.name for r in rows] == ["Amina Alaoui", "Hassan Idrissi", "Zineb Tazi"]
    amina_row, hassan_row, zineb_row = rows
    assert (amina_row.on_site, amina_row.since, amina_row.hours) == (True, MORNING + dt.timedelta(hours=2), 1.0)
    assert (hassan_row.on_site, hassan_row.left) == (False, MORNING + dt.timedelta(hours=4, minutes=20))
    assert hassan_row.hours == 3.33  # 2 h and 1 h 20, rounded to the hundredth
    assert (zineb_row.on_site, zineb_row.left, zineb_row.hours) == (False, None, None)


def test_with_no_event_the_roster_lists_every_volunteer_and_nobody_is_present(db, ramadan, hassan):
    check_in(db, hassan.id, ramadan.id, at=MORNING)

    [row] = roster(db, None)

    assert (row.volunteer.id, row.on_site, row.left, row.hours) == (hassan.id, False, None, None)
