"""60 gateways with --parallel 16 while the API answers 429 to a third of the creates: all made, none twice."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer

pytestmark = pytest.mark.e2e

PROGRAM = Path(__file__).parent / "programs" / "many_gateways"
COUNT = 60
RATE_LIMITED = 20


def test_parallel_creates_under_rate_limiting(pulumi_stack: StackFactory, emulator: EmulatorServer) -> None:
    emulator.control("POST", "/reset")
    emulator.control(
        "POST",
        "/faults",
        json={
            "method": "POST",
            "path": "/gateways$",
            "status": 429,
            "retry_after": 0.2,
            "times": RATE_LIMITED,
        },
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
    stack.up("--parallel", "16")

    assert emulator.control("GET", "/faults")["fired"] == RATE_LIMITED
    posts = [r for r in emulator.requests_made() if r["method"] == "POST"]
    assert Counter(r["status"] for r in posts) == {429: RATE_LIMITED, 200: COUNT}
    client = emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN)
    ids = [gateway.id for gateway in client.gateways.list()]
    assert sorted(ids) == [f"load-{i:03d}" for i in range(COUNT)]  # all there, none twice
    assert len(stack.resources("pulumi-python:dynamic/aigateway:Gateway")) == COUNT
    stack.preview("--expect-no-changes")
    stack.destroy("--parallel", "16")
    assert emulator.control("GET", "/objects")["result"] == {}
