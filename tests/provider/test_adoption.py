"""Adoption takes an object over as it is: what the program leaves unset keeps its value, now and later."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pulumi_ai_gateway import AIGatewayClient, Settings
from pulumi_ai_gateway.gateway import GatewayCreate, GatewayProvider
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN
from tests.harness.emulator import EmulatorServer

MADE_ELSEWHERE = {
    "id": "console-made",
    "cache_invalidate_on_update": False,
    "cache_ttl": 60,
    "collect_logs": True,
    "rate_limiting_interval": 60,
    "rate_limiting_limit": 50,
    "authentication": True,
    "zdr": True,
}


@pytest.fixture
def api(emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[AIGatewayClient]:
    """A gateway made in the dashboard (authentication and ZDR on, a rate limit)."""
    emulator.control("POST", "/reset")
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", EMULATOR_TOKEN)
    monkeypatch.setenv("CLOUDFLARE_ACCOUNT_ID", EMULATOR_ACCOUNT)
    monkeypatch.setenv("CLOUDFLARE_BASE_URL", emulator.base_url)
    client = AIGatewayClient(Settings.resolve())
    client.gateways.create(GatewayCreate.model_validate(MADE_ELSEWHERE))
    yield client


def _writes(emulator: EmulatorServer) -> list[str]:
    return [f"{r['method']} {r['path']}" for r in emulator.requests_made() if r["method"] != "GET"]


def test_adoption_keeps_what_the_program_leaves_unset(api: AIGatewayClient, emulator: EmulatorServer) -> None:
    provider = GatewayProvider()
    news: dict[str, Any] = {"gateway_id": "console-made", "cache_ttl": 120, "adopt_existing": True}
    assert provider.adoption_preview(news) == ("gateway 'console-made'", ["cache_ttl: 60 -> 120"])

    adopted = provider.create(news)
    gateway = api.gateways.get("console-made")
    assert (gateway.cache_ttl, gateway.authentication, gateway.zdr, gateway.rate_limiting_limit) == (
        120, True, True, 50,
    )  # fmt: skip
    outs = adopted.outs or {}
    assert outs["authentication"] is True and outs["rate_limiting_limit"] == 50
    assert {"authentication", "zdr", "rate_limiting_limit"} <= set(outs["__kept"])

    # Later runs: no diff for what the program still leaves unset, and an update keeps it.
    assert provider.diff("console-made", outs, news).changes is False
    changed = {**news, "cache_ttl": 300}
    assert provider.diff("console-made", outs, changed).changes is True
    updated = provider.update("console-made", outs, changed).outs or {}
    gateway = api.gateways.get("console-made")
    assert (gateway.cache_ttl, gateway.authentication, gateway.zdr) == (300, True, True)
    # A refresh keeps the record; setting a kept field in the program manages it from then on.
    refreshed = provider.read("console-made", updated).outs or {}
    assert refreshed["__kept"] == updated["__kept"]
    managed = {**changed, "authentication": False}
    assert provider.diff("console-made", refreshed, managed).changes is True
    final = provider.update("console-made", refreshed, managed).outs or {}
    assert api.gateways.get("console-made").authentication is False
    assert "authentication" not in final["__kept"]


def test_adopting_an_object_that_already_matches_writes_nothing(
    api: AIGatewayClient, emulator: EmulatorServer
) -> None:
    provider = GatewayProvider()
    news: dict[str, Any] = {"gateway_id": "console-made", "cache_ttl": 60, "authentication": True}
    assert provider.adoption_preview(news) == ("gateway 'console-made'", [])
    before = _writes(emulator)
    provider.create({**news, "adopt_existing": True})
    assert _writes(emulator) == before
