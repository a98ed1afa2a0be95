"""Rate limits on guessing (failed enrollments, unknown tokens): in-memory token buckets per client address and overall.

Modelled on pypi/warehouse's `warehouse.rate_limiting`: a limiter is asked `test(key)` before the work is done and told
`hit(key)` for each event it counts; `resets_in(key)` gives the Retry-After. Buckets live in each worker process (with
`--workers N` the limits are N times these); they are forgotten at restart, which is fine for what they are for:
making guessing slow, not keeping accounts. docs/hq.md "Limits" lists the defaults and their environment variables.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from hq.errors import HQError
from sync import protocol

EVERYONE = "*"  # the key of the overall bucket
_MAX_KEYS = 100_000  # addresses remembered per limiter (the least recently seen are forgotten first)


@dataclass(frozen=True)
class Rate:
    """`count` events in `per_s` seconds: a bucket of `count` tokens, refilled at count/per_s a second."""

    count: int
    per_s: float

    @classmethod
    def parse(cls, text: str) -> Rate:
        """'10/600' (10 in 600 seconds); '0' or 'off' for no limit."""
        text = text.strip().lower()
        if text in ("0", "off", "none", ""):
            return cls(0, 1.0)
        count, _, seconds = text.partition("/")
        rate = cls(int(count), float(seconds or 60))
        if rate.count < 0 or rate.per_s <= 0:
            raise ValueError(f"a rate is COUNT/SECONDS, e.g. 10/600: {text!r}")
        return rate

    def __str__(self) -> str:
        return f"{self.count}/{self.per_s:g}" if self.count else "off"


class RateLimiter:
    """Token buckets by key (a client address, or EVERYONE). Thread-safe (the thread pool and the event loop)."""

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic, max_keys: int = _MAX_KEYS) -> None:
        self.rate = rate
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, when)
        self._lock = threading.Lock()

    def _tokens(self, key: str, now: float) -> float:
        tokens, when = self._buckets.get(key, (float(self.rate.count), now))
        return min(float(self.rate.count), tokens + (now - when) * self.rate.count / self.rate.per_s)

    def test(self, key: str) -> bool:
        """Whether one more event of `key` is allowed now."""
        if not self.rate.count:
            return True
        with self._lock:
            return self._tokens(key, self._clock()) >= 1

    def hit(self, key: str) -> None:
        """Count one event of `key`."""
        if not self.rate.count:
            return
        with self._lock:
            now = self._clock()
            self._buckets[key] = (max(0.0, self._tokens(key, now) - 1), now)
            self._buckets.move_to_end(key)
            while len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)

    def resets_in(self, key: str) -> float:
        """Seconds until one more event of `key` is allowed (0 when it is now)."""
        if not self.rate.count:
            return 0.0
        with self._lock:
            missing = 1 - self._tokens(key, self._clock())
        return max(0.0, missing * self.rate.per_s / self.rate.count)


def _rate(name: str, default: str) -> Rate:
    return Rate.parse(os.environ.get(name, default))


# Defaults: a person retyping a code or a laptop with a stale token is never held up; a script guessing is.
ENV_ENROLL_PER_ADDRESS, ENROLL_PER_ADDRESS = "FIELDAPP_HQ_ENROLL_FAILS_PER_ADDRESS", "10/600"
ENV_ENROLL_OVERALL, ENROLL_OVERALL = "FIELDAPP_HQ_ENROLL_FAILS_OVERALL", "100/60"
ENV_TOKEN_PER_ADDRESS, TOKEN_PER_ADDRESS = "FIELDAPP_HQ_TOKEN_FAILS_PER_ADDRESS", "30/60"
ENV_TOKEN_OVERALL, TOKEN_OVERALL = "FIELDAPP_HQ_TOKEN_FAILS_OVERALL", "300/60"


class Guard:
    """One kind of failure limited per address and overall: `check` before the work, `failed` after a failure."""

    def __init__(self, what: str, per_address: Rate, overall: Rate) -> None:
        self.what = what
        self.per_address = RateLimiter(per_address)
        self.overall = RateLimiter(overall)

    def check(self, address: str) -> None:
        """429 `rate_limited` with `Retry-After` when this address, or everyone together, failed too often."""
        waits = [
            limiter.resets_in(key)
            for limiter, key in ((self.per_address, address), (self.overall, EVERYONE))
            if not limiter.test(key)
        ]
        if waits:
            seconds = max(1, math.ceil(max(waits)))
            raise HQError(
                protocol.RATE_LIMITED,
                f"too many failed {self.what}: try again in {seconds} s",
                headers={"Retry-After": str(seconds)},
            )

    def failed(self, address: str) -> None:
        self.per_address.hit(address)
        self.overall.hit(EVERYONE)


def enroll_guard() -> Guard:
    """Failed enrollments (unknown, used or expired codes, refused bodies): from the environment, else the defaults."""
    per_address = _rate(ENV_ENROLL_PER_ADDRESS, ENROLL_PER_ADDRESS)
    return Guard("enrollments", per_address, _rate(ENV_ENROLL_OVERALL, ENROLL_OVERALL))


def token_guard() -> Guard:
    """Requests with a token HQ does not know (no token at all costs nothing and is not counted)."""
    return Guard(
        "device tokens", _rate(ENV_TOKEN_PER_ADDRESS, TOKEN_PER_ADDRESS), _rate(ENV_TOKEN_OVERALL, TOKEN_OVERALL)
    )
