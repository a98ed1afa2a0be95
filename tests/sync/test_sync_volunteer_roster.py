"""A volunteer deactivated, corrected and reactivated on one laptop reaches the other through a real HQ: off the
roster there too while deactivated, their shifts kept, back once reactivated."""

from __future__ import annotations

import pytest
from replicas import enrolled_laptop, hq_copy, local_copy

from fieldapp.errors import Refused
from fieldapp.rules import parse_item
from fieldapp.services import events, volunteers
from sync import engine


@pytest.fixture
def pair(hq, tmp_path):
    association = hq.new_association("Association Al Amal")
    a = enrolled_laptop(tmp_path, hq, association, "KHR1")
    b = enrolled_laptop(tmp_path, hq, association, "OUJ2")
    yield a, b
    a.dispose()
    b.dispose()


def _sync_all(*laptops) -> None:
    for laptop in (*laptops, *laptops):
        engine.sync_now(laptop)


def test_deactivation_and_reactivation_travel_and_past_shifts_stay(hq, pair):
    a, b = pair
    event = events.create_event(a, "Ramadan", "2026-03-01", [parse_item("KIT:Panier:1")]).value
    helper = volunteers.register_volunteer(a, "Hassan Idrissi", phone="0661000000").value
    volunteers.check_in(a, helper.id, event.id)
    volunteers.check_out(a, helper.id, event.id)
    volunteers.deactivate_volunteer(a, helper.id)
    volunteers.update_volunteer(a, helper.id, phone="0662000000")

    _sync_all(a, b)

    assert volunteers.list_volunteers(b) == []
    [shown] = volunteers.roster(b, event.id, include_inactive=True)
    assert (shown.volunteer.active, shown.volunteer.phone, shown.hours is not None) == (False, "+212662000000", True)
    with pytest.raises(Refused):
        volunteers.check_in(b, helper.id, event.id)

    volunteers.reactivate_volunteer(b, helper.id)
    _sync_all(a, b)

    assert [v.id for v in volunteers.list_volunteers(a)] == [helper.id]
    assert local_copy(a, "volunteers") == local_copy(b, "volunteers") == hq_copy(hq, "volunteers")
