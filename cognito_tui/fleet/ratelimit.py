"""Client-side request rates: a token bucket per (account, region, operation).

AWS sets Cognito request-rate quotas per account, per region and per operation, so that is the
key. botocore's adaptive retry mode slows down further when AWS throttles anyway."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable


class RateLimiter:
    def __init__(self, rate: float, burst: float | None = None, *,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.burst = burst if burst is not None else max(1.0, rate)
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._buckets: dict[Hashable, list[float]] = {}  # key -> [tokens, time of last refill]

    def acquire(self, key: Hashable) -> float:
        """Take one token for key, waiting until there is one; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate) - 1.0
            self._buckets[key] = [tokens, now]
        wait = -tokens / self.rate if tokens < 0 else 0.0
        if wait > 0:
            self._sleep(wait)
        return wait
