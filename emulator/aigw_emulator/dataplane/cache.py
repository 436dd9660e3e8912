"""The gateway's response cache: answers kept for a TTL under a key, per account and gateway.

The default key hashes (SHA-256) the provider, the endpoint, the provider credentials the request brings and
its body, so only identical requests of the same caller meet; ``cf-aig-cache-key`` replaces it. With
``cache_invalidate_on_update``, an entry stored before the gateway's last update is not served.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Cached", "ResponseCache", "cache_key"]

_MAX_ENTRIES = 50_000


@dataclass(frozen=True)
class Cached:
    """A stored answer, with what its log entry needs when it is served again."""

    status: int
    body: bytes
    provider: str
    model: str
    tokens_in: int
    tokens_out: int


def cache_key(provider: str, path: str, credentials: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (provider.encode(), path.encode(), credentials.encode(), body):
        digest.update(len(part).to_bytes(8, "big") + part)  # length-prefixed: no two splits collide
    return digest.hexdigest()


class ResponseCache:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str, str], tuple[float, str, Cached]] = {}

    def get(self, scope: tuple[str, str], key: str, generation: str) -> Cached | None:
        """The answer under ``key`` if it has not expired and was stored in this ``generation`` of the gateway."""
        with self._lock:
            found = self._entries.get((*scope, key))
        if found is None:
            return None
        expires, stored_in, cached = found
        return cached if expires > self._clock() and stored_in == generation else None

    def put(self, scope: tuple[str, str], key: str, generation: str, ttl_s: float, cached: Cached) -> None:
        now = self._clock()
        with self._lock:
            if len(self._entries) >= _MAX_ENTRIES:
                self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
            if len(self._entries) >= _MAX_ENTRIES:  # all still fresh: start over rather than grow unbounded
                self._entries.clear()
            self._entries[(*scope, key)] = (now + ttl_s, generation, cached)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
