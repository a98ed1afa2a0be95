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
