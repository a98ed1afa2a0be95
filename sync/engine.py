"""One sync with HQ: hello → push the journal → pull what others changed; and enrollment.

The database work goes through fieldapp services (each one transaction); this module only decides what to send and
when: batch sizes that shrink on timeouts and grow on success, retries with exponential backoff and full jitter,
progress and cancel for the desktop app. A sync with nothing to do is one round trip.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from fieldapp.db import Database
from fieldapp.errors import BadData, FieldappError, Refused
from fieldapp.services import conflicts, enrollment, replication
from sync import changes, protocol
from sync.client import HQClient, NotKnown, is_retryable
from sync.push import Pusher

BACKOFF_BASE_S = 1.0
BACKOFF_CAP_S = 60.0
RETRY_AFTER_CAP_S = 2 * BACKOFF_CAP_S  # the longest wait asked by HQ (Retry-After) the sync waits before its next try
ATTEMPTS = 5  # tries of one request before the sync gives up (HQ unreachable)
# The first contact gives up sooner: failing there means offline, and the app probes again later on its own.
HELLO_ATTEMPTS = 3

Progress = Callable[[str, int, int], None]  # (phase, done, total): phase is "connect", "push", "pull" or "done"
Cancel = Callable[[], bool] | threading.Event


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

    def as_dict(self) -> dict:
        return asdict(self)


class _Cancelled(Exception):
    """The person cancelled while the sync waited to try again."""


class _Run:
    """The state of one sync: the client, retry policy, progress and cancel."""

    def __init__(self, db: Database, client: HQClient, progress, cancel, sleep, rand, pull_page) -> None:
        self.db, self.client, self.pull_page = db, client, pull_page
        self.progress = progress or (lambda phase, done, total: None)
        self.cancel = cancel
        self.sleep, self.rand = sleep, rand
        self.summary = SyncSummary()

    def cancelled(self) -> bool:
        if self.cancel is None:
            return False
        flag = self.cancel.is_set() if isinstance(self.cancel, threading.Event) else self.cancel()
        self.summary.cancelled = self.summary.cancelled or bool(flag)
        return self.summary.cancelled

    def backoff(self, attempt: int, error: FieldappError, attempts: int = ATTEMPTS) -> None:
        """Wait before the next try (full jitter, at least HQ's Retry-After), or give up after the last one."""
        if attempt >= attempts or not is_retryable(error):
            raise error
        wait = self.rand() * min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** (attempt - 1))
        asked = getattr(error, "retry_after", None)
        self.sleep(max(wait, min(asked, RETRY_AFTER_CAP_S)) if asked else wait)
        if self.cancelled():
            raise _Cancelled

    def call(self, request: Callable[[], dict], attempts: int = ATTEMPTS) -> dict:
        attempt = 0
        while True:
            try:
                return request()
            except FieldappError as error:
                attempt += 1
                self.backoff(attempt, error, attempts)

    def hello(self) -> dict:
        self.progress("connect", 0, 1)
        timing: dict[str, int] = {}

        def timed_hello() -> dict:  # the clock is measured around the try that answered, not the retries
            timing["sent"] = self.db.wall_clock_ms()
            answer = self.client.hello()
            timing["received"] = self.db.wall_clock_ms()
            return answer

        hello = self.call(timed_hello, HELLO_ATTEMPTS)
        versions = hello.get("protocol") or {}
        if int(versions.get("max", 0)) < protocol.PROTOCOL_VERSION:
            raise Refused("error.sync_hq_too_old")
        if isinstance(hello.get("server_ms"), int):
            offset = hello["server_ms"] - (timing["sent"] + timing["received"]) // 2
            enrollment.record_clock_offset(self.db, offset)
            self.summary.clock_offset_ms = offset
        self.progress("connect", 1, 1)
        return hello

    def push(self, hello: dict) -> None:
        Pusher(self, hello).push()

    def report_settlements(self) -> None:
        """Tell HQ about review items settled here (a conflict's settlement travels as an edit instead)."""
        done = []
        for settlement in conflicts.unreported_settlements(self.db):
            if self.cancelled():
                break
            with contextlib.suppress(NotKnown):  # an item found only here (a duplicate CIN): nothing to tell HQ
                self.call(lambda s=settlement: self.client.settle(s.key, s.by, s.note))
            done.append(settlement.key)
            self.summary.settlements_reported += 1
        if done:
            conflicts.settlements_reported(self.db, done)

    def pull(self, hello: dict, pushed: bool) -> None:
        cursor = replication.stored_cursor(self.db)
        head = int(hello.get("pull_head") or 0)
        if head <= cursor and not pushed:
            return
        page_size = min(int((hello.get("limits") or {}).get("pull_page") or protocol.PULL_PAGE), protocol.PULL_PAGE)
        page_size = min(page_size, self.pull_page or page_size)
        start = cursor
        while not self.cancelled():
            self.progress("pull", max(0, cursor - start), max(head - start, cursor - start, 1))
            page = self.call(lambda after=cursor: self.client.pull(after, page_size))
            try:
                received = [changes.incoming(c) for c in page.get("changes") or []]
                next_cursor = int(page["next"])
            except (ValueError, KeyError, TypeError):
                raise BadData("error.sync_bad_answer", url=self.client.base_url) from None
            outcome = replication.apply_page(self.db, received, next_cursor)
            self.summary.pulled += len(received)
            for name in ("applied", "conflicts", "reviews", "settled", "skipped"):
                setattr(self.summary, name, getattr(self.summary, name) + getattr(outcome, name))
            cursor = next_cursor
            if not page.get("more"):
                break
        self.progress("pull", max(head - start, cursor - start), max(head - start, cursor - start, 1))


