"""Cloudflare's API rate limit, per token: at most ``budget`` requests in any ``window`` seconds (a sliding
window), answered 429 with a ``Retry-After`` that says when the next request fits (Cloudflare documents 1,200
requests per 5 minutes). Off unless asked for (``--rate-limit 1200/300s`` or the control API)."""

from __future__ import annotations

import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["RATE_LIMITED", "RateLimit", "RateLimiter"]

RATE_LIMITED = 971  # Cloudflare's code for "Please wait and consider throttling your request speed"

_SPEC = re.compile(r"^\s*(?P<budget>\d+)\s*/\s*(?P<window>\d+(?:\.\d+)?)\s*s?\s*$")


@dataclass(frozen=True)
class RateLimit:
    budget: int
    window_s: float

    @classmethod
    def parse(cls, spec: str) -> RateLimit:
        """``"1200/300s"``: 1,200 requests per 300 seconds."""
        match = _SPEC.match(spec)
        if match is None or int(match["budget"]) < 1 or float(match["window"]) <= 0:
            raise ValueError(f"rate limit {spec!r}: expected REQUESTS/SECONDS, e.g. 1200/300s")
        return cls(int(match["budget"]), float(match["window"]))


class RateLimiter:
    """Admits requests per token within a sliding window; refused ones are not counted."""

    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._clock = clock
        self._lock = threading.Lock()
        self._admitted: dict[str, deque[float]] = {}

    def admit(self, token: str) -> int | None:
        """None when the request fits now (it is counted), else the whole seconds until one would."""
        now = self._clock()
        with self._lock:
            times = self._admitted.setdefault(token, deque())
            while times and times[0] <= now - self.limit.window_s:
                times.popleft()
            if len(times) < self.limit.budget:
                times.append(now)
                return None
            return max(1, math.ceil(times[0] + self.limit.window_s - now))
