"""The emulator under concurrent clients: requests/s, p50/p99 latency and the server's CPU per request.

Each client is one keep-alive connection on the same machine as the server (the emulator is a local stand-in,
so this is how it is used: by the tests and the engine on one machine). Two load generators:

- ``raw``: the connections are driven by one asyncio loop writing a prepared HTTP/1.1 request and reading the
  answer, ~0.1 ms of CPU per request. This measures the server: on a 2-core machine the load generator takes
  little of the CPU the server needs. The target (≥ 2,000 req/s for a gateway GET at 16 clients) is on it.
- ``httpx``: one thread and ``httpx.Client`` per client, as the provider talks to the API. It costs more CPU
  per request than the server does and holds the GIL while doing it, so its rate is the client's ceiling as
  much as the server's; it is printed for comparison, beside the server's CPU per request.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from tests.harness.emulator import EmulatorServer

ACCOUNT = "bench-account"
TOKEN = "bench-token-0123456789"
TARGET_RPS = 2000.0
"""For a gateway GET at 16 clients, raw load generator."""


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux ``/proc``)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _httpx_load(url: str, clients: int, seconds: float) -> tuple[list[float], int]:
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
    stop_at = time.perf_counter() + seconds
    for thread in threads:
        thread.join()
    return [s for per_client in latencies for s in per_client], errors


async def _raw_client(url: str, stop_at: float, latencies: list[float], body: bytes | None) -> int:
    """One keep-alive connection sending the same request (a GET, or a POST of ``body``) until ``stop_at``;
    returns how many answers were not 200."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    method = "GET" if body is None else "POST"
    content = "" if body is None else f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    request = (
        f"{method} {parts.path}{'?' + parts.query if parts.query else ''} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        f"Authorization: Bearer {TOKEN}\r\nAccept: application/json\r\n{content}\r\n"
    ).encode() + (body or b"")
    errors = 0
    try:
        while time.perf_counter() < stop_at:
            began = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                (int(line[15:]) for line in head.split(b"\r\n") if line[:15].lower() == b"content-length:"), 0
            )
            await reader.readexactly(length)
            errors += head[9:12] != b"200"
            latencies.append(time.perf_counter() - began)
    finally:
        writer.close()
    return errors


def raw_load(url: str, clients: int, seconds: float, body: bytes | None = None) -> tuple[list[float], int]:
    """``clients`` keep-alive connections for ``seconds``: each answer's latency, and how many were not 200."""

    async def run() -> tuple[list[float], int]:
        latencies: list[float] = []
        stop_at = time.perf_counter() + seconds
        errors = await asyncio.gather(*(_raw_client(url, stop_at, latencies, body) for _ in range(clients)))
        return latencies, sum(errors)

    return asyncio.run(run())


_GENERATORS: dict[str, Callable[[str, int, float], tuple[list[float], int]]] = {
    "raw": raw_load,
    "httpx": _httpx_load,
}


def _row(emulator: EmulatorServer, generator: str, url: str, clients: int, seconds: float) -> dict[str, Any]:
    cpu_before, began = cpu_seconds(emulator.pid), time.perf_counter()
    samples, errors = _GENERATORS[generator](url, clients, seconds)
    elapsed, server_cpu = time.perf_counter() - began, cpu_seconds(emulator.pid) - cpu_before
    return {
        "requests": len(samples),
        "errors": errors,
        "rps": len(samples) / elapsed,
        "p50_ms": statistics.median(samples) * 1000,
        "p99_ms": percentile(samples, 0.99) * 1000,
        "server_cpu_ms": server_cpu * 1000 / max(1, len(samples)),
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
        for generator in _GENERATORS:
            for clients in concurrency:
                row = _row(emulator, generator, url, clients, seconds)
                rows.append({"operation": operation, "generator": generator, "clients": clients, **row})
    return rows
