"""Settings declared once with their types and defaults, stored in the `settings` table."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from fieldapp.errors import BadData
from fieldapp.models import Setting


@dataclass(frozen=True)
class Declared:
    key: str
    type: type
    default: object
    choices: tuple = ()


DECLARED = {
    d.key: d
    for d in (
        Declared("association_id", str, None),
        Declared("association_name", str, None),
        Declared("device_code", str, None),
        Declared("language", str, "fr", ("fr", "ar", "en")),
        Declared("receipt_format", str, "a6", ("a6", "80mm", "a4")),
        Declared("printer", str, None),
        Declared("logo_path", str, None),
        Declared("print_directly", bool, False),
        Declared("operator_name", str, None),
        Declared("hq_url", str, None),
        Declared("receipt_key", str, None),
        Declared("demo", bool, False),
        # The desk remembers the event chosen today, so a restart after a power cut lands on it again.
        Declared("desk_event", str, None),
        Declared("desk_event_on", str, None),
    )
}


def get(session: Session, key: str):
    declared = DECLARED[key]
    row = session.get(Setting, key)
    return declared.default if row is None else row.value


def put(session: Session, key: str, value) -> None:
    declared = DECLARED.get(key)
    if declared is None:
        raise BadData("error.setting_unknown", key=key)
    if value is not None and not isinstance(value, declared.type):
        raise BadData("error.setting_type", key=key)
    if declared.choices and value not in declared.choices:
        raise BadData("error.setting_choice", key=key, choices=", ".join(declared.choices))
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def all_settings(session: Session) -> dict:
    return {key: get(session, key) for key in DECLARED}


def next_counter(session: Session, name: str) -> int:
    """The next value of a named counter kept in the settings table (receipt numbers per device and year)."""
    key = f"counter:{name}"
    row = session.get(Setting, key)
    if row is None:
        row = Setting(key=key, value=0)
        session.add(row)
    row.value = int(row.value) + 1
    return row.value
