"""The shapes HQ checks pushed changes against are exactly the laptop's columns: kinds, required, lengths, references,
unique values."""

from sqlalchemy import JSON, Date, Integer, String, UniqueConstraint

from fieldapp import record_shapes
from fieldapp.merge import META_FIELDS, SYNCED_TABLES
from fieldapp.models import Base
from fieldapp.models.base import UTCDateTime


def _kind(column) -> str:
    if isinstance(column.type, UTCDateTime):
        return record_shapes.DATETIME
    if isinstance(column.type, Date):
        return record_shapes.DATE
    if isinstance(column.type, Integer):
        return record_shapes.INTEGER
    if isinstance(column.type, JSON):
        return record_shapes.LIST
    assert isinstance(column.type, String), column
    return record_shapes.TEXT


def test_every_synced_table_has_the_fields_of_its_model():
    assert set(record_shapes.SHAPES) == set(SYNCED_TABLES)
    for name in SYNCED_TABLES:
        table = Base.metadata.tables[name]
        expected = {}
        for column in table.columns:
            if column.key in META_FIELDS:
                continue
            parents = [fk.column.table.name for fk in column.foreign_keys]
            required = not column.nullable and column.default is None and column.server_default is None
            length = getattr(column.type, "length", None)
            parent = parents[0] if parents else None
            expected[column.key] = record_shapes.FieldShape(_kind(column), required, length, parent, column.nullable)
        assert record_shapes.SHAPES[name] == expected, name


def test_the_unique_values_are_the_models_unique_constraints():
    found = {}
    for name in SYNCED_TABLES:
        table = Base.metadata.tables[name]
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint):
                found[name] = tuple(c.key for c in constraint.columns)
        for column in table.columns:
            if column.unique:
                found[name] = (column.key,)
        assert not [ix for ix in table.indexes if ix.unique], name
    assert {k: set(v) for k, v in found.items()} == {k: set(v) for k, v in record_shapes.UNIQUE_TOGETHER.items()}


def test_values_a_laptop_could_not_store_are_named():
    problem = record_shapes.value_problem
    assert problem("households", "head_name", None) == "head_name may not be empty"
    assert problem("households", "head_name", "x" * 201) == "head_name is longer than 200 characters"
    assert problem("households", "size", "4") == "size must be a whole number"
    assert problem("households", "size", True) == "size must be a whole number"
    assert problem("households", "flags", "infant") == "flags must be a list"
    assert problem("households", "created_at", None) == "created_at may not be empty"  # a default, never empty
    assert problem("event_items", "rule", None) == "rule may not be empty"
    assert (
        record_shapes.missing_required("event_items", {"event_id": "e", "code": "K", "label": "Kit", "quantity": 1})
        == []
    )
    assert problem("events", "starts_on", "20/02/2026") == "starts_on must be a date in ISO form"
    assert problem("distributions", "served_at", "yesterday") == "served_at must be a datetime in ISO form"
    assert problem("members", "household_id", "") == "household_id may not be empty"
    assert problem("households", "a_field_of_a_newer_version", {"any": "thing"}) is None
    assert problem("households", "notes", "x" * 10_000) is None
    assert problem("distributions", "served_at", "2026-02-20T09:30:00+00:00") is None
    assert record_shapes.missing_required("members", {"name": "Omar"}) == ["household_id"]
