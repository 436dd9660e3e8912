"""The built-in stub upstream: every model of every provider, answered locally and deterministically.

An answer echoes the last line of the prompt, so a test knows what comes back; tokens are counted as words
(at least one), so token counts and costs are exact. What a provider does under load or failure is set per
provider (and optionally per model) through the control API: added latency, an error status (429 with
``Retry-After``, 5xx, ...) for the next ``times`` calls or until cleared. Nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Behaviour", "Outcome", "StubUpstream", "count_tokens"]


class Behaviour(BaseModel):
    """How the stub treats calls to ``provider`` (and ``model``, when given), as posted to
    ``/__emulator/upstream``."""

    model_config = ConfigDict(extra="forbid")

    provider: Annotated[str, Field(min_length=1)]
    model: str | None = None
    latency_ms: Annotated[int, Field(ge=0, le=120_000)] = 0
    status: Annotated[int, Field(ge=400, le=599)] | None = None
    retry_after: Annotated[int, Field(ge=0)] | None = None
    times: Annotated[int, Field(ge=1)] | None = None
    """How many calls it applies to; None: until cleared."""

    def matches(self, provider: str, model: str) -> bool:
        return self.provider == provider and self.model in (None, model)


@dataclass(frozen=True)
class Outcome:
    """What one call to the upstream gave: an answer, an error status, or nothing within the timeout."""

    status: int
    text: str
    tokens_in: int
    tokens_out: int
    retry_after: int | None = None
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def count_tokens(text: str) -> int:
    return max(1, len(text.split()))


class StubUpstream:
    """Answers calls; thread-safe, first matching behaviour wins, each use counts down ``times``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._behaviours: list[Behaviour] = []
        self.calls: Counter[str] = Counter()
        """Calls per ``provider/model`` (a cache hit makes none)."""

    def add(self, behaviour: Behaviour) -> None:
        with self._lock:
            self._behaviours.insert(0, behaviour)  # the newest wins

    def behaviours(self) -> list[Behaviour]:
        with self._lock:
            return [b.model_copy() for b in self._behaviours]

    def clear(self) -> None:
        with self._lock:
            self._behaviours.clear()
            self.calls.clear()

    def _take(self, provider: str, model: str) -> Behaviour | None:
        with self._lock:
            self.calls[f"{provider}/{model}"] += 1
            for behaviour in self._behaviours:
                if behaviour.matches(provider, model):
                    if behaviour.times is not None:
                        behaviour.times -= 1
                        if behaviour.times == 0:
                            self._behaviours.remove(behaviour)
                    return behaviour.model_copy()
        return None

    async def call(self, provider: str, model: str, prompt: str, timeout_ms: float | None) -> Outcome:
        """One call; a latency beyond ``timeout_ms`` is a timeout after ``timeout_ms``."""
        behaviour = self._take(provider, model)
        tokens_in = count_tokens(prompt)
        if behaviour is not None and behaviour.latency_ms:
            if timeout_ms is not None and behaviour.latency_ms > timeout_ms:
                await asyncio.sleep(timeout_ms / 1000)
                return Outcome(504, "upstream timed out", tokens_in, 0, timed_out=True)
            await asyncio.sleep(behaviour.latency_ms / 1000)
        if behaviour is not None and behaviour.status is not None:
            message = "Rate limit reached" if behaviour.status == 429 else "The upstream failed"
            return Outcome(behaviour.status, message, tokens_in, 0, retry_after=behaviour.retry_after)
        last_line = prompt.strip().splitlines()[-1] if prompt.strip() else ""
        text = f"[{provider}/{model}] {last_line}".strip()
        return Outcome(200, text, tokens_in, count_tokens(text))
