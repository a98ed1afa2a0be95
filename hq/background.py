"""Work HQ does in the background a little after pushes, one daemon thread per kind and worker process: counting the
platform's default figures (hq.figures.warm) before someone opens the overview, and bringing cross-association
matching up to the change log (hq.cross_catchup)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger("hq")


class SoonWorker:
    """Runs `work` once at start and then after each `soon()` (cheap, never blocks a request); calls arriving within
    `settle_s` of each other are followed by one run. A failed run is logged and never stops the thread: what it was
    to do is done by the next run, or by the page that needs it."""

    def __init__(self, name: str, work: Callable[[], object], settle_s: float) -> None:
        self.name, self.work, self.settle_s = name, work, settle_s
        self._wanted = threading.Event()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

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
            if self._stopped.wait(self.settle_s):
                return
            self._wanted.clear()
            try:
                self.work()
            except Exception:
                log.exception("%s failed in the background", self.name)
