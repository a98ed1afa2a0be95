"""The desk's first screen read with the plain `sqlite3` module, so the window opens before SQLAlchemy is imported.

`check()` accepts only a database that is ours, set up, and at the schema revision these queries were written for;
anything else (no file yet, a schema to upgrade, a newer or foreign file, an odd value) answers None and the app takes
the normal path (`Database.open`, the services). The reads answer what the services answer (`setup.current_settings`,
`events.list_events`, `desk_stats`, `outbox.pending_count`; tests compare them) and raise sqlite3.Error when they
cannot, for the caller to ask the services instead. Nothing here writes.

`DeferredDatabase` stands in for the Database until the ORM is loaded (on the database worker, once the window is
usable).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from fieldapp import migrate, paths

if TYPE_CHECKING:
    from fieldapp.db import Database

#: The schema revision the queries below were checked against. When a migration is added, read it, adjust the
#: queries if it touches these tables, then move this on (tests/fieldapp/test_quick_read.py says when to).
SCHEMA_REVISION = "0005"

#: The settings the first screen reads, with the defaults fieldapp.settings declares for them (a test compares).
SETTINGS = {
    "association_id": None,
    "association_name": None,
    "device_code": None,
    "language": "fr",
    "desk_event": None,
    "desk_event_on": None,
}


# Named tuples rather than dataclasses: quicker to define, and this module is imported on the way to the first window.


class EventRow(NamedTuple):
    """What the desk's event list shows of an event (the fields of EventView it uses)."""

    id: str
    name: str
    starts_on: dt.date
    ends_on: dt.date
    site: str | None
    commune_code: str | None


class StockLeft(NamedTuple):
    """As services.desk_stats.ItemLeft."""

    code: str
    label: str
    label_ar: str | None
    stock: int
    given: int

    @property
    def left(self) -> int:
        return self.stock - self.given


class Counters(NamedTuple):
    """As services.desk_stats.DeskStats."""

    event_id: str
    day: dt.date
    served_today: int
    served_total: int
    items: list[StockLeft]


class QuickStart:
    """A database file fit for the quick first screen, and its settings (read when it was checked).

    `prefetch()` reads the rest of the first screen in a thread at once (sqlite3 lets go of the GIL while it reads, so
    this overlaps loading Qt and building the window). What it read is handed out once: by `ready_…()` without waiting
    (None when it is not there, yet or at all), or by `events()`, `counters()` and `pending_count()`, which wait for the
    thread (call them on the database worker) and read again what it does not hold.
    """

    def __init__(self, path: Path, settings: dict) -> None:
        self.path = path
        self.settings = settings
        self._prefetched: dict = {}
        self._ready: threading.Event | None = None

    @property
    def language(self) -> str:
        return self.settings["language"] or "fr"

    @property
    def association_name(self) -> str:
        return self.settings["association_name"] or ""

    @property
    def device_code(self) -> str:
        return self.settings["device_code"] or ""

    def prefetch(self, day: dt.date | None = None) -> None:
        day = day or dt.date.today()
        self._ready = ready = threading.Event()

        def read() -> None:
            found: dict = {}
            try:
                found["events"] = events = list_events(self.path)
                chosen = default_event(events, day, self.settings["desk_event"], self.settings["desk_event_on"])
                if chosen is not None:
                    found["counters", chosen, day] = desk_counters(self.path, chosen, day)
                found["pending"] = pending_count(self.path)
            except Exception:  # noqa: BLE001, S110 — what is missing is read again when asked for, errors shown then
                pass
            self._prefetched = found
            ready.set()

        threading.Thread(target=read, name="fieldapp-first-screen", daemon=True).start()

    def _take(self, key, wait: bool = True):
        if self._ready is None or not (self._ready.wait() if wait else self._ready.is_set()):
            return None
        return self._prefetched.pop(key, None)

    def ready_events(self) -> list[EventRow] | None:
        return self._take("events", wait=False)

    def ready_counters(self, event_id: str, day: dt.date | None = None) -> Counters | None:
        return self._take(("counters", event_id, day or dt.date.today()), wait=False)

    def ready_pending_count(self) -> int | None:
        return self._take("pending", wait=False)

    def events(self) -> list[EventRow]:
        found = self._take("events")
        return list_events(self.path) if found is None else found

    def counters(self, event_id: str, day: dt.date | None = None) -> Counters:
        day = day or dt.date.today()
        found = self._take(("counters", event_id, day))
        return desk_counters(self.path, event_id, day) if found is None else found

    def pending_count(self) -> int:
        found = self._take("pending")
        return pending_count(self.path) if found is None else found


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection, closed after use (one per call: calls come from the database worker)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        yield conn
    finally:
        conn.close()


def check(data_dir: str | os.PathLike | None = None) -> QuickStart | None:
    """The file and its settings when the first screen can be read without the ORM, else None (never raises)."""
    try:
        path = paths.database_path(data_dir)
        if not path.is_file() or path.stat().st_size == 0 or migrate.head_revision() != SCHEMA_REVISION:
            return None
        with _reading(path) as conn:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            if revision != [(SCHEMA_REVISION,)]:
                return None
            stored = read_settings(conn)
        if not stored["association_id"] or not stored["device_code"]:
            return None  # not set up yet: the first-run dialog, on the normal path
        return QuickStart(path, stored)
    except Exception:  # noqa: BLE001 — anything unusual (locked, damaged, odd values): the normal path decides
        return None


