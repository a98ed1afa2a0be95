"""What the pages read of the first screen, asked for without knowing which path answers, and the window's Database.

On the quick path (ui/shell/app.py) the window opens before SQLAlchemy is imported: the Database is then opened on
first use, on the database worker, and until it is, the reads are answered by a raw connection (fieldapp.quick_read),
first from what was read ahead while the window was built. Once it is open, or on the normal path, the services
answer. Both run the same queries (fieldapp.first_screen), so the answer does not depend on the path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from fieldapp import first_screen, paths

if TYPE_CHECKING:
    from fieldapp.db import Database
    from fieldapp.first_screen import DeskStats, EventRow
    from fieldapp.quick_read import QuickStart

T = TypeVar("T")


class Reads:
    """The first screen's reads (`desk_events`, `desk_stats`, `pending_count`, `identity`) and the Database.

    Each read runs on the database worker; with `ready_only=True` it answers at once, on any thread, what was read
    ahead (None when nothing was), without reading.
    """

    def __init__(
        self, database: Database | None = None, quick: QuickStart | None = None, data_dir: str | None = None
    ) -> None:
        #: set when the window opened on the quick path (its check's settings, what it read ahead), else None
        self.quick = quick
        self._deferred = _OpenedOnFirstUse(data_dir, quick.key) if database is None and quick is not None else None
        #: the Database the pages work with (on the quick path it opens on first use: use it on the database worker)
        self.database: Database = self._deferred or database  # type: ignore[assignment] — stands in for it
        self._identity_read = False

    @property
    def loaded(self) -> bool:
        """The Database is open (always on the normal path)."""
        return self._deferred is None or self._deferred.loaded

    def open_database(self) -> Database:
        """The Database, opened now if it was not yet (SQLAlchemy imported, the schema checked): on the worker."""
        return self._deferred.load() if self._deferred is not None else self.database

    def identity(self, *, ready_only: bool = False):
        """Who this laptop is (association_name, device_code), None before set-up."""
        if self.quick is not None and not self._identity_read:  # the quick path checked the settings a moment ago
            self._identity_read = True
            return self.quick
        if ready_only:
            return None
        from fieldapp.services import setup

        return setup.current_identity(self.database)

    def desk_events(self, *, ready_only: bool = False) -> tuple[list[EventRow], dict] | None:
        """The events the desk offers (latest first), and the settings it remembers its event with."""

        def plain(conn) -> tuple[list[EventRow], dict]:
            return first_screen.desk_events(conn), first_screen.desk_settings(conn)

        def service(db: Database) -> tuple[list[EventRow], dict]:
            from fieldapp.services.desk_stats import desk_events

            return desk_events(db)

        return self._answer(("desk_events",), ready_only, plain, service)

    def desk_stats(self, event_id: str, day: dt.date | None = None, *, ready_only: bool = False) -> DeskStats | None:
        """The desk's counters for the event on `day` (today by default)."""
        day = day or dt.date.today()

        def plain(conn) -> DeskStats:
            return first_screen.desk_stats(conn, event_id, day)

        def service(db: Database) -> DeskStats:
            from fieldapp.services.desk_stats import desk_stats

            return desk_stats(db, event_id, day)

        return self._answer(("desk_stats", event_id, day), ready_only, plain, service)

    def pending_count(self, *, ready_only: bool = False) -> int | None:
        """Changes not yet sent to HQ."""

        def service(db: Database) -> int:
            from fieldapp.services import outbox

            return outbox.pending_count(db)

        return self._answer(("pending_count",), ready_only, first_screen.pending_count, service)

    def _answer(self, key: tuple, ready_only: bool, plain: Callable[..., T], service: Callable[[Database], T]):
        quick = None if self.loaded else self.quick
        if ready_only:
            return None if quick is None else quick.take(key, wait=False)
        if quick is not None:  # the window just opened: a raw connection, the ORM is not loaded yet
            from fieldapp.quick_read import Error

            found = quick.take(key)
            if found is not None:
                return found
            with contextlib.suppress(Error), quick.connection() as conn:  # else the services answer
                return plain(conn)
        return service(self.database)

    def dispose(self) -> None:
        self.database.dispose()


class _OpenedOnFirstUse:
    """Stands in for `Database.open(data_dir)` and opens it on first use: SQLAlchemy loads on the database worker.

    `path` is known at once; every other attribute (read, write, identity, …) opens the database first.
    """

    def __init__(self, data_dir: str | os.PathLike | None = None, key: bytes | None = None) -> None:
        self.data_dir = data_dir
        self.key = key
        self.path = paths.database_path(data_dir)
        self._database: Database | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._database is not None

    def load(self) -> Database:
        with self._lock:
            if self._database is None:
                from fieldapp.db import Database

                self._database = Database.open(self.data_dir, key=self.key)
            return self._database

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_database", "_lock", "data_dir", "path", "key"):
            raise AttributeError(name)
        return getattr(self.load(), name)

    def dispose(self) -> None:
        if self._database is not None:
            self._database.dispose()
