"""Pushing the journal to HQ: batches that shrink on timeouts and grow on success, one in flight, and answers lost
after HQ committed.

A lost answer matters beyond "was it applied": it lists the stamps HQ capped (too far ahead of its clock), which the
laptop must rewrite in its own copies, and the changes HQ refused, which the laptop must show. HQ stores each batch's
answer under its exact boundaries, so the laptop remembers the batch it sent (`sync_push_in_flight`) and, when HQ
turns out to have it, asks for that very batch again.
"""

from __future__ import annotations

from fieldapp.errors import BadData, FieldappError
from fieldapp.services import replication
from sync import changes, protocol
from sync.client import SequenceGap, TimedOut, TooLarge
from sync.run import SyncRun

FIRST_BATCH = 500
SMALLEST_BATCH = 25
GAP_RESTARTS = 5


class Pusher:
    """The push phase of one sync."""

    def __init__(self, run: SyncRun, hello: dict) -> None:
        self.run, self.db, self.client = run, run.db, run.client
        self.expected = int(hello.get("push_expected", 1))
        self.limit = int((hello.get("limits") or {}).get("max_batch") or protocol.MAX_BATCH)
        self.size = min(FIRST_BATCH, self.limit)

    def push(self) -> None:
        last = replication.last_journal_seq(self.db)
        if self.expected > last + 1:
            raise BadData("error.sync_journal_behind", hq=self.expected - 1, here=last)
        seq = self._lost_before(self.expected)
        first, attempt, gaps = seq, 0, 0
        while seq <= last and not self.run.cancelled():
            batch = replication.journal_batch(self.db, seq, self.size)
            if not batch:
                raise BadData("error.sync_journal_behind", hq=seq - 1, here=last)
            to_seq = batch[-1].seq
            self.run.progress("push", seq - first, last - first + 1)
            if replication.push_in_flight(self.db) is None:
                replication.note_push_in_flight(
                    self.db, seq, to_seq, self.db.wall_clock_ms(), self.run.summary.clock_offset_ms
                )
            try:
                answer = self.client.push(seq, to_seq, [changes.outgoing(r) for r in batch])
            except SequenceGap as gap:
                gaps += 1
                if gaps > GAP_RESTARTS:
                    raise
                seq = gap.expected
                continue
            except TooLarge:
                if self.size == SMALLEST_BATCH:
                    raise
                self.size = max(SMALLEST_BATCH, self.size // 2)
                continue
            except FieldappError as error:
                if isinstance(error, TimedOut):
                    self.size = max(SMALLEST_BATCH, self.size // 2)
                attempt += 1
                self.run.wait_before_retry(attempt, error)
                continue
            attempt = 0
            if answer.get("duplicate"):
                seq = self._after_duplicate(seq, to_seq, answer)
            else:
                seq = self._take(seq, to_seq, answer)
                self.size = min(self.size * 2, self.limit)
        self.run.progress("push", last - first + 1, last - first + 1)

    def _take(self, from_seq: int, to_seq: int, answer: dict) -> int:
        """Mark what the answer acknowledges (never beyond what was sent) with HQ's rewrites; the next seq."""
        through = min(int(answer.get("acked", to_seq)), to_seq)
        if through < from_seq:
            raise BadData("error.sync_bad_answer", url=self.client.base_url)
        summary = self.run.summary
        fresh = not answer.get("duplicate")  # HQ took the batch now (with the caps of any part it had)
        refused = [r for r in answer.get("refused") or [] if isinstance(r, dict)]
        summary.pushed += replication.mark_pushed(
            self.db, from_seq, through, answer.get("capped") or [], fresh, refused=refused
        )
        summary.refused += len(refused)  # a duplicate's are ones whose answer was lost: news to this laptop
        summary.refused_changes.extend(refused)
        if not answer.get("duplicate"):
            summary.hq_conflicts += int(answer.get("conflicts") or 0)
            summary.hq_reviews += int(answer.get("reviews") or 0)
        return through + 1

    def _after_duplicate(self, from_seq: int, to_seq: int, answer: dict) -> int:
        """HQ already had this batch: the one sent before it, whose answer was lost, is settled first."""
        record = replication.push_in_flight(self.db)
        if (
            record
            and record["from"] <= from_seq <= record["to"]
            and (record["from"], record["to"]) != (from_seq, to_seq)
        ):
            return self._settle_lost(record)
        return self._take(from_seq, to_seq, answer)

    def _lost_before(self, expected: int) -> int:
        """Where this push starts: rows HQ has whose answer a previous sync lost are settled (or sent again)."""
        pending = replication.oldest_pending_seq(self.db)
        if pending is None or pending >= expected:
            return expected
        record = replication.push_in_flight(self.db)
        if record and record["from"] <= pending <= record["to"] < expected:
            pending = self._settle_lost(record)
        # Without a record of how they were sent, they go again: HQ answers duplicates with what it remembers.
        return min(pending, expected)

    def _settle_lost(self, record: dict) -> int:
        """The batch in `record` reached HQ but its answer did not reach the laptop: ask for that very batch's stored
        answer (the stamps HQ capped in it, the changes it refused). Returns the next seq."""
        from_seq, to_seq = int(record["from"]), int(record["to"])
        batch = replication.journal_batch(self.db, from_seq, to_seq - from_seq + 1)
        wire = [changes.outgoing(r) for r in batch]
        answer = self.run.call(lambda: self.client.push(from_seq, to_seq, wire))
        return self._take(from_seq, to_seq, answer)
