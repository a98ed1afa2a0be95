"""The one retry policy of sync: truncated exponential backoff with jitter, in the caller's unit (seconds or ms).

Used with different parameters by a sync's requests (`sync.run.REQUEST_BACKOFF`: 1 s doubling to 60 s, full jitter)
and by the window's background probes (`ui.sync.controller.Intervals.backoff`: 30 s doubling to 10 min, at least half
of each wait). Pure: the window imports it at start-up, before anything that talks to the network is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

_LARGEST_EXPONENT = 30  # far past any cap: the doubling stops growing an integer without bound


@dataclass(frozen=True)
class Backoff:
    """Waits that double after each failure in a row, from `base` up to `cap`, then lose a random part.

    `jitter` is the part of a wait that may be taken off: 1.0 (full jitter) waits anywhere from nothing to the whole
    wait; 0.5 waits at least half. Clients that lost HQ together then do not all come back at the same moment.
    """

    base: float
    cap: float
    jitter: float = 1.0

    def delay(self, failures: int) -> float:
        """The wait after `failures` failures in a row, before jitter: `base` after the first (and before any)."""
        steps = min(max(0, failures - 1), _LARGEST_EXPONENT)
        return min(self.cap, self.base * 2**steps)

    def jittered(self, wait: float, draw: float) -> float:
        """`wait` less a random part: `draw` in [0, 1) gives between (1 - jitter) and all of `wait`."""
        return wait * (1 - self.jitter + self.jitter * draw)

    def wait(self, failures: int, draw: float) -> float:
        """The jittered wait after `failures` failures in a row."""
        return self.jittered(self.delay(failures), draw)
