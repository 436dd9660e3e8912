"""The fault matrix under the real engine: every step of every resource, for each kind of API failure.

Each case deploys one of every resource (tests/e2e/programs/every_resource), arms one fault per resource on the
requests of one lifecycle step, runs the step, and runs it once more if the first run failed (the faults are
used up by then). Afterwards the emulator holds exactly the desired objects (none missing, duplicated or
orphaned) and the state matches the emulator (a refreshing preview shows no change).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pulumi_ai_gateway.dynamic_route import ModelElement
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import CASES, seed_legacy_limit
from tests.harness.pulumi_cli import PulumiResult, PulumiStack

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROGRAM = Path(__file__).parent / "programs" / "every_resource"
GATEWAY = "faults-gw"
TIMEOUT_S = 1.5  # the stack's aigateway:requestTimeout
SECRETS = {
    "otelAuthorization": "Bearer otel-fault-suite-SECRET-7731",
    "datasetModel": "model-fault-suite-SECRET-7731",
    "stripeKey": "sk_live_fault_suite_SECRET_5520",
    "providerKey": "sk-fault-suite-provider-SECRET-0001",
}
ROTATED_KEY = "sk-fault-suite-provider-SECRET-0002"

# What each fault looks like, armed once per resource (a burst is three faults, used in turn).
FAULTS: dict[str, list[dict[str, Any]]] = {
    "429 + Retry-After": [{"status": 429, "retry_after": 0.2, "times": 2}],
    "5xx burst within retries": [{"status": 500}, {"status": 503}],
    "5xx burst beyond retries": [{"status": 500}, {"status": 502}, {"status": 503}],
    "latency > timeout": [{"latency_ms": int(TIMEOUT_S * 2000)}],
    "reset connection": [{"reset_connection": True}],
    "applied, then 504": [{"status": 504, "apply_then_fail": True}],
}
# The request of each step, per resource (tests/harness/objects.py).
STEPS = ("create", "update", "refresh", "delete")
# A burst longer than the retry budget (2 retries, as Cloudflare's own client) fails the step of each resource
# once, naming it. The engine does not step past a failed resource, so every run completes one more level of
# the dependency graph (gateway; dataset, route, key; evaluation): create, update and destroy take four runs,
# refresh (all reads at once) two. Every other fault is absorbed within the first run.
RUNS_BEYOND_RETRIES = {"create": 4, "update": 4, "delete": 4, "refresh": 2}


def _run(stack: PulumiStack, step: str) -> PulumiResult:
    if step == "refresh":
        return stack.refresh(check=False)
    if step == "delete":
        return stack.destroy(check=False)
    return stack.up(check=False)


def _objects(emulator: EmulatorServer) -> dict[str, int]:
    counts: dict[str, int] = emulator.control("GET", "/objects")["result"]
    return counts


def _assert_desired(stack: PulumiStack, emulator: EmulatorServer, generation: int) -> None:
    """Exactly one of each object, as desired, and the state says the same."""
    client = emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN)
    assert _objects(emulator) == {
        "gateway": 1,
        "dataset": 1,
        "evaluation": 1,
        "route": 1,
        "route_version": 1 + generation,
        "route_deployment": 1 + generation,
        "provider_config": 1,
        "secret": 1,  # the stored provider key
        "custom_provider": 1,
        "custom_provider_cost": 1,
        "custom_domain": 1,
        "spending_limit": 1,
        "topup_config": 1,
    }
    state = {r["type"].rsplit(":", 1)[-1]: r for r in stack.resources() if "/aigateway:" in r["type"]}
    assert sorted(state) == sorted(case.spec.resource for case in CASES.values())
    assert client.gateways.get(GATEWAY).cache_ttl == 300 + 300 * generation
    assert client.datasets.get(GATEWAY, state["Dataset"]["id"]).enable is (generation == 0)
    assert client.evaluations.get(GATEWAY, state["Evaluation"]["id"]).name == f"review-{generation}"
    route = client.routes.get(GATEWAY, state["DynamicRoute"]["id"])
    model = route.elements[1]
    assert (
        isinstance(model, ModelElement)
        and model.properties.model == ["gpt-4o-mini", "gpt-4.1-mini"][generation]
    )
    assert (
        client.provider_configs.get(GATEWAY, state["ProviderConfig"]["id"]).id
        == state["ProviderConfig"]["id"]
    )
    upstream = client.custom_providers.get(state["CustomProvider"]["id"])
    assert upstream.base_url == ["https://llm.example.com/v1", "https://llm-2.example.com/v1"][generation]
    assert (
        client.custom_provider_costs.get(state["CustomProviderCost"]["id"]).cost_in == [0.5, 0.75][generation]
    )
    assert state["CustomDomain"]["id"] == f"ai-{generation}.faults.example"  # a new hostname replaced the old
    assert client.spending_limit.get().amount == 5000
    assert client.topup_config.get().amount == [5000, 7500][generation]
    # The state matches the API: a preview that refreshes first finds nothing to change.
    stack.preview("--refresh", "--expect-no-changes")


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault_during_step(
    fault: str, step: str, pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    # A delayed request of the previous case (its client gave up long ago) lands before this one starts: it
    # would otherwise delete what this case has just made (the legacy limit, seeded at once).
    emulator.settle()
    emulator.control("POST", "/reset")
    emulator.control("DELETE", "/faults")
    seed_legacy_limit(emulator.base_url, EMULATOR_ACCOUNT)
    stack = pulumi_stack(
        PROGRAM,
        config={
            "aigateway:baseUrl": emulator.base_url,
            "aigateway:accountId": EMULATOR_ACCOUNT,
            "aigateway:requestTimeout": str(TIMEOUT_S),
        },
        secrets={"aigateway:apiToken": EMULATOR_TOKEN, **SECRETS},
    )
    if step != "create":
        stack.up()
    if step == "update":
        stack.set_config("generation", "1")
        stack.set_config("providerKey", ROTATED_KEY, secret=True)

    fired_before = emulator.control("GET", "/faults")["fired"]
    requests = [request for case in CASES.values() if (request := case.requests[step]) is not None]
    for method, path in requests:
        for shape in FAULTS[fault]:
            emulator.control("POST", "/faults", json={"method": method, "path": path, **shape})
    runs = [_run(stack, step)]
    while runs[-1].returncode != 0 and len(runs) < RUNS_BEYOND_RETRIES[step]:
        assert "failed: HTTP 50" in runs[-1].output, runs[-1].output  # names the object and the operation
        runs.append(_run(stack, step))
    assert runs[-1].returncode == 0, runs[-1].output
    assert len(runs) == (RUNS_BEYOND_RETRIES[step] if fault == "5xx burst beyond retries" else 1)
    # Every armed fault met its request: the matrix really covered each resource.
    assert emulator.control("GET", "/faults")["result"] == []
    fired = emulator.control("GET", "/faults")["fired"] - fired_before
    assert fired == sum(shape.get("times", 1) for shape in FAULTS[fault]) * len(requests)

    if step == "delete":
        assert _objects(emulator) == {}
        assert [r for r in stack.resources() if "/aigateway:" in r["type"]] == []
    else:
        _assert_desired(stack, emulator, generation=1 if step == "update" else 0)
