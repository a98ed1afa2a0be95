"""Keeps the platform's default figures counted in memory (hq.figures.warm) in the background: at HQ's start and a
little after pushes, so that the first person to open the overview does not wait for the count."""

from __future__ import annotations

import logging
import threading

from hq import figures
from hq.db import Database

log = logging.getLogger("hq")
SETTLE_S = 2.0  # pushes arriving together are followed by one count


class FiguresWarmer:
    """One daemon thread per HQ worker process; `soon()` asks for a count (cheap, never blocks a request)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._wanted = threading.Event()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="figures-warmer", daemon=True)

    def start(self) -> None:
        self._wanted.set()  # once at start
        self._thread.start()

    def soon(self) -> None:
        self._wanted.set()

    def stop(self) -> None:
        self._stopped.set()
        self._wanted.set()

    def _run(self) -> None:
        while not self._stopped.is_set():
            self._wanted.wait()
            if self._stopped.wait(SETTLE_S):
                return
            self._wanted.clear()
            try:
                with self.db.read() as conn:
                    figures.warm(conn)
            except Exception:  # a failed count only means the next page counts itself; never stop warming
                log.exception("counting the dashboard's figures in the background failed")
