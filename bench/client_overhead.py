"""Per-call cost of our client against Cloudflare's official SDK (5.9.0), on the same local emulator.

``python -m bench.client_overhead [--rounds N]``: both clients keep connections alive and call the same
server on a loopback port. Rounds alternate between the clients so drift on a noisy machine hits both alike;
the figure that counts is the ratio of medians (ours / SDK), measured in one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cloudflare

from pulumi_ai_gateway.client import AIGatewayClient
from pulumi_ai_gateway.gateway import GatewayCreate
from pulumi_ai_gateway.settings import Settings
from tests.harness.emulator import EmulatorServer

ACCOUNT = "bench-account"
TOKEN = "bench-token"
GATEWAY: dict[str, Any] = {
    "cache_invalidate_on_update": False,
    "cache_ttl": 60,
    "collect_logs": True,
    "rate_limiting_interval": 60,
    "rate_limiting_limit": 100,
}


def _timed(fn: Callable[[], Any], calls: int) -> float:
    """Median seconds per call of ``fn`` over ``calls`` calls."""
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def measure(rounds: int = 5, calls: int = 60, gateways: int = 100) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        server = EmulatorServer(Path(tmp) / "emulator.log", evaluation_delay=3600)
        server.start()
        try:
            ours = AIGatewayClient(
                Settings.resolve(account_id=ACCOUNT, api_token=TOKEN, base_url=server.base_url, environ={})
            )
            sdk = cloudflare.Cloudflare(api_token=TOKEN, base_url=server.base_url, max_retries=2)
            for i in range(gateways):
                ours.gateways.create(GatewayCreate(id=f"gw-{i:03d}", **GATEWAY))
            cases: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
                "get gateway": (
                    lambda: ours.gateways.get("gw-000"),
                    lambda: sdk.ai_gateway.get("gw-000", account_id=ACCOUNT),
                ),
                f"list {gateways} gateways (pages of 20)": (
                    lambda: list(ours.gateways.list(per_page=20)),
                    lambda: list(sdk.ai_gateway.list(account_id=ACCOUNT, per_page=20)),
                ),
            }
            for ours_fn, sdk_fn in cases.values():  # warm up connections and caches
                ours_fn()
                sdk_fn()
            results: dict[str, Any] = {}
            for name, (ours_fn, sdk_fn) in cases.items():
                # Both clients must see the same thing, or the timings compare different work.
                if "list" in name:
                    assert len(ours_fn()) == len(sdk_fn())
                else:
                    assert ours_fn().id == sdk_fn().id
                ours_s, sdk_s = [], []
                for _ in range(rounds):
                    ours_s.append(_timed(ours_fn, calls))
                    sdk_s.append(_timed(sdk_fn, calls))
                results[name] = {
                    "ours_ms": statistics.median(ours_s) * 1000,
                    "sdk_ms": statistics.median(sdk_s) * 1000,
                    "ratio": statistics.median(ours_s) / statistics.median(sdk_s),
                }
            requests = server.requests_made()
            results["requests_checked"] = len(requests)
            return results
        finally:
            server.stop()


def import_times() -> dict[str, float]:
    """Seconds to import each package in a fresh interpreter (``-X importtime`` total of the top module)."""
    import subprocess
    import sys

    found = {}
    for module in ("pulumi_ai_gateway.client", "cloudflare"):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        top = [line for line in err.splitlines() if line.rstrip().endswith(f"| {module}")]
        found[module] = int(top[-1].split("|")[1]) / 1e6
    # httpx loads with our first client, not with the import: what a script pays before its first call.
    for name, code in _FIRST_CLIENT.items():
        timer = "import time; t = time.perf_counter(); " + code + "; print(time.perf_counter() - t)"
        runs = [float(subprocess.run([sys.executable, "-c", timer], capture_output=True, text=True,
                                     check=True).stdout) for _ in range(5)]  # fmt: skip
        found[name] = statistics.median(runs)
    return found


_FIRST_CLIENT = {
    "pulumi_ai_gateway.client + a client": "from pulumi_ai_gateway.client import AIGatewayClient, Settings;"
    "AIGatewayClient(Settings.resolve(account_id='a', api_token='t', base_url='http://127.0.0.1:9', environ={}))",
    "cloudflare + a client": "import cloudflare; cloudflare.Cloudflare(api_token='t', base_url='http://127.0.0.1:9')",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=60)
    args = parser.parse_args()
    results = measure(args.rounds, args.calls)
    results["import_s"] = import_times()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
