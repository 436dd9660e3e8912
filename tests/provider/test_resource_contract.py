"""One lifecycle contract over all five resources, calling the dynamic providers directly (no engine)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from pulumi_ai_gateway import AIGatewayClient, Settings
from pulumi_ai_gateway._resource import AdoptionRequired, AnyProvider, DeclaredTwice
from pulumi_ai_gateway.dataset import DatasetProvider
from pulumi_ai_gateway.dynamic_route import DynamicRouteProvider
from pulumi_ai_gateway.errors import ServerError
from pulumi_ai_gateway.evaluation import EvaluationProvider
from pulumi_ai_gateway.gateway import GatewayProvider
from pulumi_ai_gateway.provider_config import ProviderConfigProvider
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import create_parent
from tests.harness.objects import one_model_graph as graph
from tests.provider.conftest import next_deployment

PARENT = "contract-parent"


@dataclass
class Case:
    provider: AnyProvider
    inputs: Callable[[dict[str, str]], dict[str, Any]]
    change: dict[str, Any] = field(default_factory=dict)
    """An in-place change (keeps the id); empty when every change replaces."""


CASES = {
    "gateway": Case(
        GatewayProvider(),
        lambda _: {
            "gateway_id": "contract-gw",
            "cache_ttl": 120,
            "rate_limiting_limit": 10,
            "rate_limiting_interval": 60,
        },
        {"cache_ttl": 600, "authentication": True},
    ),
    "dataset": Case(
        DatasetProvider(),
        lambda _: {
            "gateway_id": PARENT,
            "name": "ds",
            "filters": [{"key": "cached", "operator": "eq", "value": [True]}],
        },
        {"enable": False, "filters": []},
    ),
    "evaluation": Case(
        EvaluationProvider(),
        lambda ids: {
            "gateway_id": PARENT,
            "name": "ev",
            "dataset_ids": [ids["dataset"]],
            "evaluation_type_ids": ["cost"],
        },
    ),
    "dynamic_route": Case(
        DynamicRouteProvider(),
        lambda _: {"gateway_id": PARENT, "name": "rt", "elements": graph("a")},
        {"name": "rt-renamed", "elements": graph("b")},
    ),
    "provider_config": Case(
        ProviderConfigProvider(),
        lambda _: {
            "gateway_id": PARENT,
            "provider_slug": "openai",
            "alias": "main",
            "secret": "sk-contract-0000000001",
        },
        {"secret": "sk-contract-0000000002"},
    ),
}


@pytest.fixture
def parent(emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A fresh emulator holding the parent gateway and a dataset; credentials in the environment."""
    emulator.control("POST", "/reset")
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", EMULATOR_TOKEN)
    monkeypatch.setenv("CLOUDFLARE_ACCOUNT_ID", EMULATOR_ACCOUNT)
    monkeypatch.setenv("CLOUDFLARE_BASE_URL", emulator.base_url)
    yield {"dataset": create_parent(AIGatewayClient(Settings.resolve()), PARENT)}


def _without_computed(provider: AnyProvider, outs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in outs.items() if k not in provider.computed}


@pytest.mark.parametrize("kind", CASES)
def test_lifecycle(kind: str, parent: dict[str, str]) -> None:
    case = CASES[kind]
    provider, news = case.provider, case.inputs(parent)
    assert provider.check({}, news).failures == []

    created = provider.create(news)
    read = provider.read(created.id, created.outs or {})
    assert read.id == created.id
    assert _without_computed(provider, read.outs or {}) == _without_computed(provider, created.outs or {})
    for key in news:
        assert (created.outs or {})[key] == provider._inputs(news).model_dump(mode="json")[key], key
    assert all((created.outs or {}).get(key) is not None for key in provider.computed if key != "is_default")
    assert provider.diff(created.id, created.outs or {}, news).changes is False

    if case.change:
        changed = {**news, **case.change}
        diff = provider.diff(created.id, created.outs or {}, changed)
        assert diff.changes is True and diff.replaces == []
        updated = provider.update(created.id, created.outs or {}, changed)
        after = provider.read(created.id, updated.outs or {})
        assert after.id == created.id
        for key in case.change:
            if key not in provider.write_only:
                assert (after.outs or {})[key] == provider._inputs(changed).model_dump(mode="json")[key], key
        outs = updated.outs or {}
    else:
        diff = provider.diff(created.id, created.outs or {}, {**news, "name": "other"})
        assert diff.replaces == ["name"]
        outs = created.outs or {}
        changed = news

    # Met again in the run that created it: another resource of the program, never to be adopted.
    with pytest.raises(DeclaredTwice, match="managed by another resource of this program") as twice:
        provider.create(changed)
    assert "adopt" not in str(twice.value)
    next_deployment()
    with pytest.raises(AdoptionRequired, match="adopt_existing=True"):
        provider.create(changed)
    adopted = provider.create({**changed, "adopt_existing": True})
    assert adopted.id == created.id

    provider.delete(created.id, outs)
    assert provider.read(created.id, outs).id is None
    provider.delete(created.id, outs)  # already gone: fine


