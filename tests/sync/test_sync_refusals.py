"""What HQ refuses, as the laptop says it: a revoked laptop, bad or expired codes, a device code taken; and
reference data HQ publishes to every association arriving on the laptop."""

from __future__ import annotations

import http.server
import threading
import time

import pytest
from replicas import KHOURIBGA, enrolled_laptop

from fieldapp import settings
from fieldapp.db import Database
from fieldapp.errors import Refused
from fieldapp.rules import parse_item
from fieldapp.services import distributions, enrollment, events
from fieldapp.services.households import HouseholdInput, register_household
from sync import engine


@pytest.fixture
def association(hq):
    return hq.new_association("Association Al Amal")


def test_a_revoked_laptop_is_refused_with_a_clear_message_and_keeps_its_changes(hq, association, tmp_path):
    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1")
    try:
        register_household(laptop, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA))
        with laptop.read() as session:
            device_id = settings.get(session, "hq_device_id")
        assert hq.cli("device", "revoke", device_id).returncode == 0

        with pytest.raises(Refused) as refused:
            engine.sync_now(laptop)

        assert refused.value.key == "error.sync_revoked" and refused.value.exit_code == 3
        assert "révoqué" in refused.value.message("fr") and "revoked" in refused.value.message("en")
        state = enrollment.sync_state(laptop)
        assert state.last_error == "error.sync_revoked" and state.pending == 1
    finally:
        laptop.dispose()


def _expired_code(hq, association_id: str) -> str:
    code = hq.enroll_code(association_id, hours=0.0002)  # 0.72 s
    time.sleep(1.0)
    return code


@pytest.mark.parametrize(
    ("make_code", "key"),
    [
        (lambda hq, a: "ABCD-EFGH-JKMN-PQRS", "error.enroll_code_invalid"),
        (lambda hq, a: _expired_code(hq, a), "error.enroll_code_expired"),
    ],
)
def test_a_bad_enrollment_code_is_refused_and_changes_nothing(hq, association, tmp_path, make_code, key):
    laptop = Database.open(tmp_path / "laptop")
    try:
        with pytest.raises(Refused) as refused:
            engine.enroll(laptop, hq.url, make_code(hq, association), device_code="KHR1")
        assert refused.value.key == key
        assert enrollment.sync_state(laptop).enrolled is False
        assert laptop.identity()["device_code"] is None
    finally:
        laptop.dispose()


def test_a_used_code_cannot_enroll_a_second_laptop(hq, association, tmp_path):
    code = hq.enroll_code(association)
    first, second = Database.open(tmp_path / "one"), Database.open(tmp_path / "two")
    try:
        engine.enroll(first, hq.url, code, device_code="KHR1")
        with pytest.raises(Refused) as refused:
            engine.enroll(second, hq.url, code, device_code="OUJ2")
        assert refused.value.key == "error.enroll_code_invalid"
    finally:
        first.dispose()
        second.dispose()


def test_a_device_code_another_laptop_uses_is_refused(hq, association, tmp_path):
    enrolled_laptop(tmp_path, hq, association, "KHR1").dispose()
    laptop = Database.open(tmp_path / "other")
    try:
        with pytest.raises(Refused) as refused:
            engine.enroll(laptop, hq.url, hq.enroll_code(association), device_code="KHR1")
        assert refused.value.key == "error.device_code_taken"
    finally:
        laptop.dispose()


def test_a_campaign_hq_publishes_arrives_and_the_desk_can_serve_it(hq, association, tmp_path):
    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1")
    try:
        published = hq.cli(
            "campaign",
            "publish",
            "--name",
            "Ramadan national",
            "--starts",
            "2026-02-20",
            "--ends",
            "2026-03-20",
            "--item",
            "FLOUR:Farine 10 kg:1",
        )
        assert published.returncode == 0, published.stderr

        summary = engine.sync_now(laptop)

        assert summary.pulled >= 2
        [event] = [e for e in events.list_events(laptop) if e.name == "Ramadan national"]
        assert [i.code for i in event.items] == ["FLOUR"]
        household = register_household(
            laptop, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
        ).value
        served = distributions.record_distribution(laptop, event.id, household.id).value
        assert engine.sync_now(laptop).pushed == 2 and served.receipt.startswith("KHR1-")
    finally:
        laptop.dispose()


