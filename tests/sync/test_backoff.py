"""The one retry policy of sync: waits grow, stop at their cap, keep their jitter in bounds, and each use keeps the
numbers it had before the policy was shared (a sync's requests; the window's background probes)."""

import random

import pytest

from sync import engine
from sync.backoff import Backoff
from sync.run import ATTEMPTS, REQUEST_BACKOFF, RETRY_AFTER_CAP_S

DRAWS = [0.0, 0.25, 0.5, 0.999_999, *(random.Random(12).random() for _ in range(50))]


def test_the_waits_double_after_each_failure_and_stop_at_the_cap():
    policy = Backoff(base=1.0, cap=60.0)
    assert [policy.delay(failures) for failures in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert policy.delay(0) == 1.0  # before any failure: the base
    assert policy.delay(10_000) == 60.0  # a long outage: still the cap, no huge number


@pytest.mark.parametrize("jitter", [1.0, 0.5, 0.0])
def test_jitter_takes_off_at_most_its_part_of_each_wait(jitter):
    policy = Backoff(base=30, cap=600, jitter=jitter)
    for failures in range(1, 8):
        delay = policy.delay(failures)
        for draw in DRAWS:
            assert delay * (1 - jitter) <= policy.wait(failures, draw) <= delay
    assert Backoff(base=30, cap=600, jitter=1.0).wait(3, 0.0) == 0  # full jitter may not wait at all
    assert Backoff(base=30, cap=600, jitter=0.5).wait(3, 0.0) == 60  # half jitter waits at least half


def test_a_syncs_requests_wait_as_before_1_s_doubling_to_60_s_with_full_jitter():
    assert (REQUEST_BACKOFF.base, REQUEST_BACKOFF.cap, REQUEST_BACKOFF.jitter) == (1.0, 60.0, 1.0)
    assert RETRY_AFTER_CAP_S == 120.0 and ATTEMPTS == 5 and engine.HELLO_ATTEMPTS == 3
    for attempt in range(1, 10):
        for draw in DRAWS:  # the formula the engine had before, to the bit
            assert REQUEST_BACKOFF.wait(attempt, draw) == draw * min(60.0, 1.0 * 2 ** (attempt - 1))


def test_the_windows_background_waits_as_before_30_s_doubling_to_10_min_at_least_half():
    from ui.sync.controller import Intervals

    intervals = Intervals()
    assert (intervals.retry_ms, intervals.retry_cap_ms, intervals.poll_ms) == (30_000, 600_000, 300_000)
    assert intervals.backoff == Backoff(base=30_000, cap=600_000, jitter=0.5)
    for failures in range(0, 40):
        before = min(600_000, 30_000 * 2 ** min(max(0, failures - 1), 30))  # the controller's formula before
        assert intervals.backoff.delay(failures) == before
        for draw in DRAWS:
            assert int(intervals.backoff.jittered(before, draw)) == int(before * (0.5 + 0.5 * draw))
