"""Amounts counted over time windows, for the gateway's rate limit and a route's rate and budget nodes.

``fixed``: the window restarts at multiples of its length (a burst at a boundary may pass twice the limit,
as with any fixed window); ``sliding``: the last ``window`` seconds, whenever the request comes.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Hashable
from typing import Literal

__all__ = ["Technique", "Windows"]

Technique = Literal["fixed", "sliding"]


class Windows:
    """Per key: what was counted, and when. Thread-safe; the clock can be replaced in tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._fixed: dict[Hashable, tuple[int, float]] = {}
        self._sliding: dict[Hashable, deque[tuple[float, float]]] = {}

    def used(self, key: Hashable, window_s: float, technique: Technique) -> float:
        """What ``key`` has counted in its current window."""
        with self._lock:
            return self._used(key, window_s, technique, self._clock())

    def add(self, key: Hashable, amount: float, window_s: float, technique: Technique) -> None:
        with self._lock:
            self._add(key, amount, window_s, technique, self._clock())

    def admit(self, key: Hashable, limit: float, window_s: float, technique: Technique) -> bool:
        """Count one request unless ``limit`` requests are already in the window (one atomic step)."""
        with self._lock:
            now = self._clock()
            if self._used(key, window_s, technique, now) >= limit:
                return False
            self._add(key, 1, window_s, technique, now)
            return True

    def _used(self, key: Hashable, window_s: float, technique: Technique, now: float) -> float:
        if technique == "fixed":
            index, total = self._fixed.get(key, (-1, 0.0))
            return total if index == int(now // window_s) else 0.0
        entries = self._sliding.get(key)
        while entries and entries[0][0] <= now - window_s:
            entries.popleft()
        return sum(amount for _, amount in entries) if entries else 0.0

    def _add(self, key: Hashable, amount: float, window_s: float, technique: Technique, now: float) -> None:
        if technique == "fixed":
            index, total = self._fixed.get(key, (-1, 0.0))
            current = int(now // window_s)
            self._fixed[key] = (current, (total if index == current else 0.0) + amount)
        else:
            self._sliding.setdefault(key, deque()).append((now, amount))

    def clear(self) -> None:
        with self._lock:
            self._fixed.clear()
            self._sliding.clear()
