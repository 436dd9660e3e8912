"""`make bench`: every benchmark in one run; a Markdown table and a JSON file under bench/results/.

``python -m bench.run [--quick] [--out DIR]``. Figures are ratios or counts measured in this run (timings on
shared machines are noisy); ``--quick`` uses tiny sizes, for the smoke test that keeps this from rotting.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import client_overhead, dataplane, emulator_throughput, engine, requests, startup
from tests.harness.emulator import EmulatorServer

RESULTS = Path(__file__).parent / "results"


@dataclass(frozen=True)
class Sizes:
    steps: list[int]
    parallelisms: list[int | None]
    step_rounds: int
    phase_rounds: int
    floor: list[int]
    scaling: list[int]
    concurrency: list[int]
    load_seconds: float
    client_rounds: int
    client_calls: int
    client_gateways: int


FULL = Sizes([10, 50, 100], [None, 10], 3, 5, [10, 50, 100], [10, 100, 300], [1, 16, 64], 3.0, 5, 60, 100)
QUICK = Sizes([1], [None], 1, 1, [1, 2], [2, 4], [1, 16], 0.3, 1, 3, 5)


def measure(sizes: Sizes, work: Path) -> dict[str, Any]:
    started = time.perf_counter()
    startup.compile_bytecode()
    emulator = EmulatorServer(work / "emulator.log", api_token=engine.TOKEN)
    emulator.start()
    try:
        results: dict[str, Any] = {
            "phases": startup.phases(emulator, engine.ACCOUNT, engine.TOKEN, sizes.phase_rounds),
            "steps": engine.steps(emulator, work, sizes.steps, sizes.parallelisms, sizes.step_rounds),
            "engine_floor": engine.floor(emulator, work, sizes.floor),
            "no_change": requests.no_change_runs(emulator, work),
            "quickstart_preview": engine.quickstart_preview(emulator, work, sizes.phase_rounds),
            "requests_per_step": requests.per_step(emulator),
            "emulator": emulator_throughput.measure(emulator, sizes.concurrency, sizes.load_seconds),
            # One client for the added latency, 16 for the throughput target.
            "dataplane": dataplane.measure(
                emulator, [c for c in sizes.concurrency if c <= 16], sizes.load_seconds
            ),
            "scaling": engine.scaling(emulator, work, sizes.scaling),
        }
    finally:
        emulator.stop()
    results["client"] = client_overhead.measure(
        sizes.client_rounds, sizes.client_calls, sizes.client_gateways
    )
    results["import_s"] = client_overhead.import_times()
    scaling = results["scaling"]
    if len(scaling) > 1:
        results["scaling_fit"] = {
            name: engine.linear_fit([(row["n"], row[key]) for row in scaling])
            for name, key in (
                ("up", "up_s"),
                ("refresh", "refresh_s"),
                ("destroy", "destroy_s"),
                ("no-op up", "noop_up_s"),
                ("no-op refresh", "noop_refresh_s"),
                ("no-op destroy", "noop_destroy_s"),
                ("reading no-op refresh", "shaped_noop_refresh_s"),
            )
        }
    floor = results["engine_floor"]
    if len(floor) > 1:
        # What one more object costs, ours against the no-op: the fixed start-up cost falls out.
        results["floor_per_object"] = {}
        for step in ("up", "destroy"):
            ours = engine.linear_fit([(r["n"], r[f"{step}_ours_s"]) for r in floor])
            noop = engine.linear_fit([(r["n"], r[f"{step}_noop_s"]) for r in floor])
            results["floor_per_object"][step] = {
                "ours_ms": ours["per_item_ms"],
                "noop_ms": noop["per_item_ms"],
                "ratio": ours["per_item_ms"] / noop["per_item_ms"]
                if noop["per_item_ms"] > 0
                else float("nan"),
                "ours_fixed_s": ours["fixed_s"],
                "noop_fixed_s": noop["fixed_s"],
            }
    results["meta"] = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "seconds": time.perf_counter() - started,
        "step_rounds": sizes.step_rounds,
    }
    return results


def _met(ratio: float, target: float) -> str:
    return "met" if ratio <= target else "NO"


_EMULATOR_COLUMNS = (
    "operation",
    "generator",
    "clients",
    "rps",
    "p50_ms",
    "p99_ms",
    "server_cpu_ms",
    "errors",
)


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    def cell(value: Any) -> str:
        return f"{value:.2f}" if isinstance(value, float) else str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def markdown(results: dict[str, Any]) -> str:
    out = [f"# Benchmarks ({results['meta']['when']}, {results['meta']['seconds']:.0f} s)", ""]
    out += [
        "## 0. Where the time goes: each phase, ours against a no-op dynamic resource (fresh processes)",
        "",
        "Our modules are compiled first, as installing the wheel does (section 0 and every engine run).",
        "",
    ]
    out += _table(
        ["phase", "ours ms", "no-op ms", "extra ms"],
        [[r["phase"], r["ours_ms"], r["noop_ms"], r["extra_ms"]] for r in results["phases"]],
    )
    out += [
        "",
        "Every step as users run it: N gateways / N no-op dynamic resources, side by side (median of "
        f"{results['meta']['step_rounds']} alternated lifecycles)",
        "",
    ]
    out += _table(
        ["N", "parallel", "step", "ours s", "no-op s", "ratio", "target", "met"],
        [
            [r["n"], r["parallel"], r["step"], r["ours_s"], r["noop_s"], r["ratio"], r["target"],
             "yes" if r["ratio"] <= r["target"] else "NO"]
            for r in results["steps"]
        ],
    )  # fmt: skip
    out.append("")
    out += ["## 1. Engine floor: N gateways / N no-op dynamic resources (target ≤ 1.15)", ""]
    out += _table(
        ["N", "up ours s", "up no-op s", "up ratio", "destroy ours s", "destroy no-op s", "destroy ratio"],
        [
            [
                r["n"],
                r["up_ours_s"],
                r["up_noop_s"],
                r["up_ratio"],
                r["destroy_ours_s"],
                r["destroy_noop_s"],
                r["destroy_ratio"],
            ]
            for r in results["engine_floor"]
        ],
    )
    if "floor_per_object" in results:
        out += ["", "Split into a fixed start-up cost and a cost per object (least squares over N):", ""]
        out += _table(
            [
                "step",
                "fixed ours s",
                "fixed no-op s",
                "per object ours ms",
                "per object no-op ms",
                "per-object ratio",
            ],
            [
                [step, r["ours_fixed_s"], r["noop_fixed_s"], r["ours_ms"], r["noop_ms"], r["ratio"]]
                for step, r in results["floor_per_object"].items()
            ],
        )
    out += ["", "## 2. Quickstart without changes: API requests (target: 0 writes; preview 0 requests)", ""]
    out += _table(
        ["run", "requests", "writes", "by method"],
        [[name, r["requests"], r["writes"], r["by_method"]] for name, r in results["no_change"].items()],
    )
    quick = results["quickstart_preview"]
    out += [
        "",
        f"Its no-change `preview`: {quick['ours_s']:.2f} s against {quick['noop_s']:.2f} s for {quick['resources']} "
        f"no-op dynamic resources: {quick['ratio']:.2f} "
        f"(target ≤ {quick['target']}: {_met(quick['ratio'], quick['target'])}).",
    ]
    out += ["", "## 3. API requests per lifecycle step (ms: the provider call, on the local emulator)", ""]
    out += _table(
        ["resource", "step", "requests", "by method", "API minimum", "excess", "why", "ms"],
        [
            [
                r["resource"],
                r["step"],
                r["requests"],
                r["by_method"],
                r["minimum"],
                r["excess"],
                r["why"],
                r["ms"],
            ]
            for r in results["requests_per_step"]
        ],
    )
    client = results["client"]
    out += ["", "## 4. Client per call vs cloudflare 5.9.0 SDK, same emulator (target ≤ 0.8)", ""]
    out += _table(
        ["call", "ours ms", "SDK ms", "ratio"],
        [[name, r["ours_ms"], r["sdk_ms"], r["ratio"]] for name, r in client.items() if isinstance(r, dict)],
    )
    imports = results["import_s"]
    out += [
        "",
        f"Import: `pulumi_ai_gateway.client` {imports['pulumi_ai_gateway.client']:.3f} s, `cloudflare` "
        f"{imports['cloudflare']:.3f} s (ratio {imports['pulumi_ai_gateway.client'] / imports['cloudflare']:.2f}, "
        "target ≤ 0.5); a program's `import pulumi_ai_gateway` and its first resource class on top of "
        f"`import pulumi`: {results['phases'][0]['extra_ms'] / 1000:.3f} s (target ≤ 0.1; section 0).",
        "",
        f"Import and a first client (httpx loads with ours): ours {imports['pulumi_ai_gateway.client + a client']:.3f}"
        f" s, `cloudflare` {imports['cloudflare + a client']:.3f} s (ratio "
        f"{imports['pulumi_ai_gateway.client + a client'] / imports['cloudflare + a client']:.2f}).",
    ]
    out += ["", "## 5. Emulator throughput", ""]
    out += [
        "`raw`: keep-alive connections driven by one asyncio loop (measures the server); `httpx`: a thread and "
        "an `httpx.Client` per connection (its own CPU per request caps the rate on this machine). "
        "server CPU: the emulator process's CPU time per request.",
        "",
    ]
    out += _table(
        ["operation", "load", "clients", "req/s", "p50 ms", "p99 ms", "server CPU ms/req", "errors"],
        [[r[key] for key in _EMULATOR_COLUMNS] for r in results["emulator"]],
    )
    target = emulator_throughput.TARGET_RPS
    for r in results["emulator"]:
        if (r["operation"], r["generator"], r["clients"]) == ("get gateway", "raw", 16):
            verdict = "met" if r["rps"] >= target else "NO"
            out += [
                "",
                f"Gateway GET at 16 clients: {r['rps']:.0f} req/s (target ≥ {target:.0f}: {verdict}).",
            ]
    out += ["", "## 6. Growth with N gateways", ""]
    out += _table(
        [
            "N",
            "up s",
            "refresh s",
            "destroy s",
            "up ms/object",
            "refresh ms/object",
            "no-op up s",
            "no-op refresh s",
            "reading no-op refresh s",
            "no-op destroy s",
        ],
        [
            [
                r["n"],
                r["up_s"],
                r["refresh_s"],
                r["destroy_s"],
                r["up_per_object_ms"],
                r["refresh_per_object_ms"],
                r["noop_up_s"],
                r["noop_refresh_s"],
                r["shaped_noop_refresh_s"],
                r["noop_destroy_s"],
            ]
            for r in results["scaling"]
        ],
    )
    fits = results.get("scaling_fit", {})
    for step, fit in fits.items():
        out.append(
            f"\n`{step}`: least squares t = {fit['fixed_s']:.2f} s + {fit['per_item_ms']:.1f} ms * N, "
            f"R² = {fit['r2']:.4f} (1 = a straight line)."
        )
    if fits:
        ours, noop = fits["refresh"]["per_item_ms"], fits["no-op refresh"]["per_item_ms"]
        api = next(
            r["noop_ms"] for r in results["phases"] if r["phase"] == "provider host: each further read"
        )
        ratio = (ours - api) / noop
        out.append(
            f"\nRefresh per object: ours {ours:.1f} ms, the no-op's {noop:.1f} ms (it reads nothing); the API's own "
            f"latency, a raw GET (section 0): {api:.2f} ms; (ours - API) / no-op = {ratio:.2f} "
            f"(target ≤ 1.1: {_met(ratio, 1.1)})."
        )
        reading = fits["reading no-op refresh"]["per_item_ms"]
        out.append(
            f"\nThe floor of any provider that reads the API: a no-op shaped like a gateway (its 30 properties; "
            f"a read that makes the same GET with one pooled httpx client, and nothing else) refreshes in "
            f"{reading:.1f} ms per object; ours / that = {ours / reading:.2f}, our provider's own share "
            f"{ours - reading:.1f} ms per object."
        )
    out += dataplane.markdown(results["dataplane"])
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes (the smoke test)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where results.md and results.json go")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aigw-bench-") as tmp:
        results = measure(QUICK if args.quick else FULL, Path(tmp))
    args.out.mkdir(parents=True, exist_ok=True)
    table = markdown(results)
    (args.out / "results.md").write_text(table, encoding="utf-8")
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table)
    print(f"written: {args.out / 'results.md'}, {args.out / 'results.json'}")


if __name__ == "__main__":
    main()
