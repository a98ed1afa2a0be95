"""Enrollment relabels the records (not journaled, receipts still verify); the clock follows HQ's and is capped."""

from __future__ import annotations

import time

import pytest
from replicas import ASSOCIATION, KHOURIBGA, last_seq, relay
from sqlalchemy import select

from fieldapp import settings
from fieldapp.clock import Stamp
from fieldapp.db import Database
from fieldapp.errors import BadData, Refused
from fieldapp.models import Household, JournalEntry
from fieldapp.rules import parse_item
from fieldapp.services import distributions, enrollment, events, receipts, setup
from fieldapp.services.households import HouseholdInput, register_household, update_household

HQ_ASSOCIATION = "0193b000-0000-7000-8000-0000000000hq"
DAY_MS = 86_400_000


def _enroll(db: Database, association_id: str = HQ_ASSOCIATION, url: str = "http://127.0.0.1:8750/"):
    request = enrollment.enrollment_request(db, url)
    return enrollment.complete_enrollment(db, request, "secret-token", "dev-1", association_id, "Al Amal (HQ)")


def test_enrollment_relabels_records_without_journaling_and_old_receipts_still_verify(laptop_a):
    event = events.create_event(laptop_a, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
    household = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    served = distributions.record_distribution(laptop_a, event.id, household.id).value
    printed = receipts.receipt_document(laptop_a, served.receipt).qr_text
    before = last_seq(laptop_a)

    credentials = _enroll(laptop_a)

    assert credentials.hq_url == "http://127.0.0.1:8750" and credentials.device_code == "KHR1"
    with laptop_a.read() as session:
        labels = set(session.scalars(select(Household.association_id)))
        assert labels == {HQ_ASSOCIATION}
        assert settings.get(session, "association_name") == "Al Amal (HQ)"
        assert "hq_token" not in settings.all_settings(session)  # never shown with the other settings
    assert last_seq(laptop_a) == before
    assert laptop_a.identity()["association_id"] == HQ_ASSOCIATION
    assert receipts.verify_receipt(laptop_a, printed).valid
    state = enrollment.sync_state(laptop_a)
    assert state.enrolled and state.pending == before and state.last_success is None


def test_a_laptop_not_set_up_enrolls_with_its_device_code_and_takes_hqs_association(blank_db):
    with pytest.raises(Refused):
        enrollment.enrollment_request(blank_db, "https://hq.example.org")
    request = enrollment.enrollment_request(blank_db, "https://hq.example.org", device_code="khr-3")

    enrollment.complete_enrollment(blank_db, request, "t", "dev-3", HQ_ASSOCIATION, "Al Amal")

    identity = setup.current_identity(blank_db)
    assert (identity.device_code, identity.association_id, identity.association_name) == (
        "KHR3",
        HQ_ASSOCIATION,
        "Al Amal",
    )
    household = register_household(
        blank_db, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    assert household.id


def test_an_hq_address_must_be_a_web_address(laptop_a):
    for bad in ("hq.example.org", "ftp://hq.example.org", "https://", "https://hq?x=1"):
        with pytest.raises(BadData):
            enrollment.enrollment_request(laptop_a, bad)


def test_enrolling_into_another_association_is_refused(laptop_a):
    _enroll(laptop_a)
    with pytest.raises(Refused) as refused:
        _enroll(laptop_a, association_id="0193c000-0000-7000-8000-000000000ccc")
    assert refused.value.key == "error.enroll_other_association"


def _newest_stamp(db: Database) -> Stamp:
    with db.read() as session:
        return Stamp.parse(session.scalars(select(JournalEntry.hlc).order_by(JournalEntry.seq.desc())).first())


def test_a_laptop_a_day_behind_stamps_with_hqs_time_once_it_knows_it(laptop_a):
    real = time.time_ns() // 1_000_000
    laptop_a.wall_clock_ms = lambda: time.time_ns() // 1_000_000 - DAY_MS
    register_household(laptop_a, HouseholdInput(consent=True, head_name="Avant", commune=KHOURIBGA))
    assert _newest_stamp(laptop_a).wall_ms < real - DAY_MS + 60_000

    enrollment.record_clock_offset(laptop_a, DAY_MS)
    register_household(laptop_a, HouseholdInput(consent=True, head_name="Après", commune=KHOURIBGA))

    assert abs(_newest_stamp(laptop_a).wall_ms - time.time_ns() // 1_000_000) < 60_000


def test_a_laptop_a_year_ahead_is_not_dragged_by_its_old_stamps_once_it_knows_hqs_time(laptop_a):
    year = 365 * DAY_MS
    laptop_a.wall_clock_ms = lambda: time.time_ns() // 1_000_000 + year
    made = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    assert _newest_stamp(laptop_a).wall_ms > time.time_ns() // 1_000_000 + year - 60_000

    enrollment.record_clock_offset(laptop_a, -year)
    register_household(laptop_a, HouseholdInput(consent=True, head_name="Rachid Tazi", commune=KHOURIBGA))
    assert abs(_newest_stamp(laptop_a).wall_ms - time.time_ns() // 1_000_000) < 60_000

    # An edit of the row stamped a year ahead still wins over what it replaces.
    update_household(laptop_a, made.id, HouseholdInput(phone="0612345678"))
    with laptop_a.read() as session:
        row = session.get(Household, made.id)
    assert row.field_hlc["phone"] > row.field_hlc["*"]


def test_a_laptop_behind_stamps_after_what_it_pulled(laptop_a, laptop_b):
    made = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    relay(laptop_a, laptop_b)
    laptop_b.wall_clock_ms = lambda: time.time_ns() // 1_000_000 - DAY_MS  # no offset known yet

    register_household(laptop_b, HouseholdInput(consent=True, head_name="Rachid Tazi", commune=KHOURIBGA))
    update_household(laptop_b, made.id, HouseholdInput(phone="0612345678"))

    with laptop_b.read() as session:
        row = session.get(Household, made.id)
        newest = session.scalars(select(JournalEntry.hlc).order_by(JournalEntry.seq)).all()
    assert all(stamp > row.field_hlc["*"] for stamp in newest)
    assert row.field_hlc["phone"] > row.field_hlc["*"]


def test_association_is_the_one_set_up_before_enrollment(laptop_a):
    assert laptop_a.identity()["association_id"] == ASSOCIATION