CREATE_PATHS = {
    "gateway": "/gateways$",
    "dataset": "/datasets$",
    "evaluation": "/evaluations$",
    "dynamic_route": "/routes$",
    "provider_config": "/provider_configs$",
}
KINDS_IN_EMULATOR = {
    "gateway": "gateway",
    "dataset": "dataset",
    "evaluation": "evaluation",
    "dynamic_route": "route",
    "provider_config": "provider_config",
}
LOST_ANSWERS: dict[str, dict[str, Any]] = {
    "504 after applying": {"status": 504, "apply_then_fail": True},
    "reset after applying": {"reset_connection": True, "apply_then_fail": True},
    "502 before applying": {"status": 502},
    # The client gives up after 1 s; the emulator carries the create out at 2.5 s regardless.
    "applied after the client timed out": {"latency_ms": 2500},
}


@pytest.mark.parametrize("fault", LOST_ANSWERS)
@pytest.mark.parametrize("kind", CASES)
def test_a_create_whose_answer_is_lost_leaves_exactly_one_object(
    kind: str, fault: str, parent: dict[str, str], emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIGATEWAY_REQUEST_TIMEOUT", "1")
    case = CASES[kind]
    before = emulator.control("GET", "/objects")["result"].get(KINDS_IN_EMULATOR[kind], 0)
    emulator.control(
        "POST", "/faults", json={"method": "POST", "path": CREATE_PATHS[kind], **LOST_ANSWERS[fault]}
    )
    created = case.provider.create(case.inputs(parent))  # no AdoptionRequired: the object is our own
    assert emulator.control("GET", "/faults")["fired"] >= 1
    time.sleep(2.0 if "timed out" in fault else 0)  # let a late duplicate land, if one is coming
    assert emulator.control("GET", "/objects")["result"][KINDS_IN_EMULATOR[kind]] == before + 1
    read = case.provider.read(created.id, created.outs or {})
    assert read.id == created.id
    assert _without_computed(case.provider, read.outs or {}) == _without_computed(
        case.provider, created.outs or {}
    )
    emulator.control("DELETE", "/faults")


VERSION_FAULTS: dict[str, dict[str, Any]] = {
    "504 after applying": {"status": 504, "apply_then_fail": True},
    "reset before applying": {"reset_connection": True},
    "applied after the client timed out": {"latency_ms": 2500},
}


@pytest.mark.parametrize("fault", VERSION_FAULTS)
def test_a_route_update_that_lost_its_answer_stores_the_graph_once(
    fault: str, parent: dict[str, str], emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIGATEWAY_REQUEST_TIMEOUT", "1")
    provider, case = DynamicRouteProvider(), CASES["dynamic_route"]
    inputs = case.inputs(parent)
    created = provider.create(inputs)
    news = {**inputs, "elements": graph("gpt-4.1-mini")}
    fired = emulator.control("GET", "/faults")["fired"]
    emulator.control(
        "POST", "/faults", json={"method": "POST", "path": "/versions$", **VERSION_FAULTS[fault]}
    )
    updated = provider.update(created.id, created.outs or {}, news)
    assert emulator.control("GET", "/faults")["fired"] == fired + 1
    time.sleep(2.0 if "timed out" in fault else 0)  # let a late duplicate land, if one is coming

    api = AIGatewayClient(Settings.resolve())
    versions = api.routes.list_versions(PARENT, created.id)
    assert len(versions) == 2  # the first graph and the new one: not stored twice
    assert (updated.outs or {})["version_id"] == next(v.version_id for v in versions if v.active == "true")
    assert api.routes.get(PARENT, created.id).elements[1]["properties"]["model"] == "gpt-4.1-mini"
    provider.delete(created.id, updated.outs or {})


def test_a_route_update_that_failed_halfway_deploys_the_version_it_left(
    parent: dict[str, str], emulator: EmulatorServer
) -> None:
    provider, case = DynamicRouteProvider(), CASES["dynamic_route"]
    inputs = case.inputs(parent)
    created = provider.create(inputs)
    news = {**inputs, "elements": graph("gpt-4.1-mini")}
    # The version is stored, then the deployment fails (a POST is not repeated blindly): the update fails.
    emulator.control("POST", "/faults", json={"method": "POST", "path": "/deployments$", "status": 500})
    with pytest.raises(ServerError, match="500"):
        provider.update(created.id, created.outs or {}, news)
    updated = provider.update(created.id, created.outs or {}, news)  # the next `pulumi up`

    api = AIGatewayClient(Settings.resolve())
    versions = api.routes.list_versions(PARENT, created.id)
    assert len(versions) == 2
    assert (updated.outs or {})["version_id"] == next(v.version_id for v in versions if v.active == "true")
    provider.delete(created.id, updated.outs or {})
