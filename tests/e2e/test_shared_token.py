"""Many stacks, one token, Cloudflare's kind of rate limit: every run waits its turn and succeeds.

Teams run many stacks in CI on one token. The emulator enforces a sliding-window budget per token, scaled down
so that the runs must be throttled; several stacks then create, refresh and destroy at once. Every run must
succeed, with nothing duplicated or lost, the client must not hammer the API while throttled, and the runs
must take not much longer than the budget itself forces.
"""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer
from tests.harness.pulumi_cli import PulumiResult, PulumiStack

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROGRAM = Path(__file__).parent / "programs" / "shared_token"
STACKS, COUNT = 4, 10  # 4 stacks of 10 gateways with a route each: 80 objects
BUDGET, WINDOW_S = 40, 10.0  # requests per token in any 10 s: the runs need several windows


def _in_windows(times: list[float]) -> int:
    """The most requests inside any WINDOW_S seconds."""
    most, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= WINDOW_S:
            start += 1
        most = max(most, end - start + 1)
    return most


def _phase(stacks: list[PulumiStack], run: Any, emulator: EmulatorServer) -> dict[str, Any]:
    """Run ``run(stack)`` for every stack at once, from a fresh window of the budget; what it cost against
    what the budget allows."""
    emulator.control("POST", "/rate-limit", json={"budget": BUDGET, "window_s": WINDOW_S})
    emulator.control("DELETE", "/requests")
    started = time.monotonic()
    with ThreadPoolExecutor(len(stacks)) as pool:
        results: list[PulumiResult] = list(pool.map(run, stacks))
    ended = time.monotonic()
    log = emulator.requests_made()
    admitted = sorted(e["at"] for e in log if e["status"] != 429)  # the emulator's clock is this machine's
    refused = sum(e["status"] == 429 for e in log)
    # The budget lets BUDGET requests through at once, then BUDGET per window: the least time they can take.
    forced = max(0.0, (len(admitted) - BUDGET) / BUDGET * WINDOW_S)
    # Before the first request and after the last, the engine works alone (start-up, state): no budget in it.
    alone = (admitted[0] - started) + (ended - admitted[-1]) if admitted else ended - started
    return {"results": results, "seconds": ended - started, "admitted": len(admitted), "refused": refused,
            "forced": forced, "ideal": forced + alone, "busiest_window": _in_windows(admitted)}  # fmt: skip


def test_many_stacks_on_one_token_wait_their_turn(
    pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    client = emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN)
    stacks = [
        pulumi_stack(
            PROGRAM,
            config={
                "count": str(COUNT),
                "prefix": f"team{n}",
                "aigateway:baseUrl": emulator.base_url,
                "aigateway:accountId": EMULATOR_ACCOUNT,
            },
            secrets={"aigateway:apiToken": EMULATOR_TOKEN},
        )
        for n in range(STACKS)
    ]
    try:
        phases = {
            "up": _phase(stacks, lambda s: s.up(), emulator),
            "refresh": _phase(stacks, lambda s: s.refresh(), emulator),
        }
        kinds = emulator.control("GET", "/objects")["result"]
        assert (kinds.get("gateway"), kinds.get("route")) == (STACKS * COUNT, STACKS * COUNT), kinds
        names = Counter(g.id.split("-")[0] for g in client.gateways.list())
        assert names == {f"team{n}": COUNT for n in range(STACKS)}, "nothing duplicated, nothing lost"
        phases["destroy"] = _phase(stacks, lambda s: s.destroy(), emulator)
    finally:
        emulator.control("POST", "/rate-limit", json={"budget": None})
    assert emulator.control("GET", "/objects")["result"] == {}

    for name, phase in phases.items():
        print(f"{name}: {phase['seconds']:.1f} s for {phase['admitted']} requests (the budget forces "
              f"{phase['forced']:.1f} s, ideal with the engine's own time {phase['ideal']:.1f} s), "
              f"{phase['refused']} answered 429, busiest window {phase['busiest_window']}")  # fmt: skip
        assert all(r.returncode == 0 for r in phase["results"])
        assert "rate limited by the API, retrying in" in "".join(r.output for r in phase["results"]) or (
            phase["refused"] == 0
        ), f"{name}: the engine output does not say it waited"
        assert phase["busiest_window"] <= BUDGET
        assert phase["forced"] > 0 and phase["refused"] > 0, (
            f"{name} was not throttled: the test proves nothing"
        )
        # Not hammering: a process that met a 429 holds its other calls back, so refusals stay few.
        assert phase["refused"] <= phase["admitted"] // 2, name
        # Waiting, not dawdling: within 1.3x of what the budget forces (and the engine's own time around it).
        assert phase["seconds"] <= 1.3 * phase["ideal"], name
