"""HQ's schema migrations: a database at an older revision is upgraded with its data, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from alembic import command

from hq.db import Database, _alembic_config, known_revisions


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return f"sqlite:///{tmp_path / 'hq.sqlite3'}"


def test_a_database_at_0001_is_upgraded_and_its_households_get_their_cin(db_url):
    command.upgrade(_alembic_config(db_url), "0001")
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        now = dt.datetime(2027, 1, 1)
        conn.execute(
            sa.text(
                "INSERT INTO records (id, tbl, association_id, device_code, data, field_hlc, hlc, deleted, updated_at)"
                " VALUES ('h1', 'households', 'a1', 'KHR1', :data, :stamps, :hlc, false, :now)"
            ),
            {"data": json.dumps({"head_name": "Fatima", "cin": "AB123456"}), "stamps": '{"*": "x"}', "hlc": "x",
             "now": now},
        )  # fmt: skip
    engine.dispose()

    db = Database.open(db_url)
    try:
        with db.read() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM hq_alembic_version")).scalar() == known_revisions()[-1]
            assert conn.execute(sa.text("SELECT cin FROM records WHERE id = 'h1'")).scalar() == "AB123456"
            assert conn.execute(sa.text("SELECT value FROM counters WHERE name = 'cursor'")).scalar() == 0
    finally:
        db.dispose()


def _record(conn, table: str, record_id: str, association: str, data: dict) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO records (id, tbl, association_id, device_code, data, field_hlc, hlc, deleted, updated_at)"
            " VALUES (:i, :t, :a, 'B1', :data, '{}', 'x', false, :now)"
        ),
        {"i": record_id, "t": table, "a": association, "data": json.dumps(data), "now": dt.datetime(2027, 1, 1)},
    )


def _change(conn, cursor: int, table: str, record_id: str, association: str, fields: dict) -> None:
    conn.execute(
        sa.text(
            "INSERT INTO changes (cursor, association_id, device_id, device_code, tbl, id, hlc, op, fields)"
            " VALUES (:c, :a, 'd1', 'B1', :t, :i, 'x', 'i', :f)"
        ),
        {"c": cursor, "a": association, "t": table, "i": record_id, "f": json.dumps(fields)},
    )


def test_rows_stored_before_0003_that_a_laptop_could_not_keep_are_set_aside_and_no_longer_served(db_url):
    """The stuck laptop of finding 3: HQ held a distribution whose household it never got, and a void of it; a 5 MiB
    name. After the upgrade those are kept but not served, and the rest is."""
    command.upgrade(_alembic_config(db_url), "0002")
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        _record(conn, "households", "h1", "b", {"head_name": "Fatima"})
        _record(conn, "distributions", "d1", "b", {"household_id": "h404", "event_id": "e1", "receipt": "B1-1"})
        _record(conn, "distribution_voids", "v1", "b", {"distribution_id": "d1"})
        _record(conn, "events", "e1", "*", {"name": "Campagne"})
        _record(conn, "distributions", "d2", "b", {"household_id": "h1", "event_id": "e1", "receipt": "B1-2"})
        _record(conn, "households", "h2", "b", {"head_name": "x" * 5_000_000})
        for cursor, (table, record_id) in enumerate(
            [("households", "h1"), ("distributions", "d1"), ("distribution_voids", "v1"), ("distributions", "d2")], 1
        ):
            _change(conn, cursor, table, record_id, "b", {})
        _change(conn, 5, "households", "h2", "b", {"head_name": "x" * 5_000_000})
        conn.execute(sa.text("UPDATE counters SET value = 5"))
    engine.dispose()

    db = Database.open(db_url)
    try:
        with db.read() as conn:
            refused = dict(conn.execute(sa.text("SELECT id, refused FROM records WHERE refused IS NOT NULL")).all())
            served = (
                conn.execute(sa.text("SELECT id FROM changes WHERE refused IS NULL ORDER BY cursor")).scalars().all()
            )
            receipts = dict(
                conn.execute(sa.text("SELECT id, unique_value FROM records WHERE tbl = 'distributions'")).all()
            )
            assert refused == {"d1": "missing_parent", "v1": "missing_parent", "h2": "too_large"}
            assert served == ["h1", "d2"]
            assert receipts == {"d1": "B1-1", "d2": "B1-2"}
    finally:
        db.dispose()


def test_the_migrations_build_the_schema_hq_declares(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from hq import schema

    db = Database.open(db_url)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": False})
            differences = [d for d in compare_metadata(context, schema.metadata) if "hq_alembic_version" not in str(d)]
    finally:
        db.dispose()
    assert differences == []


def test_review_items_the_rule_no_longer_sees_are_settled_at_the_upgrade_to_0005_and_real_ones_stay_open(db_url):
    """Before 0005 a family served again on purpose, with a coordinator's reason, was an open review item at HQ (and
    on the other laptops, not on the one that served): the upgrade settles those, and leaves real double servings."""
    command.upgrade(_alembic_config(db_url), "0004")
    engine = sa.create_engine(db_url)
    served = [  # (id, household, override reason): h1 served then served again on purpose; h2 served on two desks
        ("d1", "h1", None),
        ("d2", "h1", "Sac perdu"),
        ("d3", "h2", None),
        ("d4", "h2", None),
    ]
    with engine.begin() as conn:
        for record_id, household, reason in served:
            conn.execute(
                sa.text(
                    "INSERT INTO records (id, tbl, association_id, device_code, data, field_hlc, hlc, event_id,"
                    " household_id, deleted, updated_at) VALUES (:i, 'distributions', 'b', 'B1', :data, '{}', 'x',"
                    " 'e1', :h, false, :now)"
                ),
                {"i": record_id, "h": household, "now": dt.datetime(2027, 1, 1),
                 "data": json.dumps({"event_id": "e1", "household_id": household, "override_reason": reason})},
            )  # fmt: skip
        for household, cin in (("h1", "AB123456"), ("h2", "AB123456"), ("h3", "CD778899")):
            conn.execute(
                sa.text(
                    "INSERT INTO records (id, tbl, association_id, device_code, data, field_hlc, hlc, cin, deleted,"
                    " updated_at) VALUES (:i, 'households', 'b', 'B1', :data, '{}', 'x', :cin, false, :now)"
                ),
                {"i": household, "cin": cin, "now": dt.datetime(2027, 1, 1), "data": json.dumps({"cin": cin})},
            )
        for key, household, ids in (("k1", "h1", ["d1", "d2"]), ("k2", "h2", ["d3", "d4"])):
            conn.execute(
                sa.text(
                    "INSERT INTO reviews (key, association_id, kind, event_id, household_id, record_ids, detected_at)"
                    " VALUES (:k, 'b', 'double_distribution', 'e1', :h, :ids, :now)"
                ),
                {"k": key, "h": household, "ids": json.dumps(ids), "now": dt.datetime(2027, 1, 1)},
            )
        for key, ids in (("c1", ["h1", "h2"]), ("c2", ["h1", "h3"])):  # c2: h3's CIN was corrected since
            conn.execute(
                sa.text(
                    "INSERT INTO reviews (key, association_id, kind, household_id, record_ids, detected_at)"
                    " VALUES (:k, 'b', 'duplicate_cin', :h, :ids, :now)"
                ),
                {"k": key, "h": ids[1], "ids": json.dumps(ids), "now": dt.datetime(2027, 1, 1)},
            )
    engine.dispose()

    db = Database.open(db_url)
    try:
        with db.read() as conn:
            rows = conn.execute(sa.text("SELECT key, settled_at, settled_by FROM reviews ORDER BY key")).all()
        assert [(r.key, r.settled_at is not None, r.settled_by) for r in rows] == [
            ("c1", False, None),
            ("c2", True, "sync:rule"),
            ("k1", True, "sync:rule"),
            ("k2", False, None),
        ]
    finally:
        db.dispose()
