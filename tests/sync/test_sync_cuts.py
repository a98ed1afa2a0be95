"""A bad link between a laptop and a real HQ: answers lost after HQ committed, cuts in the middle of a pull, slow
answers, HQ gone — resends never double anything, pulls resume where they stopped, batches shrink and grow."""

from __future__ import annotations

import pytest
from cut_proxy import CutProxy
from replicas import KHOURIBGA, enrolled_laptop, hq_copy, local_copy
from sqlalchemy import func, select

from fieldapp.models import Household, JournalEntry
from fieldapp.services import enrollment, outbox
from fieldapp.services.bulk import import_households
from fieldapp.services.households import HouseholdInput, register_household
from sync import engine
from sync.client import HQClient, Unreachable


def _no_wait(_seconds: float) -> None:
    pass


def _households(db, count: int, prefix: str = "Famille") -> list[str]:
    rows = [HouseholdInput(consent=True, head_name=f"{prefix} {n:05d}", commune=KHOURIBGA) for n in range(count)]
    return import_households(db, rows).household_ids


def _hq_change_count(hq) -> int:
    import sqlalchemy as sa

    from hq import schema

    engine_ = sa.create_engine(hq.db_url)
    try:
        with engine_.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(schema.changes)).scalar_one()
    finally:
        engine_.dispose()


@pytest.fixture
def association(hq):
    return hq.new_association("Association Al Amal")


@pytest.fixture
def proxy(hq):
    with CutProxy(hq.url) as link:
        yield link


def test_an_answer_lost_after_hq_committed_is_resent_and_nothing_is_doubled(hq, association, proxy, tmp_path):
    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1", url=proxy.url)
    other = enrolled_laptop(tmp_path, hq, association, "OUJ2")
    try:
        _households(laptop, 30)
        proxy.cut_answer("POST /v1/push")

        summary = engine.sync_now(laptop, sleep=_no_wait)

        assert proxy.cuts == 1 and proxy.requests.count("POST /v1/push") == 2  # the same batch, sent again
        assert summary.pushed == 30 and outbox.pending_count(laptop) == 0
        assert _hq_change_count(hq) == 30
        assert engine.sync_now(other).pulled == 30
        assert local_copy(other, "households") == local_copy(laptop, "households") == hq_copy(hq, "households")
    finally:
        laptop.dispose()
        other.dispose()


def test_a_sync_that_gave_up_after_the_cut_resends_the_lost_batch_next_time(hq, association, proxy, tmp_path):
    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1", url=proxy.url)
    try:
        _households(laptop, 12)
        proxy.cut_answer("POST /v1/push", then_dark=True)
        with pytest.raises(Unreachable) as failed:
            engine.sync_now(laptop, sleep=_no_wait)
        assert failed.value.exit_code == 6
        assert enrollment.sync_state(laptop).last_error == "error.sync_offline"
        assert outbox.pending_count(laptop) == 12  # HQ has them; this laptop does not know yet

        proxy.heal()
        summary = engine.sync_now(laptop, sleep=_no_wait)

        assert summary.pushed == 12 and outbox.pending_count(laptop) == 0
        assert _hq_change_count(hq) == 12
        assert enrollment.sync_state(laptop).last_error is None
    finally:
        laptop.dispose()


def test_a_cut_in_the_middle_of_a_pull_resumes_from_the_last_page_stored(hq, association, proxy, tmp_path):
    source = enrolled_laptop(tmp_path, hq, association, "KHR1")
    laptop = enrolled_laptop(tmp_path, hq, association, "OUJ2", url=proxy.url)
    try:
        made = _households(source, 250)
        engine.sync_now(source)
        proxy.cut_answer("GET /v1/pull", skip=2, then_dark=True)  # the third page is lost, then HQ is gone
        with pytest.raises(Unreachable):
            engine.sync_now(laptop, sleep=_no_wait, pull_page=100)
        with laptop.read() as session:
            assert session.scalar(select(func.count()).select_from(Household)) == 200  # two pages stored
        stored_cursor = enrollment.sync_state(laptop).cursor

        proxy.heal()
        proxy.reset_counters()
        summary = engine.sync_now(laptop, sleep=_no_wait, pull_page=100)

        assert summary.pulled == 50  # the rest, nothing pulled twice
        assert proxy.requests.count("GET /v1/pull") == 1 and enrollment.sync_state(laptop).cursor > stored_cursor
        assert sorted(local_copy(laptop, "households")) == sorted(made)
        assert local_copy(laptop, "households") == hq_copy(hq, "households")
    finally:
        source.dispose()
        laptop.dispose()


