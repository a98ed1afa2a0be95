"""One sync with HQ: hello → push the journal → pull what others changed; and enrollment.

The database work goes through fieldapp services (each one transaction); this module only decides what to send and
when, phase by phase: the hello, the push (`sync.push`: batch sizes that shrink on timeouts and grow on success),
settlements, the pull. One sync's state, its retries (exponential backoff with full jitter, `sync.backoff`), progress
and cancel for the desktop app live in `sync.run.SyncRun`. A sync with nothing to do is one round trip.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable

from fieldapp.db import Database
from fieldapp.errors import BadData, FieldappError, Refused
from fieldapp.services import conflicts, enrollment, replication
from sync import anchor, changes, protocol
from sync.client import HQClient, NotKnown
from sync.push import Pusher
from sync.run import SyncCancel, SyncCancelled, SyncProgress, SyncRun, SyncSummary

# The first contact gives up sooner: failing there means offline, and the app probes again later on its own.
HELLO_ATTEMPTS = 3


def _hello(run: SyncRun) -> dict:
    run.progress("connect", 0, 1)
    timing: dict[str, int] = {}
    sent = anchor.hello_params(run.db)

    def timed_hello() -> dict:  # the clock is measured around the try that answered, not the retries
        timing["sent"] = run.db.wall_clock_ms()
        answer = run.client.hello(sent)
        timing["received"] = run.db.wall_clock_ms()
        return answer

    hello = run.call(timed_hello, HELLO_ATTEMPTS)
    versions = hello.get("protocol") or {}
    if int(versions.get("max", 0)) < protocol.PROTOCOL_VERSION:
        raise Refused("error.sync_hq_too_old")
    if isinstance(hello.get("server_ms"), int):
        offset = hello["server_ms"] - (timing["sent"] + timing["received"]) // 2
        enrollment.record_clock_offset(run.db, offset)
        run.summary.clock_offset_ms = offset
    anchor.take_hello(run.db, hello, sent)
    enrollment.record_card_key(run.db, (hello.get("device") or {}).get("card_key"))
    run.progress("connect", 1, 1)
    return hello


def _report_settlements(run: SyncRun) -> None:
    """Tell HQ about review items settled here (a conflict's settlement travels as an edit instead)."""
    done = []
    for settlement in conflicts.unreported_settlements(run.db):
        if run.cancelled():
            break
        with contextlib.suppress(NotKnown):  # an item found only here (a duplicate CIN): nothing to tell HQ
            run.call(lambda s=settlement: run.client.settle(s.key, s.by, s.note))
        done.append(settlement.key)
        run.summary.settlements_reported += 1
    if done:
        conflicts.settlements_reported(run.db, done)


def _pull(run: SyncRun, hello: dict, pushed: bool, pull_page: int | None) -> None:
    cursor = replication.stored_cursor(run.db)
    head = int(hello.get("pull_head") or 0)
    if head <= cursor and not pushed:
        return
    page_size = min(int((hello.get("limits") or {}).get("pull_page") or protocol.PULL_PAGE), protocol.PULL_PAGE)
    page_size = min(page_size, pull_page or page_size)
    start = cursor
    while not run.cancelled():
        run.progress("pull", max(0, cursor - start), max(head - start, cursor - start, 1))
        page = run.call(lambda after=cursor: run.client.pull(after, page_size))
        try:
            received = [changes.incoming(c) for c in page.get("changes") or []]
            next_cursor = int(page["next"])
        except (ValueError, KeyError, TypeError):
            raise BadData("error.sync_bad_answer", url=run.client.base_url) from None
        outcome = replication.apply_page(run.db, received, next_cursor)
        run.summary.pulled += len(received)
        run.summary.changed |= outcome.changed
        for name in ("applied", "conflicts", "reviews", "settled", "skipped"):
            setattr(run.summary, name, getattr(run.summary, name) + getattr(outcome, name))
        cursor = next_cursor
        if not page.get("more"):
            break
    run.progress("pull", max(head - start, cursor - start), max(head - start, cursor - start, 1))


def sync_now(
    db: Database,
    progress: SyncProgress | None = None,
    cancel: SyncCancel | None = None,
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
    run = SyncRun(db, client, progress, cancel, sleep, rand)
    try:
        hello = _hello(run)
        before = run.summary.pushed
        Pusher(run, hello).push()
        if not run.cancelled():
            _report_settlements(run)
        if not run.cancelled():
            _pull(run, hello, pushed=run.summary.pushed > before, pull_page=pull_page)
        if not run.summary.cancelled:
            enrollment.record_sync_success(db)
    except SyncCancelled:
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
