"""One sync as it runs: its database and client, its retries, progress, cancel and summary, shared by its phases.

`sync.engine` makes a `SyncRun` and drives the phases (hello, push in `sync.push`, settlements, pull); each phase
sends its requests through `SyncRun.call` (or waits through `SyncRun.wait_before_retry` when it retries itself), so
one sync has one retry policy (`REQUEST_BACKOFF`) and one way to be cancelled.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from fieldapp.db import Database
from fieldapp.errors import FieldappError
from sync.backoff import Backoff
from sync.client import HQClient, is_retryable

REQUEST_BACKOFF = Backoff(base=1.0, cap=60.0, jitter=1.0)  # seconds; full jitter
RETRY_AFTER_CAP_S = 2 * REQUEST_BACKOFF.cap  # the longest wait HQ may ask for (Retry-After) that the sync honours
ATTEMPTS = 5  # tries of one request before the sync gives up (HQ unreachable)

SyncProgress = Callable[[str, int, int], None]  # (phase, done, total): phase is "connect", "push", "pull" or "done"
SyncCancel = Callable[[], bool] | threading.Event


@dataclass
class SyncSummary:
    pushed: int = 0  # journal rows HQ acknowledged in this sync
    pulled: int = 0  # changes received from HQ
    applied: int = 0  # of those, changes that moved a local record
    conflicts: int = 0  # conflicts found on this laptop during this sync
    reviews: int = 0  # review items opened on this laptop during this sync
    settled: int = 0  # conflicts settled by edits made elsewhere knowingly
    skipped: int = 0  # changes this version cannot store
    hq_conflicts: int = 0  # conflicts HQ found while applying what this laptop pushed
    hq_reviews: int = 0
    settlements_reported: int = 0  # review items settled here that HQ was told about
    refused: int = 0  # changes HQ acknowledged without storing them (its reference data, a missing parent, ...)
    refused_changes: list = field(default_factory=list)  # those changes: {"t", "i", "reason", "detail"}
    open_conflicts: int = 0
    open_reviews: int = 0
    pending: int = 0  # changes still waiting to be sent
    cursor: int = 0
    round_trips: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    clock_offset_ms: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    #: the kinds of record this sync changed here, for the window's pages to reload: its own state always, and
    #: what the pulled pages moved (not part of `fieldapp sync --json`)
    changed: set[str] = field(default_factory=lambda: {"sync"})

    def as_dict(self) -> dict:
        answer = asdict(self)
        del answer["changed"]
        return answer


class SyncCancelled(Exception):
    """The person cancelled while the sync waited to try again: what was done is kept, the summary says cancelled."""


class SyncRun:
    """The state of one sync: the client, the retry policy, progress, cancel and the summary so far.

    `sleep` and `rand` drive the waits between tries (tests pass their own); `cancel` is a callable or a
    threading.Event, read between two requests and after each wait.
    """

    def __init__(
        self,
        db: Database,
        client: HQClient,
        progress: SyncProgress | None = None,
        cancel: SyncCancel | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
        backoff: Backoff = REQUEST_BACKOFF,
    ) -> None:
        self.db, self.client = db, client
        self.progress: SyncProgress = progress or (lambda phase, done, total: None)
        self.cancel = cancel
        self.sleep, self.rand, self.backoff = sleep, rand, backoff
        self.summary = SyncSummary()

    def cancelled(self) -> bool:
        if self.cancel is None:
            return False
        flag = self.cancel.is_set() if isinstance(self.cancel, threading.Event) else self.cancel()
        self.summary.cancelled = self.summary.cancelled or bool(flag)
        return self.summary.cancelled

    def wait_before_retry(self, attempt: int, error: FieldappError, attempts: int = ATTEMPTS) -> None:
        """Wait before the next try (the backoff, at least HQ's Retry-After), or raise `error` after the last one or
        when it is not worth retrying; raises SyncCancelled when the person cancelled during the wait."""
        if attempt >= attempts or not is_retryable(error):
            raise error
        wait = self.backoff.wait(attempt, self.rand())
        asked = getattr(error, "retry_after", None)
        self.sleep(max(wait, min(asked, RETRY_AFTER_CAP_S)) if asked else wait)
        if self.cancelled():
            raise SyncCancelled

    def call(self, request: Callable[[], dict], attempts: int = ATTEMPTS) -> dict:
        """`request()`'s answer, tried again after each retryable failure up to `attempts` tries in all."""
        attempt = 0
        while True:
            try:
                return request()
            except FieldappError as error:
                attempt += 1
                self.wait_before_retry(attempt, error, attempts)
