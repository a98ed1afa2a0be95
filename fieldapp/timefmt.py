"""Times are stored in UTC and shown to people in the laptop's local time."""

from __future__ import annotations

import datetime as dt

MINUTE = "%Y-%m-%d %H:%M"  # 2026-02-20 14:05
DAY = "%Y-%m-%d"
CLOCK = "%H:%M"


def local_moment(moment: dt.datetime) -> dt.datetime:
    """`moment` in the laptop's time zone; a naive one is UTC, as the core keeps every time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()


def local_text(moment: dt.datetime | None, pattern: str = MINUTE, today: str | None = None) -> str:
    """`moment` in local time written as `pattern` ('2026-02-20 14:05'), or as `today` (e.g. CLOCK: '14:05') when it
    falls on the laptop's today; '' when unknown."""
    if moment is None:
        return ""
    local = local_moment(moment)
    if today is not None and local.date() == dt.datetime.now().astimezone().date():
        return local.strftime(today)
    return local.strftime(pattern)