def sync_now(
    db: Database,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    client: HQClient | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rand: Callable[[], float] = random.random,
    pull_page: int | None = None,
) -> SyncSummary:
    """Push this laptop's changes and pull the others'; raises a FieldappError (translated) when it cannot.

    `progress(phase, done, total)` is called along the way; `cancel` (a callable or a threading.Event) stops the
    sync between two requests, with everything done so far kept (the summary says `cancelled`). `sleep` and `rand`
    drive the retry backoff and `pull_page` asks for smaller pages (tests).
    """
    started = time.monotonic()
    credentials = enrollment.sync_credentials(db)
    own_client = client is None
    client = client or HQClient(credentials.hq_url, credentials.token)
    run = _Run(db, client, progress, cancel, sleep, rand, pull_page)
    try:
        hello = run.hello()
        before = run.summary.pushed
        run.push(hello)
        if not run.cancelled():
            run.report_settlements()
        if not run.cancelled():
            run.pull(hello, pushed=run.summary.pushed > before)
        if not run.summary.cancelled:
            enrollment.record_sync_success(db)
    except _Cancelled:
        pass  # what was done is kept; the summary says cancelled
    except FieldappError as error:
        enrollment.record_sync_failure(db, error.key, error.params)
        raise
    finally:
        if own_client:
            client.close()
    state = enrollment.sync_state(db)
    summary = run.summary
    summary.open_conflicts, summary.open_reviews = state.open_conflicts, state.open_reviews
    summary.pending, summary.cursor = state.pending, state.cursor
    summary.round_trips, summary.bytes_sent, summary.bytes_received = (
        client.round_trips,
        client.bytes_sent,
        client.bytes_received,
    )
    summary.seconds = round(time.monotonic() - started, 3)
    run.progress("done", 1, 1)
    return summary


def enroll(db: Database, hq_url: str, code: str, device_code: str | None = None, actor: str | None = None):
    """Join HQ with a one-time code: HQ gives a token and its association; the local records take that association."""
    request = enrollment.enrollment_request(db, hq_url, device_code)
    client = HQClient(request.hq_url)
    try:
        answer = client.enroll(code, request.device_code, request.device_name)
    finally:
        client.close()
    try:
        token, device_id = answer["token"], answer["device_id"]
        association_id, association_name = answer["association_id"], answer["association_name"]
    except KeyError:
        raise BadData("error.sync_bad_answer", url=request.hq_url) from None
    return enrollment.complete_enrollment(
        db, request, token, str(device_id), association_id, association_name, actor=actor
    )
