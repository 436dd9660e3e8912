"""The lookups, plain forms, against the emulator (settings from the environment)."""

from __future__ import annotations

import pytest

import pulumi_ai_gateway as aig
from pulumi_ai_gateway.custom_domain import CustomDomainBody
from pulumi_ai_gateway.custom_provider import CustomProviderBody
from pulumi_ai_gateway.gateway import GatewayCreate
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN
from tests.harness.emulator import EmulatorServer


def test_lookups(emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> None:
    emulator.control("POST", "/reset")
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", EMULATOR_TOKEN)
    monkeypatch.setenv("CLOUDFLARE_ACCOUNT_ID", EMULATOR_ACCOUNT)
    monkeypatch.setenv("CLOUDFLARE_BASE_URL", emulator.base_url)
    aig.AIGatewayClient(aig.Settings.resolve()).gateways.create(
        GatewayCreate(
            id="lookups",
            cache_invalidate_on_update=False,
            cache_ttl=60,
            collect_logs=True,
            rate_limiting_interval=None,
            rate_limiting_limit=None,
        )
    )
    emulator.control(
        "POST",
        "/logs",
        json={
            "account_id": EMULATOR_ACCOUNT,
            "gateway_id": "lookups",
            "logs": [{"provider": "openai"}, {"provider": "anthropic", "success": False}],
        },
    )

    gateway = aig.get_gateway("lookups")
    assert isinstance(gateway, aig.GetGatewayResult) and gateway.cache_ttl == 60
    url = aig.get_gateway_url("lookups", "openai")
    assert url == f"{emulator.root}/v1/{EMULATOR_ACCOUNT}/lookups/openai"  # the emulator serves it
    assert {t.id for t in aig.get_evaluation_types() if t.mandatory} == {"cost", "speed"}
    failed = aig.get_logs("lookups", filters=[aig.LogFilter(key="success", operator="eq", value=[False])])
    assert [log.provider for log in failed] == ["anthropic"]
    assert len(aig.get_logs("lookups", limit=1)) == 1
    with pytest.raises(aig.NotFoundError):
        aig.get_gateway("missing")

    client = aig.AIGatewayClient(aig.Settings.resolve())
    for slug, beta in (("acme", False), ("acme-beta", True), ("other", False)):
        client.custom_providers.create(
            CustomProviderBody(name=slug, slug=slug, base_url="https://x.example", beta=beta)
        )
    assert [p.slug for p in aig.get_custom_providers(search="acme")] == ["acme", "acme-beta"]
    assert [p.slug for p in aig.get_custom_providers(beta=True)] == ["acme-beta"]
    assert [p.slug for p in aig.get_custom_providers(search="acme", beta=False)] == ["acme"]

    assert [g.id for g in aig.get_gateways(search="look")] == ["lookups"]
    start = aig.StartElement(id="s", outputs={"next": aig.Target(element_id="e")})
    route = client.routes.create("lookups", "chat", [start, aig.EndElement(id="e")])
    assert [e["id"] for e in aig.get_dynamic_route("lookups", route.id).elements] == ["s", "e"]
    hostname = client.custom_domains.create(
        "lookups", CustomDomainBody(domain="AI.lookups.example", zone_id="z")
    ).hostname
    assert aig.get_custom_domain("lookups", hostname).hostname == "ai.lookups.example"

    # Log actions: feedback is what later filters see; payloads as stored; deletion by filter.
    openai = aig.get_logs("lookups", filters=[aig.LogFilter(key="provider", operator="eq", value=["openai"])])
    aig.set_log_feedback("lookups", openai[0].id, feedback=1, score=90)
    liked = aig.get_logs("lookups", filters=[aig.LogFilter(key="feedback", operator="eq", value=[1])])
    assert [log.id for log in liked] == [openai[0].id]
    assert aig.get_log_request("lookups", openai[0].id)["messages"][0]["content"] == "Hello"
    assert "choices" in aig.get_log_response("lookups", openai[0].id)
    aig.delete_logs("lookups", filters=[aig.LogFilter(key="provider", operator="eq", value=["openai"])])
    assert [log.provider for log in aig.get_logs("lookups")] == ["anthropic"]
