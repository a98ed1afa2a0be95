"""Times are stored in UTC and shown to people in the laptop's local time."""

from __future__ import annotations

import datetime as dt


def local_text(moment: dt.datetime | None, with_seconds: bool = False) -> str:
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S" if with_seconds else "%Y-%m-%d %H:%M")
