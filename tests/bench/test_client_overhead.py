"""The client-overhead benchmark runs end to end (tiny sizes), so it cannot rot."""

from __future__ import annotations

from bench.client_overhead import import_times, measure


def test_benchmark_runs_and_both_clients_agree() -> None:
    results = measure(rounds=1, calls=2, gateways=5)
    for name in ("get gateway", "list 5 gateways (pages of 20)"):
        assert results[name]["ours_ms"] > 0 and results[name]["sdk_ms"] > 0
    assert results["requests_checked"] > 0
    imports = import_times()
    assert set(imports) == {"pulumi_ai_gateway.client", "cloudflare", "pulumi_ai_gateway.client + a client",
                            "cloudflare + a client"}  # fmt: skip
    assert all(seconds > 0 for seconds in imports.values())
