"""A `pulumi up` killed while it creates gateways, then the documented recovery: exactly the desired objects.

The kill (SIGKILL of the CLI alone) lands while creates are in flight. Every process the CLI had started ends
by itself within seconds (none is left waiting for a dead engine); the emulator carries the creates out anyway,
so the account holds gateways the state does not know. Recovery, as the README says:
``pulumi cancel`` (the dead run's lock), ``pulumi refresh --clear-pending-creates``, then one
``AIGATEWAY_ADOPT_EXISTING=true pulumi up`` that takes the orphans over instead of failing on them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer
from tests.harness.processes import kill_cli_only

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROGRAM = Path(__file__).parent / "programs" / "many_gateways"
COUNT = 8
LATENCY_S = 1.5
GATEWAY = "pulumi-python:dynamic/aigateway:Gateway"


def test_a_killed_up_recovers_to_exactly_the_desired_objects(
    pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    emulator.control(
        "POST",
        "/faults",
        json={"method": "POST", "path": "/gateways$", "latency_ms": int(LATENCY_S * 1000), "times": COUNT},
    )
    stack = pulumi_stack(
        PROGRAM,
        config={
            "count": str(COUNT),
            "aigateway:baseUrl": emulator.base_url,
            "aigateway:accountId": EMULATOR_ACCOUNT,
        },
        secrets={"aigateway:apiToken": EMULATOR_TOKEN},
    )
    client = emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN)

    fired_before = emulator.control("GET", "/faults")["fired"]
    running = stack.start("up", "--yes", "--skip-preview", "--parallel", "3")
    deadline = time.monotonic() + 120
    while emulator.control("GET", "/objects")["result"].get("gateway", 0) < 3:
        assert running.poll() is None, "pulumi up ended before it could be interrupted"
        assert time.monotonic() < deadline, "no gateway was created in time"
        time.sleep(0.05)
    # Kill once a fourth create is on its way: it cannot be answered, let alone recorded, before the kill.
    while emulator.control("GET", "/faults")["fired"] < fired_before + 4:
        assert running.poll() is None, "pulumi up ended before it could be interrupted"
        assert time.monotonic() < deadline, "no further create started in time"
        time.sleep(0.02)
    # Only the CLI dies (an OOM kill, a cancelled runner): the language host, the program and the dynamic
    # provider it had started notice that their engine is gone and end by themselves, within seconds.
    survivors = kill_cli_only(running.pid, wait_s=20)
    running.wait(timeout=30)
    assert survivors == {}, f"still running after the CLI was killed: {survivors}"
    emulator.settle()  # creates in flight at the kill still land

    deployment = stack.export_state()["deployment"]
    made = {gateway.id for gateway in client.gateways.list()}
    recorded = [r for r in deployment.get("resources") or [] if r["type"] == GATEWAY]
    pending = [op for op in deployment.get("pending_operations") or [] if op["type"] == "creating"]
    # The case under test: objects the state does not know, and creates the engine never saw finish.
    assert len(made) > len(recorded) and pending

    stack.run("cancel", "--yes", "--stack", stack.name)
    stack.refresh("--clear-pending-creates")
    refused = stack.up(check=False)  # the orphans are not silently claimed ...
    assert refused.returncode != 0 and "AIGATEWAY_ADOPT_EXISTING=true" in refused.output
    assert {gateway.id for gateway in client.gateways.list()} <= made | {
        f"load-{i:03d}" for i in range(COUNT)
    }

    stack.env["AIGATEWAY_ADOPT_EXISTING"] = "true"  # ... but one explicit run takes them over
    stack.up()
    del stack.env["AIGATEWAY_ADOPT_EXISTING"]
    assert sorted(gateway.id for gateway in client.gateways.list()) == [f"load-{i:03d}" for i in range(COUNT)]
    assert sorted(r["id"] for r in stack.resources(GATEWAY)) == [f"load-{i:03d}" for i in range(COUNT)]
    assert not stack.export_state()["deployment"].get("pending_operations")
    stack.preview("--refresh", "--expect-no-changes")
    stack.destroy()
    assert emulator.control("GET", "/objects")["result"] == {}
