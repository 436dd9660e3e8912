"""The data plane: requests/s through a gateway URL, and the latency the gateway adds over the stub upstream.

Three targets of the same chat request, one emulator process, raw keep-alive connections (see
``emulator_throughput``): the stub upstream alone (``/__upstream/openai/...``: what the gateway's provider call
answers, with no gateway), a gateway whose cache answers (``hit``: one request filled it), and a gateway
without cache (``miss``: every request calls the stub). Both gateways log every request, as gateways do by
default. Added latency is the gateway's p50 minus the stub's p50 at one client, measured side by side.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

import httpx

from bench.emulator_throughput import TOKEN, cpu_seconds, percentile, raw_load
from tests.harness.emulator import EmulatorServer

ACCOUNT = "bench-dataplane"
TARGET_RPS = 1000.0
"""Cache hits and misses, through the gateway URL, at the most clients measured."""
TARGET_ADDED_HIT_MS = 1.0
"""p50 added over the stub upstream on a cache hit, one client."""
BODY = json.dumps(
    {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Benchmark me"}]}
).encode()


def _gateway(http: httpx.Client, prefix: str, gateway_id: str, cache_ttl: int) -> None:
    body = {"id": gateway_id, "cache_invalidate_on_update": False, "cache_ttl": cache_ttl, "collect_logs": True,
            "rate_limiting_interval": 0, "rate_limiting_limit": 0}  # fmt: skip
    http.post(prefix, json=body).raise_for_status()


def measure(emulator: EmulatorServer, concurrency: list[int], seconds: float) -> dict[str, Any]:
    emulator.control("POST", "/reset")
    prefix = f"{emulator.base_url}/accounts/{ACCOUNT}/ai-gateway/gateways"
    with httpx.Client(headers={"Authorization": f"Bearer {TOKEN}"}) as http:
        _gateway(http, prefix, "dp-hit", 3600)
        _gateway(http, prefix, "dp-miss", 0)
        targets = {
            "stub upstream": f"{emulator.root}/__upstream/openai/chat/completions",
            "gateway, cache hit": f"{emulator.root}/v1/{ACCOUNT}/dp-hit/openai/chat/completions",
            "gateway, cache miss": f"{emulator.root}/v1/{ACCOUNT}/dp-miss/openai/chat/completions",
        }
        for url in targets.values():  # the hit gateway's cache is filled; every path is warm
            http.post(url, content=BODY, headers={"Content-Type": "application/json"}).raise_for_status()
    rows: list[dict[str, Any]] = []
    for name, url in targets.items():
        for clients in concurrency:
            cpu_before, began = cpu_seconds(emulator.pid), time.perf_counter()
            samples, errors = raw_load(url, clients, seconds, BODY)
            elapsed, cpu = time.perf_counter() - began, cpu_seconds(emulator.pid) - cpu_before
            rows.append({"target": name, "clients": clients, "requests": len(samples), "errors": errors,
                         "rps": len(samples) / elapsed, "p50_ms": statistics.median(samples) * 1000,
                         "p99_ms": percentile(samples, 0.99) * 1000,
                         "server_cpu_ms": cpu * 1000 / max(1, len(samples))})  # fmt: skip
    single = {r["target"]: r["p50_ms"] for r in rows if r["clients"] == min(concurrency)}
    most = {r["target"]: r["rps"] for r in rows if r["clients"] == max(concurrency)}
    return {
        "rows": rows,
        "added_hit_ms": single["gateway, cache hit"] - single["stub upstream"],
        "added_miss_ms": single["gateway, cache miss"] - single["stub upstream"],
        "hit_rps": most["gateway, cache hit"],
        "miss_rps": most["gateway, cache miss"],
        "clients": max(concurrency),
    }


def markdown(results: dict[str, Any]) -> list[str]:
    out = ["", "## 7. Data plane: the gateway URL", ""]
    out += [
        "The same chat request to the stub upstream alone, to a gateway whose cache answers, and to a gateway "
        "without cache (each request calls the stub); both gateways log every request. Raw keep-alive "
        "connections, one emulator process.",
        "",
        "| target | clients | req/s | p50 ms | p99 ms | server CPU ms/req | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results["rows"]:
        out.append(
            f"| {r['target']} | {r['clients']} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
            f"{r['server_cpu_ms']:.3f} | {r['errors']} |"
        )
    hit_ok = "met" if results["added_hit_ms"] <= TARGET_ADDED_HIT_MS else "NO"
    rps_ok = "met" if min(results["hit_rps"], results["miss_rps"]) >= TARGET_RPS else "NO"
    out += [
        "",
        f"Added p50 over the stub upstream, one client: cache hit {results['added_hit_ms']:.2f} ms "
        f"(target ≤ {TARGET_ADDED_HIT_MS:g}: {hit_ok}), cache miss {results['added_miss_ms']:.2f} ms.",
        f"Through the gateway URL at {results['clients']} clients: cache hits {results['hit_rps']:.0f} req/s, "
        f"misses {results['miss_rps']:.0f} req/s (target ≥ {TARGET_RPS:.0f} both: {rps_ok}).",
    ]
    return out
