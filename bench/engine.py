"""Engine-level figures: our gateways against no-op dynamic resources, and how `up`/`refresh` grow with N.

Every figure is a ratio or a slope measured in one run: absolute seconds on a shared 2-core machine say little.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.harness.emulator import EmulatorServer
from tests.harness.pulumi_cli import REPO_ROOT, PulumiResult, PulumiStack

PROGRAMS = Path(__file__).parent / "programs"
ACCOUNT = "bench-account"
TOKEN = "bench-token-0123456789"


def _configured(program: Path, state: Path, emulator: EmulatorServer) -> PulumiStack:
    """A new stack of ``program`` whose provider talks to ``emulator``."""
    stack = PulumiStack(program, state)
    stack.init()
    stack.set_config("aigateway:baseUrl", emulator.base_url)
    stack.set_config("aigateway:accountId", ACCOUNT)
    stack.set_config("aigateway:apiToken", TOKEN, secret=True)
    return stack


def _stack(
    program: str, work: Path, emulator: EmulatorServer, count: int, shaped: bool = False
) -> PulumiStack:
    stack = _configured(PROGRAMS / program, work / f"{program}-{count}-{time.monotonic_ns()}", emulator)
    stack.set_config("count", str(count))
    if shaped:
        stack.set_config("shaped", "true")
    return stack


def quickstart_stack(emulator: EmulatorServer, work: Path, name: str) -> PulumiStack:
    """A new stack of the quickstart (root Pulumi.yaml) on ``emulator``, its state under ``work / name``."""
    return _configured(REPO_ROOT, work / name, emulator)


def _timed(step: Callable[[], PulumiResult]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def _timed_command(stack: PulumiStack, *args: str) -> float:
    started = time.perf_counter()
    stack.command(*args)
    return time.perf_counter() - started


def floor(emulator: EmulatorServer, work: Path, sizes: list[int]) -> list[dict[str, Any]]:
    """`up` (create) and `destroy` of N gateways against N no-op dynamic resources, alternating the two."""
    rows = []
    for count in sizes:
        emulator.control("POST", "/reset")
        gateways, noop = _stack("gateways", work, emulator, count), _stack("noop", work, emulator, count)
        # No-op first, then gateways, then the no-op once more: the figure is the gateways against the
        # mean of the two no-op runs, so a machine that speeds up or slows down during the run shows less.
        noop_up = [_timed(noop.up)]
        noop_destroy = [_timed(noop.destroy)]
        ours_up = _timed(gateways.up)
        ours_destroy = _timed(gateways.destroy)
        noop_up.append(_timed(noop.up))
        noop_destroy.append(_timed(noop.destroy))
        floor_up, floor_destroy = sum(noop_up) / 2, sum(noop_destroy) / 2
        rows.append(
            {
                "n": count,
                "up_ours_s": ours_up,
                "up_noop_s": floor_up,
                "up_ratio": ours_up / floor_up,
                "destroy_ours_s": ours_destroy,
                "destroy_noop_s": floor_destroy,
                "destroy_ratio": ours_destroy / floor_destroy,
            }
        )
    return rows


# Each step as users run it, and its target against the no-op: ≤ 1.15x, ≤ 1.05x from 100 objects on.
STEPS: dict[str, tuple[str, ...]] = {
    "up (with preview)": ("up", "--yes"),
    "preview": ("preview",),
    "preview --refresh": ("preview", "--refresh"),
    "refresh": ("refresh", "--yes", "--skip-preview"),
    "destroy": ("destroy", "--yes", "--skip-preview"),
}


def target(count: int) -> float:
    return 1.05 if count >= 100 else 1.15


def steps(
    emulator: EmulatorServer, work: Path, sizes: list[int], parallelisms: list[int | None], rounds: int
) -> list[dict[str, Any]]:
    """Every step of N gateways against the same step of N no-op resources, at each parallelism (None: the
    engine's default): the two stacks alternate step by step, through ``rounds`` whole lifecycles, and each
    step's figure is its median (one run of a step varies by ~10% on a shared machine)."""
    rows = []
    for count in sizes:
        for parallel in parallelisms:
            emulator.control("POST", "/reset")
            ours, noop = _stack("gateways", work, emulator, count), _stack("noop", work, emulator, count)
            extra = ("--parallel", str(parallel)) if parallel else ()
            times: dict[str, tuple[list[float], list[float]]] = {step: ([], []) for step in STEPS}
            for _ in range(rounds):
                for step, args in STEPS.items():
                    times[step][0].append(_timed_command(ours, *args, *extra))
                    times[step][1].append(_timed_command(noop, *args, *extra))
            for step, (ours_runs, noop_runs) in times.items():
                ours_s, noop_s = statistics.median(ours_runs), statistics.median(noop_runs)
                rows.append({"n": count, "parallel": parallel or "default", "step": step, "ours_s": ours_s,
                             "noop_s": noop_s, "ratio": ours_s / noop_s, "target": target(count)})  # fmt: skip
    return rows


def quickstart_preview(emulator: EmulatorServer, work: Path, rounds: int) -> dict[str, Any]:
    """The quickstart's no-change `preview` against that of as many no-op dynamic resources (median of
    ``rounds``, alternated)."""
    emulator.control("POST", "/reset")
    quickstart = quickstart_stack(emulator, work, "quickstart-preview")
    quickstart.up()
    count = sum(1 for r in quickstart.resources() if r["type"].startswith("pulumi-python:dynamic/"))
    noop = _stack("noop", work, emulator, count)
    noop.up()
    ours, floor = [], []
    for _ in range(rounds):
        ours.append(_timed(quickstart.preview))
        floor.append(_timed(noop.preview))
    quickstart.destroy()
    noop.destroy()
    ours_s, noop_s = statistics.median(ours), statistics.median(floor)
    return {"resources": count, "ours_s": ours_s, "noop_s": noop_s, "ratio": ours_s / noop_s, "target": 1.15}


def scaling(emulator: EmulatorServer, work: Path, sizes: list[int]) -> list[dict[str, Any]]:
    """Seconds of `up` (create), no-change `refresh` and `destroy` of N gateways (and of N no-op resources),
    and the refresh of N no-op resources shaped like gateways (their state, and a read that GETs our gateway of
    the same id while it exists): the floor of any provider that reads the API."""
    rows = []
    for count in sizes:
        emulator.control("POST", "/reset")
        stack, noop = _stack("gateways", work, emulator, count), _stack("noop", work, emulator, count)
        shaped = _stack("noop", work, emulator, count, shaped=True)
        up, refresh = _timed(stack.up), _timed(stack.refresh)
        shaped.up()
        shaped_refresh = _timed(shaped.refresh)
        shaped.destroy()
        destroy = _timed(stack.destroy)
        noop_up, noop_refresh = _timed(noop.up), _timed(noop.refresh)
        noop_destroy = _timed(noop.destroy)
        rows.append(
            {
                "n": count,
                "up_s": up,
                "refresh_s": refresh,
                "destroy_s": destroy,
                "up_per_object_ms": up / count * 1000,
                "refresh_per_object_ms": refresh / count * 1000,
                "noop_up_s": noop_up,
                "noop_refresh_s": noop_refresh,
                "noop_destroy_s": noop_destroy,
                "shaped_noop_refresh_s": shaped_refresh,
            }
        )
    return rows


def linear_fit(points: list[tuple[float, float]]) -> dict[str, float]:
    """Least squares ``y = fixed + per_item * x`` and its R² (1.0: a straight line)."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx if sxx else 0.0
    fixed = mean_y - slope * mean_x
    total = sum((y - mean_y) ** 2 for _, y in points)
    residual = sum((y - fixed - slope * x) ** 2 for x, y in points)
    return {"fixed_s": fixed, "per_item_ms": slope * 1000, "r2": 1 - residual / total if total else 1.0}