def test_a_slow_answer_halves_the_batch_then_batches_grow_again_and_nothing_is_doubled(
    hq, association, proxy, tmp_path
):
    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1", url=proxy.url)
    try:
        _households(laptop, 1600)
        sizes = []
        client = HQClient(proxy.url, enrollment.sync_credentials(laptop).token, timeouts=(10, 2))
        real_push = client.push

        def recording_push(from_seq, to_seq, changes):
            sizes.append(to_seq - from_seq + 1)
            return real_push(from_seq, to_seq, changes)

        client.push = recording_push
        proxy.delay_answer("POST /v1/push", 4)

        summary = engine.sync_now(laptop, client=client, sleep=_no_wait)

        assert sizes[:2] == [500, 250]  # timed out (HQ committed the 500), then half
        assert max(sizes[2:]) > 250  # grows again after success
        assert summary.pushed == 1600 and outbox.pending_count(laptop) == 0
        assert _hq_change_count(hq) == 1600
    finally:
        laptop.dispose()


def test_hq_unreachable_at_first_contact_gives_up_after_three_tries(hq, association, proxy, tmp_path):
    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1", url=proxy.url)
    try:
        register_household(laptop, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA))
        proxy.go_dark()
        waits = []

        with pytest.raises(Unreachable) as failed:
            engine.sync_now(laptop, sleep=waits.append, rand=lambda: 0.5)

        assert waits == [0.5, 1.0]  # full jitter: a draw (here 0.5) times 1 s, 2 s...; offline: it stops soon
        assert failed.value.key == "error.sync_offline" and "127.0.0.1" in failed.value.message("en")
        assert outbox.pending_count(laptop) == 1
    finally:
        laptop.dispose()


def test_a_link_failing_mid_sync_is_retried_with_exponential_backoff_then_given_up(hq, association, proxy, tmp_path):
    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1", url=proxy.url)
    try:
        register_household(laptop, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA))
        proxy.cut_answer("POST /v1/push", times=10)
        waits = []

        with pytest.raises(Unreachable):
            engine.sync_now(laptop, sleep=waits.append, rand=lambda: 1.0)

        assert waits == [1.0, 2.0, 4.0, 8.0]  # 5 tries of the same batch
        assert proxy.requests.count("POST /v1/push") == 5 and _hq_change_count(hq) == 1
        proxy.heal()
        assert engine.sync_now(laptop).pushed == 1 and _hq_change_count(hq) == 1
    finally:
        laptop.dispose()


def test_the_backoff_is_capped_at_60_seconds():
    from sync.client import TimedOut
    from sync.run import SyncRun

    waits = []
    run = SyncRun(None, None, sleep=waits.append, rand=lambda: 1.0)
    for attempt in range(1, 9):
        run.wait_before_retry(attempt, TimedOut("error.sync_timeout", url="x"), attempts=99)
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]


def test_progress_is_reported_and_a_cancel_stops_between_batches(hq, association, tmp_path):
    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1")
    try:
        _households(laptop, 1200)
        seen = []

        def progress(phase, done, total):
            seen.append((phase, done, total))

        summary = engine.sync_now(laptop, progress=progress, cancel=lambda: len(seen) >= 3)  # after the first batch

        assert summary.cancelled and 0 < summary.pushed < 1200
        assert ("connect", 0, 1) in seen and any(p == "push" and t == 1200 for p, _, t in seen)
        with laptop.read() as session:
            waiting = session.scalar(select(func.count()).where(JournalEntry.pushed_at.is_(None)))
        assert waiting == 1200 - summary.pushed
        assert enrollment.sync_state(laptop).last_success is None

        finished = engine.sync_now(laptop)
        assert finished.pushed == 1200 - summary.pushed and not finished.cancelled
    finally:
        laptop.dispose()


def test_a_cancel_while_waiting_to_retry_ends_the_sync_as_cancelled_not_failed(hq, association, proxy, tmp_path):
    import threading

    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1", url=proxy.url)
    try:
        register_household(laptop, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA))
        proxy.go_dark()
        cancel = threading.Event()

        def wait(seconds: float) -> None:  # the person presses Cancel during the first wait
            cancel.set()

        summary = engine.sync_now(laptop, cancel=cancel, sleep=wait)

        assert summary.cancelled and summary.pushed == 0
        assert enrollment.sync_state(laptop).last_error is None
    finally:
        laptop.dispose()


def test_a_batch_remembered_in_flight_is_forgotten_once_hq_takes_its_first_seq_afresh(tmp_path):
    """A batch cut before HQ had it, then sent again under other boundaries: HQ's fresh answer for a batch starting
    inside it shows the remembered one never arrived, so a later lost answer is not matched against it."""
    from fieldapp.db import Database
    from fieldapp.services import replication

    db = Database.open(tmp_path / "laptop")
    try:
        replication.note_push_in_flight(db, 1, 40, 1_000, 0)
        replication.mark_pushed(db, 1, 20, [], fresh=False)  # a duplicate answer: that batch may still be at HQ
        assert replication.push_in_flight(db) == {"from": 1, "to": 40, "sent_ms": 1_000, "offset_ms": 0}

        replication.mark_pushed(db, 21, 30, [], fresh=True)

        assert replication.push_in_flight(db) is None
    finally:
        db.dispose()
