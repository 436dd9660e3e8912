"""The emulator under concurrent clients: requests/s and p50/p99 latency of get and list.

Clients are threads with their own keep-alive connection, on the same machine as the server (the emulator is
a local stand-in, so this is how it is used: by the tests and the engine on one machine).
"""

from __future__ import annotations

import statistics
import threading
import time
from typing import Any

import httpx

from tests.harness.emulator import EmulatorServer

ACCOUNT = "bench-account"
TOKEN = "bench-token-0123456789"


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _load(url: str, clients: int, seconds: float) -> dict[str, float]:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = 0
    start = threading.Barrier(clients + 1)
    stop_at = 0.0

    def work(index: int) -> None:
        nonlocal errors
        with httpx.Client(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30) as http:
            http.get(url)  # connect before the clock starts
            start.wait()
            while time.perf_counter() < stop_at:
                began = time.perf_counter()
                if http.get(url).status_code != 200:
                    errors += 1
                latencies[index].append(time.perf_counter() - began)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    stop_at = time.perf_counter() + seconds + 60  # provisional until everyone is connected
    start.wait()
    began = time.perf_counter()
    stop_at = began + seconds
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    samples = [s for per_client in latencies for s in per_client]
    return {
        "requests": len(samples),
        "errors": errors,
        "rps": len(samples) / elapsed,
        "p50_ms": statistics.median(samples) * 1000,
        "p99_ms": _percentile(samples, 0.99) * 1000,
    }


def measure(emulator: EmulatorServer, concurrency: list[int], seconds: float) -> list[dict[str, Any]]:
    emulator.control("POST", "/reset")
    prefix = f"{emulator.base_url}/accounts/{ACCOUNT}/ai-gateway/gateways"
    with httpx.Client(headers={"Authorization": f"Bearer {TOKEN}"}) as http:
        for i in range(20):
            http.post(prefix, json={"id": f"tp-{i:02d}", "cache_invalidate_on_update": False, "cache_ttl": 60,
                                    "collect_logs": True, "rate_limiting_interval": 60,
                                    "rate_limiting_limit": 10}).raise_for_status()  # fmt: skip
    rows = []
    for operation, url in (("get gateway", f"{prefix}/tp-00"), ("list 20 gateways", f"{prefix}?per_page=20")):
        for clients in concurrency:
            rows.append({"operation": operation, "clients": clients, **_load(url, clients, seconds)})
    return rows
