"""Two laptops and a real HQ (SQLite and PostgreSQL): enroll, sync both ways, nothing doubled, a no-op is cheap."""

from __future__ import annotations

from cut_proxy import CutProxy
from replicas import KHOURIBGA, enrolled_laptop
from sqlalchemy import func, select

from fieldapp.models import Household, JournalEntry
from fieldapp.services import enrollment, outbox
from fieldapp.services.households import HouseholdInput, MemberInput, register_household, search_households
from sync import engine


def _count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_enroll_and_sync_a_household_from_one_laptop_to_the_other(hq, blank_db, tmp_path):
    from fieldapp.db import Database

    association = hq.new_association("Association Al Amal")
    laptop_a = blank_db
    laptop_b = Database.open(tmp_path / "b")
    try:
        engine.enroll(laptop_a, hq.url, hq.enroll_code(association), device_code="KHR1")
        engine.enroll(laptop_b, hq.url, hq.enroll_code(association), device_code="OUJ2")
        assert laptop_a.identity()["association_id"] == association
        made = register_household(
            laptop_a,
            HouseholdInput(
                consent=True,
                head_name="Fatima Benali",
                commune=KHOURIBGA,
                members=[MemberInput("Youssef Benali", sex="M")],
            ),
        ).value

        sent = engine.sync_now(laptop_a)
        received = engine.sync_now(laptop_b)

        assert (sent.pushed, sent.pulled) == (2, 0) and outbox.pending_count(laptop_a) == 0
        assert (received.pushed, received.pulled, received.applied) == (0, 2, 2)
        assert [h.id for h in search_households(laptop_b, "youssef")] == [made.id]
        assert _count(laptop_b, JournalEntry) == 0
        assert enrollment.sync_state(laptop_b).last_success is not None

        again = engine.sync_now(laptop_a)
        assert again.pulled == 0 and again.pushed == 0
        assert _count(laptop_b, Household) == 1
    finally:
        laptop_b.dispose()


def test_a_sync_with_nothing_to_do_is_one_round_trip_of_well_under_2_kb_on_the_wire(hq, tmp_path):
    association = hq.new_association("Association Al Amal")
    with CutProxy(hq.url) as wire:
        laptop = enrolled_laptop(tmp_path, hq, association, "KHR1", url=wire.url)
        try:
            register_household(laptop, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA))
            engine.sync_now(laptop)
            wire.reset_counters()

            quiet = engine.sync_now(laptop)

            assert wire.requests == ["GET /v1/hello"] and quiet.round_trips == 1
            assert wire.bytes_up + wire.bytes_down <= 2048, (wire.bytes_up, wire.bytes_down)
            # The client's own count (headers and bodies) is close to what crossed the wire.
            assert abs(quiet.bytes_sent + quiet.bytes_received - wire.bytes_up - wire.bytes_down) < 200
        finally:
            laptop.dispose()
