"""State written by earlier releases (no recorded account, no kept settings) reads, diffs and updates as before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pulumi_ai_gateway import AIGatewayClient, Settings
from pulumi_ai_gateway.gateway import GatewayProvider
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN
from tests.harness.emulator import EmulatorServer


@pytest.fixture
def api(emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[AIGatewayClient]:
    emulator.control("POST", "/reset")
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", EMULATOR_TOKEN)
    monkeypatch.setenv("CLOUDFLARE_ACCOUNT_ID", EMULATOR_ACCOUNT)
    monkeypatch.setenv("CLOUDFLARE_BASE_URL", emulator.base_url)
    yield AIGatewayClient(Settings.resolve())


def test_state_without_a_recorded_account_neither_replaces_nor_moves(api: AIGatewayClient) -> None:
    provider = GatewayProvider()
    program: dict[str, Any] = {"gateway_id": "old-state", "cache_ttl": 60}
    created = provider.create(provider.check({}, program).inputs)
    old_outs = {k: v for k, v in (created.outs or {}).items() if k != "account_id"}  # as 0.1.0 stored it
    news = provider.check({}, program).inputs
    assert news["account_id"] == EMULATOR_ACCOUNT  # what check records now
    assert provider.diff("old-state", old_outs, news).changes is False
    refreshed = provider.read("old-state", old_outs)
    assert refreshed.id == "old-state"
    assert (refreshed.outs or {})["account_id"] == EMULATOR_ACCOUNT  # a refresh records it
    updated = provider.update("old-state", old_outs, {**news, "cache_ttl": 120}).outs or {}
    assert updated["account_id"] == EMULATOR_ACCOUNT and api.gateways.get("old-state").cache_ttl == 120
    provider.delete("old-state", old_outs)
    assert provider.read("old-state", updated).id is None
