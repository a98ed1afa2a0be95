"""What a synced record may hold, as plain data: each table's fields with their kind, and what they refer to.

HQ checks every pushed change against it before storing anything, so that what it serves is always storable by a
laptop (fieldapp.models declares the same columns; tests/fieldapp/test_record_shapes.py keeps the two equal). Pure:
no SQLAlchemy, no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

TEXT, INTEGER, DATE, DATETIME, LIST = "text", "integer", "date", "datetime", "list"


@dataclass(frozen=True)
class FieldShape:
    kind: str  # TEXT, INTEGER, DATE, DATETIME or LIST (a JSON array)
    required: bool = False  # an insert must carry it, and no change may empty it
    max_length: int | None = None  # for TEXT
    parent: str | None = None  # the table a reference points to
    nullable: bool = True  # False: an insert may leave it out (the laptop fills its default), no change may empty it


def _required(kind: str, length: int | None = None, parent: str | None = None) -> FieldShape:
    return FieldShape(kind, True, length, parent, nullable=False)


def _text(length: int | None = None, required: bool = False) -> FieldShape:
    return _required(TEXT, length) if required else FieldShape(TEXT, False, length)


def _ref(parent: str, required: bool = True) -> FieldShape:
    return _required(TEXT, 36, parent) if required else FieldShape(TEXT, False, 36, parent)


_REQUIRED_INT = _required(INTEGER)
_INT = FieldShape(INTEGER)
_WHEN = FieldShape(DATETIME)
_COMMON = {"created_at": FieldShape(DATETIME, nullable=False), "deleted_at": _WHEN}

SHAPES: dict[str, dict[str, FieldShape]] = {
    "households": {
        "head_name": _text(200, True),
        "head_name_ar": _text(200),
        "cin": _text(20),
        "phone": _text(20),
        "province_code": _text(16, True),
        "commune_code": _text(16, True),
        "douar": _text(200),
        "size": _REQUIRED_INT,
        "flags": FieldShape(LIST, nullable=False),
        "consent_at": _WHEN,
        "consent_by": _text(200),
        "consent_version": _text(20),
        "anonymised_at": _WHEN,
        "notes": _text(),
        **_COMMON,
    },
    "members": {
        "household_id": _ref("households"),
        "name": _text(200, True),
        "name_ar": _text(200),
        "sex": _text(1),
        "birth_year": _INT,
        "relation": _text(40),
        **_COMMON,
    },
    "volunteers": {
        "name": _text(200, True),
        "name_ar": _text(200),
        "phone": _text(20),
        "cin": _text(20),
        **_COMMON,
    },
    "events": {
        "name": _text(200, True),
        "starts_on": _required(DATE),
        "ends_on": _required(DATE),
        "site": _text(200),
        "commune_code": _text(16),
        **_COMMON,
    },
    "event_items": {
        "event_id": _ref("events"),
        "position": FieldShape(INTEGER, nullable=False),
        "code": _text(40, True),
        "label": _text(200, True),
        "label_ar": _text(200),
        "quantity": _REQUIRED_INT,
        "rule": FieldShape(TEXT, max_length=20, nullable=False),
        "bands": FieldShape(LIST),
        "only_flag": _text(40),
        "stock": _INT,
        **_COMMON,
    },
    "distributions": {
        "event_id": _ref("events"),
        "household_id": _ref("households"),
        "receipt": _text(40, True),
        "items": _required(LIST),
        "collector_name": _text(200),
        "handed_out_by": _text(200),
        "volunteer_id": _ref("volunteers", required=False),
        "served_at": _required(DATETIME),
        "override_reason": _text(),
        "deviation_reason": _text(),
        **_COMMON,
    },
    "distribution_voids": {
        "distribution_id": _ref("distributions"),
        "reason": _text(None, True),
        "voided_by": _text(200),
        "voided_at": _required(DATETIME),
        **_COMMON,
    },
    "attendance": {
        "volunteer_id": _ref("volunteers"),
        "event_id": _ref("events"),
        "check_in": _required(DATETIME),
        "check_out": _WHEN,
        **_COMMON,
    },
}

# Rows HQ publishes to every association (a campaign's event and items) may be referred to by these fields only: a
# laptop serves and checks in at a campaign, it never adds items to one.
MAY_REFER_TO_EVERY_ASSOCIATION = frozenset({("distributions", "event_id"), ("attendance", "event_id")})

# Values a laptop holds once per table (a unique index there): a second one would make a pulled page unstorable.
UNIQUE_TOGETHER: dict[str, tuple[str, ...]] = {"distributions": ("receipt",), "event_items": ("event_id", "code")}


_REFERENCES = {
    table: {name: shape.parent for name, shape in fields.items() if shape.parent} for table, fields in SHAPES.items()
}
_NONE: dict[str, str] = {}


def references(table: str) -> dict[str, str]:
    """{field: parent table} of a table's references."""
    return _REFERENCES.get(table, _NONE)


def value_problem(table: str, name: str, value: object) -> str | None:
    """Why a value cannot be stored in this field (None when it can). Fields this version does not know pass: a
    newer laptop's fields travel on."""
    shape = SHAPES.get(table, {}).get(name)
    if shape is None:
        return None
    if value is None:
        return f"{name} may not be empty" if shape.required or not shape.nullable else None
    if shape.kind == TEXT:
        if not isinstance(value, str):
            return f"{name} must be text"
        if shape.max_length is not None and len(value) > shape.max_length:
            return f"{name} is longer than {shape.max_length} characters"
        if shape.required and shape.parent and not value:
            return f"{name} may not be empty"
        return None
    if shape.kind == INTEGER:
        ok = isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63
        return None if ok else f"{name} must be a whole number"
    if shape.kind == LIST:
        return None if isinstance(value, list) else f"{name} must be a list"
    if not isinstance(value, str):
        return f"{name} must be a {shape.kind} in ISO form"
    try:
        if shape.kind == DATE:
            dt.date.fromisoformat(value[:10])
        else:
            dt.datetime.fromisoformat(value)
    except ValueError:
        return f"{name} must be a {shape.kind} in ISO form"
    return None


def missing_required(table: str, fields: dict) -> list[str]:
    """Required fields an insert lacks."""
    return [name for name, shape in SHAPES.get(table, {}).items() if shape.required and fields.get(name) is None]
