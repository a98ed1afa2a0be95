"""HQ's database: URL defaults, engines tuned for SQLite (WAL, one writer) and PostgreSQL, migrations, transactions."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

ENV_DB = "FIELDAPP_HQ_DB"
ENV_READ_DB = "FIELDAPP_HQ_READ_DB"  # a read replica for the dashboard's figures (optional)
VERSION_TABLE = "hq_alembic_version"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class HQDatabaseUnusable(Exception):
    """The database cannot be used by this code (newer schema, unreachable, not HQ's)."""


def default_url() -> str:
    """FIELDAPP_HQ_DB, else an SQLite file in the platform's data directory for fieldapp-hq."""
    if os.environ.get(ENV_DB):
        return normalise_url(os.environ[ENV_DB])
    directory = platformdirs.user_data_path("fieldapp-hq", appauthor=False)
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / 'hq.sqlite3'}"


def normalise_url(url: str) -> str:
    """Accept a bare file path (SQLite) and postgres URLs without a driver (psycopg 3 is the one we ship)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def make_engine(url: str, pool_size: int = 10) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = sa.create_engine(
            url, json_serializer=_dumps, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=pool_size
        )

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            # We issue BEGIN ourselves (below), so that a writer takes the lock up front: BEGIN IMMEDIATE waits for
            # the other writer (busy timeout) instead of failing half-way when a read transaction tries to upgrade.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn):
            write = conn.get_execution_options().get("hq_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    return sa.create_engine(
        url, json_serializer=_dumps, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True
    )


def _alembic_config(url: str):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def known_revisions() -> list[str]:
    names = (p.name for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return sorted(name[:4] for name in names)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def migrate(engine: Engine) -> bool:
    """Bring the schema to this code's head; True when something ran. A database newer than the code is refused."""
    try:
        current = current_revision(engine)
    except sa.exc.OperationalError as error:
        raise HQDatabaseUnusable(f"cannot open the database: {str(error.orig).strip().splitlines()[0]}") from None
    known = known_revisions()
    if current == known[-1]:
        return False
    if current is not None and current not in known:
        raise HQDatabaseUnusable(f"the database has schema {current}, newer than this HQ ({known[-1]}): upgrade HQ")
    from alembic import command

    config = _alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True


class Database:
    """One engine, and the two kinds of transactions HQ uses."""

    def __init__(self, url: str, pool_size: int = 10) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, pool_size=pool_size)
        self.backend = self.engine.dialect.name  # "sqlite" or "postgresql"

    @classmethod
    def open(cls, url: str | None = None, pool_size: int = 10) -> Database:
        """Open and migrate (every command that opens the database runs the migrations first)."""
        db = cls(url or default_url(), pool_size=pool_size)
        if db.backend == "sqlite":
            Path(db.engine.url.database or "hq.sqlite3").parent.mkdir(parents=True, exist_ok=True)
        migrate(db.engine)
        return db

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: on SQLite it holds the write lock from its start (writers queue)."""
        with self.engine.connect().execution_options(hq_write=True) as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()
