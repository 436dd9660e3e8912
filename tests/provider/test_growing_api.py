"""An API that grows: answers with fields the package does not model, enum values it does not know yet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pulumi_ai_gateway._http import ApiClient
from pulumi_ai_gateway.errors import UnreadableAnswerError
from pulumi_ai_gateway.functions import get_gateway
from pulumi_ai_gateway.gateway import GatewayProvider
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import CASES, Parent
from tests.provider.conftest import next_deployment
from tests.provider.test_resource_contract import _without_computed

RICH_GATEWAY: dict[str, Any] = {
    "gateway_id": "growing-gw",
    "cache_ttl": 60,
    "otel": [{"url": "https://otel.example.com", "headers": {"x-team": "ml"}, "authorization": "Bearer t-1"}],
    "dlp": {"enabled": True, "action": "BLOCK", "profiles": ["p1"]},
    "guardrails": {"prompt": {"P1": "BLOCK"}, "response": {"S1": "FLAG"}},
    "spend_limits": {"enabled": True, "rules": [{"limit": 5, "window": 3600}]},
}


@pytest.fixture
def growing(emulator: EmulatorServer) -> Iterator[None]:
    emulator.control("POST", "/unknown-fields", json={"enabled": True})
    yield
    emulator.control("POST", "/unknown-fields", json={"enabled": False})


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@pytest.mark.parametrize("kind", [*CASES, "gateway with nested settings"])
def test_unknown_fields_everywhere_are_ignored_never_drift(
    kind: str, parent: Parent, growing: None, emulator: EmulatorServer
) -> None:
    if kind in CASES:
        provider, news = CASES[kind].provider(), CASES[kind].inputs(parent)
    else:
        provider, news = GatewayProvider(), RICH_GATEWAY
    raw = emulator.client("test-account", "emulator-token-for-tests-0123456789").http.request(
        "GET", "/gateways", what="gateways", operation="list"
    )
    assert "emulator_future_flag" in raw["result"][0], "the emulator's switch is not on"

    created = provider.create(news)
    read = provider.read(created.id, created.outs or {})
    assert read.id == created.id
    assert _without_computed(provider, read.outs or {}) == _without_computed(provider, created.outs or {})
    assert not {k for k in _keys(read.outs) if k.startswith("emulator_future")}
    assert provider.diff(created.id, read.outs or {}, news).changes is False
    next_deployment()
    adopted = provider.create({**news, "adopt_existing": True})  # adoption reads the object too
    assert adopted.id == created.id
    provider.delete(created.id, read.outs or {})
    assert provider.read(created.id, read.outs or {}).id is None


def _answer_gateway(monkeypatch: pytest.MonkeyPatch, **fields: Any) -> None:
    """Every gateway GET answers a gateway with ``fields`` over a plain one."""
    answer = {
        "id": "g",
        "cache_invalidate_on_update": False,
        "cache_ttl": None,
        "collect_logs": True,
        "rate_limiting_interval": None,
        "rate_limiting_limit": None,
        "created_at": "2026-01-01T00:00:00Z",
        "modified_at": "2026-01-01T00:00:00Z",
        **fields,
    }
    monkeypatch.setattr(ApiClient, "call", lambda self, method, path, **kw: answer)
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", "t")
    monkeypatch.setenv("CLOUDFLARE_ACCOUNT_ID", "0123456789abcdef0123456789abcdef")


def test_an_enum_value_from_a_later_api_is_drift_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    provider = GatewayProvider()
    desired = {"gateway_id": "g", "retry_backoff": "linear"}
    _answer_gateway(monkeypatch, retry_backoff="fibonacci", workers_ai_billing_mode="prepaid-2027")

    read = provider.read("g", desired)
    assert read.outs is not None
    assert read.outs["retry_backoff"] == "fibonacci"
    diff = provider.diff("g", read.outs, desired)
    assert diff.changes is True and diff.replaces == []
    assert provider.check({}, {"gateway_id": "g", "retry_backoff": "fibonacci"}).failures, (
        "inputs stay strict: only what the API answers is read leniently"
    )


def test_an_answer_that_cannot_be_read_names_the_object_and_field(monkeypatch: pytest.MonkeyPatch) -> None:
    _answer_gateway(monkeypatch, cache_ttl="soon")
    with pytest.raises(UnreadableAnswerError) as caught:
        GatewayProvider().read("g", {"gateway_id": "g"})
    message = str(caught.value)
    assert "gateway 'g'" in message and "read" in message and "field cache_ttl" in message
    assert caught.value.__traceback__ is None or caught.value.__cause__ is None


def test_a_lookup_that_cannot_read_the_answer_names_it_and_the_field(monkeypatch: pytest.MonkeyPatch) -> None:
    _answer_gateway(monkeypatch, cache_ttl="soon")
    with pytest.raises(UnreadableAnswerError) as caught:
        get_gateway(gateway_id="g")  # the keyword form, as Pulumi programs call lookups
    message = str(caught.value)
    assert message.startswith("get_gateway: lookup:") and "field cache_ttl" in message
    assert caught.value.__cause__ is None
