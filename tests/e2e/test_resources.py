"""Every resource under the real engine, against the emulator: up, no-change preview, drift, deletion, destroy."""

from __future__ import annotations

import json
import time

import pytest

from pulumi_ai_gateway import AIGatewayClient
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import CASES, seed_legacy_limit
from tests.harness.pulumi_cli import REPO_ROOT, PulumiStack

pytestmark = pytest.mark.e2e

EXAMPLES = REPO_ROOT / "examples"
PROVIDER_KEY = "sk-e2e-provider-key-SECRET-0001"


def api(emulator: EmulatorServer) -> AIGatewayClient:
    return emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN)


def example_stack(
    pulumi_stack: StackFactory, emulator: EmulatorServer, name: str, **extra: str
) -> PulumiStack:
    return pulumi_stack(
        EXAMPLES / name,
        config={"aigateway:baseUrl": emulator.base_url, "aigateway:accountId": EMULATOR_ACCOUNT, **extra},
        secrets={"aigateway:apiToken": EMULATOR_TOKEN, "providerKey": PROVIDER_KEY},
    )


@pytest.mark.parametrize("kind", CASES)
def test_resource_lifecycle_under_the_engine(
    kind: str, pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    client = api(emulator)
    case = CASES[kind]
    if case.adopted_only:
        seed_legacy_limit(emulator.base_url, EMULATOR_ACCOUNT)
    stack = example_stack(pulumi_stack, emulator, kind)

    stack.up()
    stack.preview("--expect-no-changes")
    [resource] = stack.resources(case.spec.type_token)

    drift = case.drift
    if drift is not None:
        drift.change(client, resource)
        assert drift.observe(client, resource) != drift.desired
        refreshed = stack.refresh()
        assert "updated" in refreshed.output or "~" in refreshed.output
        assert stack.preview(check=False).returncode == 0
        assert stack.preview("--expect-no-changes", check=False).returncode != 0  # the drift is visible
        stack.up()
        assert drift.observe(client, resource) == drift.desired
        stack.preview("--expect-no-changes")

    # Deleted behind Pulumi's back: refresh drops it from the state, up creates (or adopts) it again.
    case.remove(client, resource["outputs"].get("gateway_id"), resource["id"])
    stack.refresh()
    assert stack.resources(case.spec.type_token) == []
    if case.adopted_only:
        seed_legacy_limit(emulator.base_url, EMULATOR_ACCOUNT)
    stack.up()
    assert len(stack.resources(case.spec.type_token)) == 1
    stack.preview("--expect-no-changes")

    state = json.dumps(stack.export_state())
    assert EMULATOR_TOKEN not in state and PROVIDER_KEY not in state

    stack.destroy()
    assert emulator.control("GET", "/objects")["result"] == {}


def test_route_graph_change_keeps_the_route_and_deploys_a_new_version(
    pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    stack = example_stack(pulumi_stack, emulator, "dynamic_route")
    stack.up()
    before = stack.outputs()
    stack.set_config("primaryModel", "gpt-4.1-mini")
    up = stack.up()
    assert "1 updated" in up.output and "replaced" not in up.output
    after = stack.outputs()
    assert after["route_id"] == before["route_id"]
    assert after["version_id"] != before["version_id"]
    versions = api(emulator).routes.list_versions("example-routes", after["route_id"])
    assert [v.active for v in versions] == ["false", "true"]
    stack.preview("--expect-no-changes")


def test_secrets_stay_encrypted_in_state(pulumi_stack: StackFactory, emulator: EmulatorServer) -> None:
    emulator.control("POST", "/reset")
    stack = example_stack(pulumi_stack, emulator, "gateway", withOtel="true")
    stack.up()
    keys = example_stack(pulumi_stack, emulator, "provider_config", gatewayId="example-keys-2")
    keys.up()
    for current in (stack, keys):
        state = json.dumps(current.export_state())
        for secret in (EMULATOR_TOKEN, PROVIDER_KEY, "otel-example-token"):
            assert secret not in state
        assert "ciphertext" in state


def test_check_failures_show_in_preview_next_to_the_field(
    pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    emulator.control("DELETE", "/requests")
    stack = example_stack(pulumi_stack, emulator, "gateway", gatewayId="Not A Valid Id", cacheTtl="-5")
    preview = stack.preview(check=False)
    assert preview.returncode != 0
    assert "gateway_id" in preview.output and "String should match pattern" in preview.output
    assert "cache_ttl" in preview.output and "greater than or equal to 0" in preview.output
    assert "Traceback" not in preview.output
    assert emulator.requests_made() == []  # refused before any API call


def test_adopting_an_existing_gateway(pulumi_stack: StackFactory, emulator: EmulatorServer) -> None:
    emulator.control("POST", "/reset")
    stack = example_stack(pulumi_stack, emulator, "gateway")
    stack.up()
    other = example_stack(pulumi_stack, emulator, "gateway")
    refused = other.up(check=False)
    assert refused.returncode != 0 and "adopt_existing=True" in refused.output


def test_waiting_for_a_custom_domain_under_the_engine(
    pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    client = api(emulator)
    stack = example_stack(pulumi_stack, emulator, "custom_domain", waitUntilActive="true", activeTimeout="2")
    # DCV never happens: `up` fails with the record to make, and neither state nor account keeps the domain.
    failed = stack.up(check=False)
    assert failed.returncode != 0
    assert "did not become active within active_timeout=2 s" in failed.output, failed.output
    assert "a proxied CNAME record ai.acme.example -> example-domain." in failed.output
    # Pulumi's dynamic provider host prints its own frames before any error; none of ours follow.
    assert "custom_domain.py" not in failed.output
    assert stack.resources(CASES["custom_domain"].spec.type_token) == []
    assert list(client.custom_domains.list("example-domain")) == []

    # DCV happens while `up` waits: the engine's output shows the progress and the domain ends active.
    stack.set_config("activeTimeout", "60")
    process = stack.start("up", "--yes", "--skip-preview")
    try:
        for _ in range(600):  # bounded: 60 s
            if list(client.custom_domains.list("example-domain")):
                break
            time.sleep(0.1)
        emulator.control(
            "POST",
            "/custom-domains/dcv",
            json={
                "account_id": EMULATOR_ACCOUNT,
                "gateway_id": "example-domain",
                "hostname": "ai.acme.example",
            },
        )
        output, _ = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            PulumiStack.kill(process)
    assert process.returncode == 0, output
    assert "is 'pending_dcv'; waiting up to" in output
    assert stack.outputs()["status"] == "active"
    stack.preview("--expect-no-changes")
    stack.destroy()
