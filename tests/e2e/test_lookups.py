"""Every lookup under the engine, in both forms: typed attributes in applies, whole results exported as maps,
and secrets kept secret."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from pulumi_ai_gateway.custom_domain import CustomDomainBody
from pulumi_ai_gateway.custom_provider import CustomProviderBody
from pulumi_ai_gateway.dynamic_route import EndElement, StartElement, Target
from pulumi_ai_gateway.gateway import GatewayCreate
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer
from tests.harness.pulumi_cli import PulumiStack

pytestmark = pytest.mark.e2e

PROGRAM = Path(__file__).parent / "programs" / "lookups"
AUTHORIZATION = "Bearer otel-lookups-SECRET-6021"


def _existing(emulator: EmulatorServer) -> str:
    """A gateway made outside the program, with a route, a custom domain and two logs; the route's id."""
    client = emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN)
    client.gateways.create(
        GatewayCreate(id="existing", cache_invalidate_on_update=False, cache_ttl=30, collect_logs=True,
                      rate_limiting_interval=None, rate_limiting_limit=None)
    )  # fmt: skip
    start = StartElement(id="s", outputs={"next": Target(element_id="e")})
    route = client.routes.create("existing", "chat", [start, EndElement(id="e")])
    client.custom_domains.create("existing", CustomDomainBody(domain="ai.existing.example", zone_id="z"))
    client.custom_providers.create(
        CustomProviderBody(name="Existing", slug="existing-llm", base_url="https://x.example")
    )
    url = f"{emulator.root}/v1/{EMULATOR_ACCOUNT}/existing/openai/chat/completions"
    for model in ("gpt-4o-mini", "gpt-4.1-mini"):
        body = {"model": model, "messages": [{"role": "user", "content": "three words here"}]}
        assert httpx.post(url, json=body, timeout=10).status_code == 200
    return route.id


def check_every_lookup(
    pulumi_stack: StackFactory, emulator: EmulatorServer, program: Path, env: dict[str, str] | None = None
) -> PulumiStack:
    """``pulumi up`` of the lookups program (its directory: ``program``) against an account holding a gateway
    made outside it; every lookup's results, in both forms, as the program exports them. Returns the stack."""
    emulator.control("POST", "/reset")
    route_id = _existing(emulator)
    stack = pulumi_stack(
        program,
        env=env,
        config={
            "aigateway:baseUrl": emulator.base_url,
            "aigateway:accountId": EMULATOR_ACCOUNT,
            "existing": "existing",
            "existingRoute": route_id,
        },
        secrets={"aigateway:apiToken": EMULATOR_TOKEN, "otelAuthorization": AUTHORIZATION},
    )
    up = stack.up()
    assert AUTHORIZATION not in up.output
    assert AUTHORIZATION not in json.dumps(stack.export_state())
    shown = stack.outputs()
    # Results holding credentials are secret: shown as such, encrypted in the state.
    (root,) = stack.resources("pulumi:pulumi:Stack")
    for name in ("gateway", "gateways", "custom_providers"):
        assert shown[name] == "[secret]" and "ciphertext" in root["outputs"][name], name
    assert shown["gateway_ids"] == ["lookups-gw", "lookups-plain"]
    assert shown["custom_provider_urls"] == ["https://llm.example.com/v1"]
    # The _output forms: whole results are maps, attributes read in applies.
    assert shown["plain"]["id"] == "lookups-plain" and shown["plain"]["cache_ttl"] == 120
    assert shown["plain_settings"] == {"ttl": 120, "logs": True}
    assert shown["route"]["name"] == "chat" and isinstance(shown["route"]["deployment"], dict)
    assert shown["route_deployed"] == ["chat", shown["route"]["deployment"]["version_id"], "start"]
    assert shown["domain_status"] == f"ai.lookups.example {shown['domain']['status']}"
    assert shown["mandatory_evaluators"] == ["cost", "speed"]
    assert all(isinstance(t, dict) and "mandatory" in t for t in shown["evaluation_types"])
    assert len(shown["logs"]) == 2 and all(isinstance(log, dict) for log in shown["logs"])
    assert shown["log_models"] == ["gpt-4.1-mini", "gpt-4o-mini"]
    assert shown["url"] == f"{emulator.root}/v1/{EMULATOR_ACCOUNT}/lookups-plain/openai"
    # The plain forms: the same shapes.
    assert shown["existing"]["id"] == "existing" and shown["existing_ttl"] == 30
    assert shown["existing_ids"] == ["existing"]
    assert shown["existing_route"]["id"] == route_id
    assert shown["existing_route_version"] == shown["existing_route"]["version"]["version_id"]
    assert shown["existing_domain"] == "pending_dcv"  # set up once it has been asked about
    assert [log["model"] for log in shown["existing_logs"]] == [log["model"] for log in shown["logs"]]
    assert shown["existing_log_tokens"] == 6  # three words in each prompt
    assert shown["existing_providers"] == ["existing-llm"]
    assert shown["existing_evaluators"] == [t["id"] for t in shown["evaluation_types"]]
    assert shown["existing_url"] == f"{emulator.root}/v1/{EMULATOR_ACCOUNT}/existing/compat"
    return stack


def test_every_lookup_in_both_forms_gives_typed_results_exported_as_maps(
    pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    stack = check_every_lookup(pulumi_stack, emulator, PROGRAM)
    # A changed secret shows in `preview --diff` by name only.
    stack.set_config("otelAuthorization", "Bearer otel-lookups-SECRET-6022", secret=True)
    diff = stack.preview("--diff").output
    assert "changed_secrets: [\n" in diff and '"otel"' in diff, diff
    assert "SECRET-602" not in diff
    stack.up()
    stack.preview("--expect-no-changes")  # the name does not linger as a change
    stack.destroy()
