"""Fault injection: answers the real API gives under load or failure, on demand.

A fault matches requests by method and a regular expression over the path below ``/client/v4``, and fires
``times`` times. It can delay the request (``latency_ms``; the operation is still carried out if the client
has given up meanwhile, as a real backend would), answer an error ``status`` (with ``Retry-After`` for
429), cut the connection (``reset_connection``), and do either *after* performing the operation
(``apply_then_fail``: the "504 after the gateway was created" case).
"""

from __future__ import annotations

import re
import threading
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["Fault", "FaultBook"]


class Fault(BaseModel):
    """One injected fault, as posted to ``/__emulator/faults``."""

    model_config = ConfigDict(extra="forbid")

    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"] | None = None
    path: str = ".*"
    status: Annotated[int, Field(ge=400, le=599)] | None = None
    retry_after: Annotated[float, Field(ge=0)] | None = None
    times: Annotated[int, Field(ge=1)] = 1
    apply_then_fail: bool = False
    latency_ms: Annotated[int, Field(ge=0, le=120_000)] = 0
    reset_connection: bool = False

    @field_validator("path")
    @classmethod
    def _regex(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from exc
        return value

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and re.search(self.path, path) is not None


class FaultBook:
    """Armed faults; thread-safe, first match wins, each use counts down ``times``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self.fired = 0
        self.in_flight = 0
        """Requests a fault met that are still being carried out (a slow one outlives its client)."""

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.times -= 1
                    if fault.times == 0:
                        self._faults.remove(fault)
                    self.fired += 1
                    self.in_flight += 1
                    return fault.model_copy()
        return None

    def finished(self) -> None:
        """A request that met a fault has been carried out."""
        with self._lock:
            self.in_flight -= 1

    def armed(self) -> list[Fault]:
        with self._lock:
            return [fault.model_copy() for fault in self._faults]

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
