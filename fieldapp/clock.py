"""Hybrid logical clock: stamps every change so that sync can order edits made on laptops with drifting clocks."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

# A stamp is "<15-digit wall ms>-<5-digit counter>-<node>": it sorts as text in causal order.
_WALL_DIGITS = 15
_COUNTER_DIGITS = 5
MAX_COUNTER = 10**_COUNTER_DIGITS - 1


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.wall_ms:0{_WALL_DIGITS}d}-{self.counter:0{_COUNTER_DIGITS}d}-{self.node}"

    def next_after(self, node: str) -> Stamp:
        """The smallest stamp of `node` above this one that still has five counter digits (a full counter moves the
        time part on by one ms, so the text order stays the stamp order)."""
        if self.counter >= MAX_COUNTER:
            return Stamp(self.wall_ms + 1, 0, node)
        return Stamp(self.wall_ms, self.counter + 1, node)

    @classmethod
    def parse(cls, text: str) -> Stamp:
        wall, counter, node = text.split("-", 2)
        return cls(int(wall), int(counter), node)


class HybridLogicalClock:
    """Monotonic stamps: never behind the wall clock, never behind any stamp seen, unique per node."""

    def __init__(self, node: str, wall_clock=None, last: str | None = None) -> None:
        self.node = node
        self._wall_clock = wall_clock or (lambda: time.time_ns() // 1_000_000)
        self._wall = 0
        self._counter = 0
        self._lock = threading.Lock()
        if last:
            self.observe(last)

    def now(self) -> str:
        """A new stamp for a local change."""
        with self._lock:
            physical = self._wall_clock()
            if physical > self._wall:
                self._wall, self._counter = physical, 0
            elif self._counter >= MAX_COUNTER:
                self._wall, self._counter = self._wall + 1, 0
            else:
                self._counter += 1
            return str(Stamp(self._wall, self._counter, self.node))

    def observe(self, remote: str, max_ahead_ms: int | None = None) -> None:
        """Move the clock past a stamp received from elsewhere (optionally capping a clock that runs ahead)."""
        stamp = Stamp.parse(remote)
        with self._lock:
            wall = stamp.wall_ms
            if max_ahead_ms is not None:
                wall = min(wall, self._wall_clock() + max_ahead_ms)
            if wall > self._wall:
                self._wall, self._counter = wall, stamp.counter
            elif wall == self._wall:
                self._counter = max(self._counter, stamp.counter)
