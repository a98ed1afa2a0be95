"""The quick path to the first screen: a raw DB-API connection, so the window opens before SQLAlchemy is imported.

The connection is fieldapp.encryption's (SQLCipher, the sqlite3 API), keyed with the data key unwrapped at login
(`key`; None for a plain file); a key that does not open the file is one more case for the normal path.

`check()` accepts only a database that is ours, set up, and at the head schema revision (the newest migration shipped,
fieldapp.migrate reads it from the file names); anything else (no file yet, a schema to upgrade, a newer or foreign
file, an odd value) answers None and the app takes the normal path (`Database.open`, the services). The reads are
fieldapp.first_screen's, the very queries the services run, so a migration that breaks them fails the services' tests
too: accepting the head revision needs no constant moved by hand. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldapp import encryption, first_screen, migrate, paths

#: what a read on the quick path raises (a damaged or locked file, a wrong key): the services answer then
Error = encryption.Error


class QuickStart:
    """A database file fit for the quick first screen, and its settings (read when it was checked).

    `prefetch()` reads the rest of the first screen in a thread at once (sqlite3 lets go of the GIL while it reads, so
    this overlaps loading Qt and building the window). What it read is handed out once by `take()`, keyed as
    ui.shell.reads asks: ("desk_events",), ("desk_stats", event id, day), ("pending_count",).
    """

    def __init__(self, path: Path, settings: dict, key: bytes | None = None) -> None:
        self.path = path
        self.settings = settings
        #: the data key the file was read with (None: a plain file), for the Database opened after it
        self.key = key
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

    @contextmanager
    def connection(self) -> Iterator:
        """A read-only connection, closed after use (one per call: calls come from the database worker)."""
        with _reading(self.path, self.key) as conn:
            yield conn

    def prefetch(self, day: dt.date | None = None) -> None:
        day = day or dt.date.today()
        self._ready = ready = threading.Event()

        def read() -> None:
            found: dict = {}
            try:
                with self.connection() as conn:
                    events = first_screen.desk_events(conn)
                    found[("desk_events",)] = (events, self.settings)
                    settings = self.settings
                    chosen = first_screen.default_event(events, day, settings["desk_event"], settings["desk_event_on"])
                    if chosen is not None:
                        found[("desk_stats", chosen, day)] = first_screen.desk_stats(conn, chosen, day)
                    found[("pending_count",)] = first_screen.pending_count(conn)
            except Exception:  # noqa: BLE001, S110 — what is missing is read again when asked for, errors shown then
                pass
            self._prefetched = found
            ready.set()

        threading.Thread(target=read, name="fieldapp-first-screen", daemon=True).start()

    def take(self, key: tuple, wait: bool = True):
        """What prefetch() read for `key`, once; None when it was not read (or, without `wait`, is not read yet)."""
        if self._ready is None or not (self._ready.wait() if wait else self._ready.is_set()):
            return None
        return self._prefetched.pop(key, None)


@contextmanager
def _reading(path: Path, key: bytes | None) -> Iterator:
    conn = encryption.connect(path, key, readonly=True)
    try:
        yield conn
    finally:
        conn.close()


def check(data_dir: str | os.PathLike | None = None, key: bytes | None = None) -> QuickStart | None:
    """The file and its settings when the first screen can be read without the ORM with `key`, else None (never
    raises). A plain file given a key is not read here: it is converted on the normal path (Database)."""
    try:
        path = paths.database_path(data_dir)
        if not path.is_file() or path.stat().st_size == 0:
            return None
        if key is not None and encryption.is_plain(path):
            return None
        with _reading(path, key) as conn:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            if revision != [(migrate.head_revision(),)]:
                return None  # a schema to upgrade (or newer than this code): the normal path decides
            stored = first_screen.desk_settings(conn)
        if not stored["association_id"] or not stored["device_code"]:
            return None  # not set up yet: the first-run dialog, on the normal path
        return QuickStart(path, stored, key)
    except Exception:  # noqa: BLE001 — anything unusual (locked, damaged, odd values): the normal path decides
        return None
