"""`make bench` end to end with tiny sizes (``--quick``), so the command cannot rot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.requests import MINIMUM
from tests.harness.pulumi_cli import REPO_ROOT

pytestmark = pytest.mark.e2e


def test_bench_writes_the_table_and_the_json(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--out", str(tmp_path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    table = (tmp_path / "results.md").read_text()
    assert table in run.stdout  # printed as written
    for heading in (
        "Where the time goes",
        "Every step as users run it",
        "Engine floor",
        "without changes",
        "per lifecycle step",
        "cloudflare 5.9.0",
        "Emulator",
        "Growth",
    ):
        assert heading in table
    results = json.loads((tmp_path / "results.json").read_text())
    assert all(row["up_ratio"] > 0 and row["destroy_ratio"] > 0 for row in results["engine_floor"])
    # Counts are exact even at tiny sizes: the targets hold.
    assert results["no_change"]["no-change up"]["writes"] == 0
    assert results["no_change"]["preview"]["requests"] == 0
    assert results["quickstart_preview"]["resources"] >= 5 and results["quickstart_preview"]["ratio"] > 0
    assert "Its no-change `preview`" in table and "Refresh per object" in table
    assert {(r["resource"], r["step"]) for r in results["requests_per_step"]} == set(MINIMUM)
    assert all(r["requests"] >= r["minimum"] for r in results["requests_per_step"])
    assert all(row["errors"] == 0 and row["requests"] > 0 for row in results["emulator"])
    assert {row["generator"] for row in results["emulator"]} == {"raw", "httpx"}
    assert all(row["server_cpu_ms"] > 0 for row in results["emulator"])
    assert "Gateway GET at 16 clients" in table
    data = results["dataplane"]
    assert {r["target"] for r in data["rows"]} == {
        "stub upstream",
        "gateway, cache hit",
        "gateway, cache miss",
    }
    assert all(r["errors"] == 0 and r["requests"] > 0 for r in data["rows"])
    assert data["hit_rps"] > 0 and data["miss_rps"] > 0 and data["clients"] == 16
    assert "Data plane: the gateway URL" in table and "Added p50 over the stub upstream" in table
    assert [row["n"] for row in results["scaling"]] == [2, 4]
    assert set(results["floor_per_object"]) == {"up", "destroy"}
    assert set(results["scaling_fit"]) >= {"up", "refresh", "no-op up", "reading no-op refresh"}
    assert all(row["shaped_noop_refresh_s"] > 0 for row in results["scaling"])
    assert "The floor of any provider that reads the API" in table
    assert [r["phase"].split(":")[0] for r in results["phases"]].count("provider host") == 5
    assert all(r["ours_ms"] > 0 and r["noop_ms"] > 0 for r in results["phases"])
    assert {"program: exit after that import", "provider host: exit after that load"} <= {
        r["phase"] for r in results["phases"]
    }
    assert {r["step"] for r in results["steps"]} == {"up (with preview)", "preview", "preview --refresh", "refresh",
                                                     "destroy"}  # fmt: skip
    assert all(r["ratio"] > 0 for r in results["steps"])
    assert "its first resource class on top of `import pulumi`" in table
    assert "Import and a first client" in table and results["import_s"]["cloudflare + a client"] > 0
