"""Background work: one serialised database worker, a separate network pool; results come back by signal.

The UI thread never waits on the database or the network. Long work gets a progress callback and can be cancelled.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from fieldapp.errors import FieldappError


class Cancelled(Exception):
    """Raised inside long work when the person pressed Cancel."""


@dataclass
class Progress:
    """Handed to long work: report how far it is, and check whether it should stop."""

    _report: Callable[[int, int], None]
    _cancel: threading.Event = field(default_factory=threading.Event)

    def report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._report(done, total)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _JobSignals(QObject):
    """Carries results from worker threads to the GUI thread (queued signal connections)."""

    finished = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable, bridge: _JobSignals) -> None:
        super().__init__()
        self.job_id, self.fn, self.bridge = job_id, fn, bridge

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as error:  # noqa: BLE001 — every failure goes back to the GUI, none is lost in a thread
            self.bridge.failed.emit(self.job_id, error)
        else:
            self.bridge.finished.emit(self.job_id, result)


class TaskRunner(QObject):
    """`run()` database work one job at a time, in order; `run_network()` for sync; both answer on the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = QThreadPool(self)
        self._database.setMaxThreadCount(1)  # SQLite writes are serialised anyway; order matters to the person
        self._network = QThreadPool(self)
        self._network.setMaxThreadCount(2)
        self._bridge = _JobSignals()
        self._bridge.finished.connect(self._on_finished)
        self._bridge.failed.connect(self._on_failed)
        self._bridge.progressed.connect(self._on_progress)
        self._callbacks: dict[int, tuple] = {}
        self._ids = itertools.count(1)
        self._closed = False

    def run(self, fn: Callable, on_done: Callable | None = None, on_error: Callable | None = None) -> int:
        return self._submit(self._database, fn, on_done, on_error, None)

    def run_network(self, fn: Callable, on_done: Callable | None = None, on_error: Callable | None = None) -> int:
        return self._submit(self._network, fn, on_done, on_error, None)

    def run_long(
        self,
        fn: Callable[[Progress], object],
        on_done: Callable | None = None,
        on_error: Callable | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Progress:
        """Long database work (sheets, exports, imports): `fn(progress)`; returns the Progress to cancel it."""
        job_id = next(self._ids)
        progress = Progress(lambda done, total: self._bridge.progressed.emit(job_id, done, total))
        self._callbacks[job_id] = (on_done, on_error, on_progress)
        self.busy_changed.emit(True)
        self._database.start(_Job(job_id, lambda: fn(progress), self._bridge))
        return progress

    def _submit(self, pool: QThreadPool, fn, on_done, on_error, on_progress) -> int:
        if self._closed:
            return 0
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_error, on_progress)
        self.busy_changed.emit(True)
        pool.start(_Job(job_id, fn, self._bridge))
        return job_id

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every queued job ran (used when closing the window, and by tests)."""
        return self._database.waitForDone(msecs) and self._network.waitForDone(msecs)

    @property
    def idle(self) -> bool:
        """No job waiting for its answer."""
        return not self._callbacks

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call `callback` once, on the GUI thread, the next time no job is waiting (now, if none is)."""
        if self.idle:
            QTimer.singleShot(0, callback)
            return

        def fire(busy: bool) -> None:
            if not busy:
                self.busy_changed.disconnect(fire)
                callback()

        self.busy_changed.connect(fire)

    def close(self, msecs: int = 30_000) -> None:
        """Let running work finish (a distribution being written is kept), then answer nobody: the window is gone."""
        self.wait(msecs)
        self._closed = True
        self._callbacks.clear()

    # busy_changed is emitted after the answer was handled: work it asked for in turn (the desk's counters once its
    # events arrived) keeps the runner busy, so when_idle means "everything asked for has arrived".
    @Slot(int, object)
    def _on_finished(self, job_id: int, result) -> None:
        on_done, _, _ = self._callbacks.pop(job_id, (None, None, None))
        try:
            if on_done is not None:
                on_done(result)
        finally:
            self.busy_changed.emit(bool(self._callbacks))

    @Slot(int, object)
    def _on_failed(self, job_id: int, error) -> None:
        _, on_error, _ = self._callbacks.pop(job_id, (None, None, None))
        try:
            if on_error is not None:
                on_error(error)
            elif not isinstance(error, FieldappError | Cancelled):
                raise error
        finally:
            self.busy_changed.emit(bool(self._callbacks))

    @Slot(int, int, int)
    def _on_progress(self, job_id: int, done: int, total: int) -> None:
        _, _, on_progress = self._callbacks.get(job_id, (None, None, None))
        if on_progress is not None:
            on_progress(done, total)
