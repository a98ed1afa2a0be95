"""Times shown to people: the laptop's local time, a naive time taken as UTC, only the hour for today when asked."""

import datetime as dt
import time

import pytest

from fieldapp.timefmt import CLOCK, DAY, local_text


@pytest.fixture(autouse=True)
def in_casablanca(monkeypatch):
    """A fixed UTC+1 zone (Etc/GMT-1), whatever the machine's: the assertions can count on it."""
    if not hasattr(time, "tzset"):
        pytest.skip("the time zone is set through TZ on POSIX only")
    monkeypatch.setenv("TZ", "Etc/GMT-1")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_utc_moment_is_written_in_local_time_to_the_minute():
    assert local_text(dt.datetime(2026, 2, 20, 13, 5, 42, tzinfo=dt.UTC)) == "2026-02-20 14:05"
    assert local_text(dt.datetime(2026, 2, 20, 13, 5, tzinfo=dt.UTC), DAY) == "2026-02-20"
    assert local_text(None) == ""


def test_a_naive_moment_is_utc_as_the_core_keeps_every_time():
    assert local_text(dt.datetime(2026, 2, 20, 23, 30)) == "2026-02-21 00:30"


def test_today_only_the_hour_another_day_the_pattern():
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    today = now.astimezone().replace(hour=12, minute=5)  # midday: the same local day whatever the time of the run
    assert local_text(today, today=CLOCK) == "12:05"
    assert local_text(today - dt.timedelta(days=2), DAY, today=CLOCK) == (today - dt.timedelta(days=2)).strftime(DAY)
    assert local_text(today - dt.timedelta(days=2), today=CLOCK) == (today - dt.timedelta(days=2)).strftime(
        "%Y-%m-%d %H:%M"
    )
