"""The PostgreSQL test harness: each test gets a fresh, usable database, dropped afterwards; CI never skips."""

from __future__ import annotations

import psycopg
import pytest
import sqlalchemy as sa
from pg import ENV_URL, PREFIX, PostgresUnavailable, database_exists, fresh_database, resolve_server_url

_seen: dict[str, str] = {}


def test_fresh_database_is_empty_and_usable_with_sqlalchemy_and_psycopg(pg_url, pg_server_url):
    url = sa.engine.make_url(pg_url)
    assert url.drivername == "postgresql+psycopg"
    assert url.database.startswith(PREFIX)
    engine = sa.create_engine(pg_url)
    try:
        assert sa.inspect(engine).get_table_names() == []
        with engine.begin() as conn:
            assert conn.scalar(sa.text("SELECT current_database()")) == url.database
            assert conn.scalar(sa.text("SHOW server_encoding")) == "UTF8"
            assert conn.scalar(sa.text("SELECT current_setting('server_version_num')::int")) >= 130000
            conn.execute(sa.text("CREATE TABLE household (id serial PRIMARY KEY, head_name text NOT NULL)"))
            conn.execute(sa.text("INSERT INTO household (head_name) VALUES ('Fatima Zahra'), ('فاطمة الزهراء')"))
        # psycopg 3 on its own, with the same URL minus the SQLAlchemy driver name
        with psycopg.connect(pg_url.replace("postgresql+psycopg://", "postgresql://")) as raw:
            names = [row[0] for row in raw.execute("SELECT head_name FROM household ORDER BY id")]
        assert names == ["Fatima Zahra", "فاطمة الزهراء"]
    finally:
        engine.dispose()
    _seen["fixture_db"] = url.database
    _seen["server"] = pg_server_url


def test_the_previous_tests_database_was_dropped():
    if "fixture_db" not in _seen:
        pytest.skip("runs after test_fresh_database_is_empty_and_usable_with_sqlalchemy_and_psycopg only")
    assert not database_exists(_seen["server"], _seen["fixture_db"])


def test_databases_are_separate_and_dropped_even_with_open_connections(pg_server_url):
    with fresh_database(pg_server_url) as first, fresh_database(pg_server_url) as second:
        assert first != second
        engine_a, engine_b = sa.create_engine(first), sa.create_engine(second)
        with engine_a.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (x int)"))
        assert sa.inspect(engine_b).get_table_names() == []
        # leave pooled connections open on purpose: the drop must not hang or fail
        names = [sa.engine.make_url(u).database for u in (first, second)]
        assert all(database_exists(pg_server_url, n) for n in names)
    assert not any(database_exists(pg_server_url, n) for n in names)
    engine_a.dispose()
    engine_b.dispose()


def test_missing_server_fails_under_ci_and_skips_elsewhere():
    def unavailable() -> str:
        raise PostgresUnavailable("nothing here")

    with pytest.raises(pytest.fail.Exception, match=ENV_URL):
        resolve_server_url({"CI": "true"}, start=unavailable)
    with pytest.raises(pytest.skip.Exception, match="nothing here"):
        resolve_server_url({}, start=unavailable)
    with pytest.raises(pytest.skip.Exception):
        resolve_server_url({"CI": "false"}, start=unavailable)
    assert resolve_server_url({ENV_URL: "postgresql+psycopg://u@h:1/d", "CI": "1"}, start=unavailable) == (
        "postgresql+psycopg://u@h:1/d"
    )
