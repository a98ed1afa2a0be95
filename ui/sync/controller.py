"""Sync in the background: probe HQ with backoff and jitter, sync when there is something to do, one sync at a time.

The controller is shared by the status bar and the Sync page (`controller_for(ctx)`): a manual "Sync now" while a
sync runs joins it. Work runs on the TaskRunner's network pool; the sync engine and the services are imported there,
never at start-up (only `sync.backoff`, the retry policy, which is pure). Intervals and the random source are
injectable (tests use milliseconds).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from fieldapp.errors import FieldappError
from fieldapp.merge import SYNCED_TABLES
from sync.backoff import Backoff

if TYPE_CHECKING:
    from fieldapp.services.enrollment import SyncState
    from sync.run import SyncSummary
    from ui.shell.context import AppContext

log = logging.getLogger("fieldapp.ui.sync")

#: record kinds a local edit touches that HQ must receive (a change to one of them asks for a sync, debounced)
LOCAL_KINDS = frozenset({*SYNCED_TABLES, "sync"})


#: the part of each background wait jitter may take off: at least half is waited, so no burst of retries
BACKGROUND_JITTER = 0.5


@dataclass(frozen=True)
class Intervals:
    """Milliseconds. Backoff after HQ could not be reached: retry, doubled each time up to the cap (with jitter)."""

    start_ms: int = 5_000  # first probe once the window is usable
    retry_ms: int = 30_000
    retry_cap_ms: int = 600_000
    poll_ms: int = 300_000  # HQ reachable and nothing to send: look for the other laptops' changes this often
    debounce_ms: int = 10_000  # after a local change, wait for the person to finish before sending it

    @property
    def backoff(self) -> Backoff:
        """The background's retry policy: `retry_ms` doubled after each failure up to `retry_cap_ms`."""
        return Backoff(base=self.retry_ms, cap=self.retry_cap_ms, jitter=BACKGROUND_JITTER)


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar and the Sync page show, as one value."""

    state: SyncState | None = None  # what the database says (None until read)
    running: bool = False
    reachable: bool | None = None  # None: not tried yet in this session
    error: BaseException | None = None  # this session's last failure (cleared by a success)
    checked_at: dt.datetime | None = None  # when HQ last answered
    next_try_at: dt.datetime | None = None  # when the next automatic attempt is planned

    @property
    def enrolled(self) -> bool:
        return bool(self.state and self.state.enrolled)

    @property
    def kind(self) -> str:
        """unknown | not_enrolled | syncing | offline | refused | synced | never (enrolled, no sync succeeded yet)"""
        if self.state is None:
            return "unknown"
        if not self.state.enrolled:
            return "not_enrolled"
        if self.running:
            return "syncing"
        if self.reachable is False:
            return "offline"
        if self.error is not None and not _is_unreachable(self.error):
            return "refused"
        return "synced" if self.state.last_success else "never"

    @property
    def attention(self) -> int:
        """Conflicts and review items waiting for a person."""
        return (self.state.open_conflicts + self.state.open_reviews) if self.state else 0


def _is_unreachable(error: BaseException) -> bool:
    """HQ could not be reached (offline, timed out, failing). sync.client is not imported here (requests is slow to
    load on the GUI thread): an error of its kind exists only once the network thread has loaded it."""
    client = sys.modules.get("sync.client")
    return client is not None and isinstance(error, client.Unreachable)


class _SyncProgressSignals(QObject):
    """Emitted from the network thread; Qt delivers it on the GUI thread (queued: the controller lives there)."""

    progressed = Signal(str, int, int)


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus
    progressed = Signal(str, int, int)  # phase ("connect", "push", "pull", "done"), done, total
    started = Signal()
    finished = Signal(object)  # SyncSummary
    failed = Signal(object)  # the error (a FieldappError for everything a person can act on)

    def __init__(
        self,
        ctx: AppContext,
        intervals: Intervals | None = None,
        rand: Callable[[], float] = random.random,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else ctx.tasks)  # found again by controller_for(ctx)
        self.ctx = ctx
        self.intervals = intervals or Intervals()
        self.rand = rand
        self.status = SyncStatus()
        self.failures = 0  # unreachable in a row: the backoff's exponent
        self.probes = 0  # hello requests sent (tests watch the backoff through it)
        self.last_summary: SyncSummary | None = None
        self.active = False  # background probing started (start()) and not stopped
        self._probing = False
        self._again = False  # a local change arrived during a sync: sync again after it
        self._publishing = False
        self._cancel = threading.Event()
        self._bridge = _SyncProgressSignals()
        self._bridge.progressed.connect(self.progressed)
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.timeout.connect(self._probe)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self._after_local_change)
        ctx.changes.changed.connect(self._on_changes)

    # --- what the window and the page call --------------------------------------------------------------------------
    def start(self) -> None:
        """Begin background sync: read the state, and when enrolled probe HQ after `start_ms`."""
        if self.active:
            return
        self.active = True
        self.refresh()

    def stop(self) -> None:
        """The window closes: no more timers, and a running sync stops between two requests."""
        self.active = False
        self._next.stop()
        self._debounce.stop()
        self._cancel.set()

    def configure(self, intervals: Intervals, rand: Callable[[], float] | None = None) -> None:
        self.intervals = intervals
        if rand is not None:
            self.rand = rand
        if self._next.isActive():
            self._schedule(self.intervals.start_ms)

    def refresh(self) -> None:
        """Read the sync state from the database (on the database worker) and tell who listens."""
        db = self.ctx.db

        def load() -> SyncState:
            from fieldapp.services import enrollment

            return enrollment.sync_state(db)

        self.ctx.tasks.run(load, on_done=self._state_loaded, on_error=self._state_failed)

    def sync_now(self) -> bool:
        """Sync at once; False when one is already running (its signals tell how it goes: the caller joins it)."""
        if self.status.running:
            return False
        self._start_sync()
        return True

    def cancel(self) -> None:
        """Stop the running sync between two requests; what was sent and received so far is kept."""
        if self.status.running:
            self._cancel.set()

    def enroll(
        self,
        hq_url: str,
        code: str,
        on_done: Callable[[object], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Join HQ with a one-time code (network pool); on success the first sync starts at once."""
        db = self.ctx.db

        def work():
            from sync import engine

            return engine.enroll(db, hq_url, code)

        def done(credentials) -> None:
            self.failures = 0
            self._set(error=None, reachable=True)
            self._publish(credentials.changed)  # the local records took HQ's association
            on_done(credentials)
            self.refresh()
            self.sync_now()

        self.ctx.tasks.run_network(work, on_done=done, on_error=on_error)

    # --- state ------------------------------------------------------------------------------------------------------
    def _set(self, **changes) -> None:
        self.status = replace(self.status, **changes)
        self.status_changed.emit(self.status)

    def _state_loaded(self, state: SyncState) -> None:
        self._set(state=state)
        if self.active and state.enrolled and not (self._next.isActive() or self.status.running or self._probing):
            self._schedule(self.intervals.start_ms)

    def _state_failed(self, error: BaseException) -> None:
        log.warning("sync state could not be read", exc_info=error)

    def _publish(self, kinds: frozenset[str] | set[str]) -> None:
        """Tell the pages; the controller does not take its own news for a local change."""
        self._publishing = True
        try:
            self.ctx.changes.publish(kinds)
        finally:
            self._publishing = False

    # --- timing -----------------------------------------------------------------------------------------------------
    def _schedule(self, ms: int) -> None:
        if not self.active:
            return
        ms = max(0, int(ms))
        self._next.start(ms)
        self._set(next_try_at=dt.datetime.now(dt.UTC) + dt.timedelta(milliseconds=ms))

    def jittered(self, ms: int) -> int:
        """Between half and all of `ms`: laptops that lost HQ together do not all come back at the same moment."""
        return int(self.intervals.backoff.jittered(ms, self.rand()))

    def backoff_ms(self) -> int:
        """The wait before the next try after `failures` unreachable attempts in a row (before jitter)."""
        return int(self.intervals.backoff.delay(self.failures))

    def _after_failure(self, error: BaseException) -> None:
        if _is_unreachable(error):
            self.failures += 1
            self._set(reachable=False, error=error)
            self._schedule(self.jittered(self.backoff_ms()))
        else:  # refused (revoked, too old, unknown token) or a bug: HQ answered; try again rarely
            self._set(reachable=True, error=error, checked_at=dt.datetime.now(dt.UTC))
            self._schedule(self.jittered(self.intervals.retry_cap_ms))

    def _after_success(self) -> None:
        self.failures = 0
        self._set(reachable=True, error=None, checked_at=dt.datetime.now(dt.UTC))
        self._schedule(self.jittered(self.intervals.poll_ms))

    # --- probing ----------------------------------------------------------------------------------------------------
    def _probe(self) -> None:
        """hello: one cheap request; a sync follows when this laptop has changes to send or HQ has news."""
        if not self.active or self.status.running or self._probing:
            return
        self._probing = True
        self.probes += 1
        db = self.ctx.db

        def hello():
            from fieldapp.services import enrollment
            from sync.client import HQClient

            state = enrollment.sync_state(db)
            if not state.enrolled:
                return None, state
            credentials = enrollment.sync_credentials(db)
            client = HQClient(credentials.hq_url, credentials.token, timeouts=(10, 20))
            try:
                return client.hello(), state
            finally:
                client.close()

        self.ctx.tasks.run_network(hello, on_done=self._probed, on_error=self._probe_failed)

    def _probed(self, answer) -> None:
        self._probing = False
        hello, state = answer
        self._set(state=state)
        if hello is None or not self.active or self.status.running:
            return  # not enrolled (any more), or a sync started meanwhile: it reports for itself
        news = int(hello.get("pull_head") or 0) > state.cursor
        if state.pending or news or state.last_error:  # a failure remembered is cleared by a sync that works
            self._start_sync()
        else:
            self._after_success()

    def _probe_failed(self, error: BaseException) -> None:
        self._probing = False
        if not isinstance(error, FieldappError):
            log.error("probing HQ failed", exc_info=error)
        self._after_failure(error)

    # --- syncing ----------------------------------------------------------------------------------------------------
    def _start_sync(self) -> None:
        if self.status.running:
            return
        self._next.stop()
        self._debounce.stop()
        self._again = False
        self._cancel = cancel = threading.Event()
        db, bridge = self.ctx.db, self._bridge

        def work():
            from sync import engine

            # The retry waits end at once on Cancel (or when the window closes).
            return engine.sync_now(db, progress=bridge.progressed.emit, cancel=cancel, sleep=cancel.wait)

        self._set(running=True)
        self.started.emit()
        self.ctx.tasks.run_network(work, on_done=self._synced, on_error=self._sync_failed)

    def _synced(self, summary: SyncSummary) -> None:
        self.last_summary = summary
        self._set(running=False)
        self._after_success()
        self._publish(summary.changed)  # what the pulled pages moved, and sync's own state
        self.finished.emit(summary)
        self.refresh()
        if self._again and self.active:
            self._debounce.start(self.intervals.debounce_ms)

    def _sync_failed(self, error: BaseException) -> None:
        self._set(running=False)
        if not isinstance(error, FieldappError):
            log.error("sync failed", exc_info=error)
        self._after_failure(error)
        self._publish({"sync"})  # the page shows the last error; what was received before the failure is kept
        self.failed.emit(error)
        self.refresh()

    # --- local changes ----------------------------------------------------------------------------------------------
    def _on_changes(self, kinds: frozenset[str]) -> None:
        if self._publishing or not self.active or not (kinds & LOCAL_KINDS):
            return
        self.refresh()  # "N waiting" in the status bar follows the desk, online or not
        if self.status.running:
            self._again = True
        elif self.status.enrolled:
            self._debounce.start(self.intervals.debounce_ms)

    def _after_local_change(self) -> None:
        """Send it when HQ answered lately; when it did not, the backoff's next probe will (no hammering)."""
        if self.active and self.status.reachable is not False and self.status.enrolled:
            self._start_sync()


def controller_for(ctx: AppContext) -> SyncController:
    """The one controller of this window's context (made on first use, owned by the task runner)."""
    found = ctx.tasks.findChild(SyncController)
    return found if found is not None else SyncController(ctx)
