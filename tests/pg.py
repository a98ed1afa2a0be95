"""PostgreSQL for the tests: the `pg_url` fixture gives each test a fresh, empty database, dropped afterwards.

The server comes from FIELDAPP_TEST_PG_URL (scripts/test.sh exports it after running scripts/postgres.sh), an
SQLAlchemy URL such as postgresql+psycopg://fieldapp@127.0.0.1:55432/fieldapp_test; only its server and credentials
are used. When the variable is missing:
  - under CI (CI set, not "0"/"false") every test using the fixtures FAILS: CI must never skip the PostgreSQL tests;
  - elsewhere scripts/postgres.sh is tried once (without installing anything), and if that fails too the tests are
    skipped with the reason.

    def test_something(pg_url):            # str: postgresql+psycopg://fieldapp@127.0.0.1:55432/fieldapp_t_<pid>_<hex>
        engine = sqlalchemy.create_engine(pg_url)
        ...
        engine.dispose()                   # optional: the database is dropped WITH (FORCE) even with connections open

Tests needing several databases at once use `fresh_database(pg_server_url)` as a context manager.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import subprocess
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

ENV_URL = "FIELDAPP_TEST_PG_URL"
PREFIX = "fieldapp_t_"
ROOT = Path(__file__).resolve().parent.parent
_NAME = re.compile(rf"^{PREFIX}(\d+)_[0-9a-f]+$")


class PostgresUnavailable(Exception):
    """No PostgreSQL server could be found or started for the tests."""


def in_ci(environ: Mapping[str, str]) -> bool:
    """True when the environment says we run under continuous integration."""
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def start_local_cluster() -> str:
    """Run scripts/postgres.sh (never installing packages) and return the URL it prints."""
    env = {**os.environ, "FIELDAPP_PG_NO_INSTALL": "1"}
    try:
        proc = subprocess.run(
            ["bash", str(ROOT / "scripts" / "postgres.sh")], capture_output=True, text=True, env=env, timeout=180
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PostgresUnavailable(f"scripts/postgres.sh did not run: {exc}") from exc
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        detail = proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
        raise PostgresUnavailable(f"scripts/postgres.sh failed: {detail[0]}")
    return lines[-1]


def resolve_server_url(environ: Mapping[str, str], start: Callable[[], str] = start_local_cluster) -> str:
    """The test server's URL; pytest.fail under CI when it is not configured, else pytest.skip if none can start."""
    url = environ.get(ENV_URL, "").strip()
    if url:
        return url
    if in_ci(environ):
        pytest.fail(f"{ENV_URL} is not set under CI: run the tests with scripts/test.sh (it starts PostgreSQL)")
    try:
        return start()
    except PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL for the tests ({exc}); run scripts/postgres.sh or set {ENV_URL}")


def _conninfo(url: URL, database: str) -> dict[str, object]:
    params: dict[str, object] = {"dbname": database, "connect_timeout": 10}
    for key, value in (("host", url.host), ("port", url.port), ("user", url.username), ("password", url.password)):
        if value is not None:
            params[key] = value
    return params


def admin_connection(server_url: str) -> psycopg.Connection:
    """An autocommit psycopg connection to the server's `postgres` database (to create and drop databases)."""
    return psycopg.connect(**_conninfo(make_url(server_url), "postgres"), autocommit=True)


def database_exists(server_url: str, name: str) -> bool:
    """True when the server at `server_url` holds a database called `name`."""
    with admin_connection(server_url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop_stale_databases(server_url: str) -> list[str]:
    """Drop the test databases left by test processes that no longer run (killed runs); returns their names."""
    dropped = []
    with admin_connection(server_url) as conn:
        rows = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'fieldapp\\_t\\_%'").fetchall()
        names = [row[0] for row in rows]
        for name in names:
            match = _NAME.match(name)
            if match and int(match.group(1)) != os.getpid() and not _pid_alive(int(match.group(1))):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                dropped.append(name)
    return dropped


@contextlib.contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """Create an empty database (from template0) on the server and yield its SQLAlchemy URL; drop it on exit."""
    base = make_url(server_url)
    name = f"{PREFIX}{os.getpid()}_{secrets.token_hex(4)}"
    with admin_connection(server_url) as conn:
        conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin_connection(server_url) as conn:
            # FORCE ends the sessions a test left open (pooled engines not disposed); PostgreSQL 13 or newer.
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """SQLAlchemy URL of the test PostgreSQL server (its `fieldapp_test` database); checked once per session."""
    url = resolve_server_url(os.environ)
    try:
        drop_stale_databases(url)
    except psycopg.Error as exc:
        pytest.fail(f"cannot use the PostgreSQL server of {ENV_URL}={url}: {exc}")
    return url


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL database for this test only (dropped after it, even with sessions open)."""
    with fresh_database(pg_server_url) as url:
        yield url