def test_sync_before_enrolling_is_refused(db):
    with pytest.raises(Refused) as refused:
        engine.sync_now(db)
    assert refused.value.key == "error.sync_not_enrolled"


class _BadGateway(http.server.BaseHTTPRequestHandler):
    """What a reverse proxy answers while HQ behind it is down (docs/hq.md): 502 to everything."""

    def _answer(self) -> None:
        self.send_response(502)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


def test_hqs_status_code_is_still_in_the_last_problem_after_the_app_restarts(hq, association, tmp_path):
    from ui.sync.texts import error_sentence

    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1")
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BadGateway)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        with laptop.write(journal=False) as uow:  # HQ moved behind a proxy whose HQ is down
            settings.put(uow.session, "hq_url", f"http://127.0.0.1:{proxy.server_address[1]}")
        with pytest.raises(Exception) as failed:
            engine.sync_now(laptop, sleep=lambda _: None)
        assert failed.value.key == "error.sync_server" and failed.value.params["status"] == 502
        path, key = laptop.path, laptop.key
        laptop.dispose()

        laptop = Database(path, key=key)  # the app opened again the next morning
        state = enrollment.sync_state(laptop)
        assert state.last_error == "error.sync_server" and state.last_error_params["status"] == 502
        sentence = error_sentence(state.last_error, state.hq_url, params=state.last_error_params)
        assert "502" in sentence and "{" not in sentence

        with laptop.write(journal=False) as uow:
            settings.put(uow.session, "hq_url", hq.url)
        engine.sync_now(laptop)
        state = enrollment.sync_state(laptop)
        assert state.last_error is None and state.last_error_params == {}
    finally:
        proxy.shutdown()
        laptop.dispose()


def test_a_household_hq_refused_goes_through_with_its_distribution_once_corrected_and_settled(
    hq, association, tmp_path
):
    """HQ refuses a household whose notes are too long, and its distribution for want of it; the coordinator shortens
    the notes and settles the item: both reach HQ and the other laptop, and nothing is left to look at."""
    from fieldapp.services import conflicts
    from fieldapp.services.households import update_household
    from sync import protocol

    laptop, other = (enrolled_laptop(tmp_path, hq, association, code) for code in ("KHR1", "KHR2"))
    try:
        event = events.create_event(laptop, "Ramadan 2026", "2026-02-20", [parse_item("FLOUR:Farine 10 kg:1")]).value
        long_note = "Visite : " + "situation à revoir. " * 2000
        family = register_household(
            laptop, HouseholdInput(consent=True, head_name="Aicha Idrissi", commune=KHOURIBGA, notes=long_note)
        ).value
        served = distributions.record_distribution(laptop, event.id, family.id).value
        first = engine.sync_now(laptop)
        assert first.refused == 2
        assert {(r["i"], r["reason"]) for r in first.refused_changes} == {
            (family.id, protocol.REFUSED_TOO_LARGE),
            (served.id, protocol.REFUSED_MISSING_PARENT),
        }
        reviews = conflicts.list_reviews(laptop)
        assert {r.kind for r in reviews} == {"refused_change"} and len(reviews) == 2

        update_household(laptop, family.id, HouseholdInput(notes="Visite : situation à revoir."))
        [item] = [r for r in reviews if r.household_id == family.id and r.event_id is None]
        conflicts.settle_review(laptop, item.key, "Notes raccourcies", actor="Samira")
        assert conflicts.list_reviews(laptop) == []  # the distribution's item is settled with it
        again = engine.sync_now(laptop)

        assert again.refused == 0, again.refused_changes
        assert conflicts.list_reviews(laptop) == []
        engine.sync_now(other)
        assert distributions.get_by_receipt(other, served.receipt).household_id == family.id
        with other.read() as session:
            from fieldapp.models import Household

            assert session.get(Household, family.id).notes == "Visite : situation à revoir."
    finally:
        laptop.dispose()
        other.dispose()