def read_settings(conn: sqlite3.Connection) -> dict:
    """The settings of SETTINGS, stored value or default (values are JSON, as SQLAlchemy's JSON type writes them)."""
    marks = ",".join("?" * len(SETTINGS))
    rows = conn.execute(f'SELECT "key", value FROM settings WHERE "key" IN ({marks})', tuple(SETTINGS)).fetchall()
    stored = {key: json.loads(value) for key, value in rows}
    return {key: stored.get(key, default) for key, default in SETTINGS.items()}


def list_events(path: Path) -> list[EventRow]:
    """As services.events.list_events: events not deleted, latest first, then by name."""
    with _reading(path) as conn:
        rows = conn.execute(
            "SELECT id, name, starts_on, ends_on, site, commune_code FROM events "
            "WHERE deleted_at IS NULL ORDER BY starts_on DESC, name"
        ).fetchall()
    return [
        EventRow(id, name, dt.date.fromisoformat(starts), dt.date.fromisoformat(ends), site, commune)
        for id, name, starts, ends, site, commune in rows
    ]


def _stored_datetime(moment: dt.datetime) -> str:
    """A UTC instant as fieldapp stores it in SQLite (naive UTC, SQLAlchemy's text format), to compare with."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def local_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants where `day` starts and ends on this laptop's clock (as services.desk_stats)."""
    start = dt.datetime.combine(day, dt.time.min).astimezone()
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min).astimezone()
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


_ACTIVE = """
    SELECT d.household_id, d.served_at, d.items FROM distributions AS d
    LEFT OUTER JOIN distribution_voids AS v ON v.distribution_id = d.id
    WHERE d.event_id = :event AND d.deleted_at IS NULL AND v.id IS NULL
"""


def desk_counters(path: Path, event_id: str, day: dt.date | None = None) -> Counters:
    """As services.desk_stats.desk_stats for an event id: families served today and at the event, stock left."""
    day = day or dt.date.today()
    start, end = local_day_bounds(day)
    with _reading(path) as conn:
        served_total, served_today = conn.execute(
            f"SELECT count(DISTINCT household_id), "
            f"count(DISTINCT CASE WHEN served_at >= :start AND served_at < :end THEN household_id END) "
            f"FROM ({_ACTIVE})",
            {"event": event_id, "start": _stored_datetime(start), "end": _stored_datetime(end)},
        ).fetchone()
        stocked = conn.execute(
            "SELECT code, label, label_ar, stock FROM event_items "
            "WHERE event_id = ? AND deleted_at IS NULL AND stock IS NOT NULL ORDER BY position",
            (event_id,),
        ).fetchall()
        given: dict[str, int] = {}
        if stocked:
            rows = conn.execute(
                f"SELECT upper(json_extract(line.value, '$.code')), sum(json_extract(line.value, '$.quantity')) "
                f"FROM ({_ACTIVE}) AS active JOIN json_each(active.items) AS line GROUP BY 1",
                {"event": event_id},
            )
            given = {code: int(total or 0) for code, total in rows}
    items = [
        StockLeft(code, label, label_ar, stock, given.get(code.upper(), 0)) for code, label, label_ar, stock in stocked
    ]
    return Counters(event_id, day, served_today or 0, served_total or 0, items)


def pending_count(path: Path) -> int:
    """As services.outbox.pending_count: journal rows not yet sent to HQ."""
    with _reading(path) as conn:
        return conn.execute("SELECT count(*) FROM journal WHERE pushed_at IS NULL").fetchone()[0]


def default_event(
    choices: Sequence, today: dt.date, remembered: str | None = None, remembered_on: str | None = None
) -> str | None:
    """The event chosen today if any, else the remembered one if it runs today, else today's, else the latest.

    `choices` are EventView or EventRow (anything with id, starts_on, ends_on).
    """
    ids = {e.id for e in choices}
    running = [e for e in choices if e.starts_on <= today <= e.ends_on]
    if remembered in ids and (remembered_on == today.isoformat() or remembered in {e.id for e in running}):
        return remembered
    pool = running or list(choices)
    return max(pool, key=lambda e: (e.starts_on, e.ends_on)).id if pool else None


class DeferredDatabase:
    """Stands in for `Database.open(data_dir)` and opens it on first use: SQLAlchemy loads on the database worker.

    `path` is known at once; every other attribute (read, write, identity, …) opens the database first.
    """

    def __init__(self, data_dir: str | os.PathLike | None = None) -> None:
        self.data_dir = data_dir
        self.path = paths.database_path(data_dir)
        self._database: Database | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._database is not None

    def load(self) -> Database:
        """The Database, opened now if it was not yet (SQLAlchemy imported, the schema checked)."""
        with self._lock:
            if self._database is None:
                from fieldapp.db import Database

                self._database = Database.open(self.data_dir)
            return self._database

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_database", "_lock", "data_dir", "path"):
            raise AttributeError(name)
        return getattr(self.load(), name)

    def dispose(self) -> None:
        if self._database is not None:
            self._database.dispose()
