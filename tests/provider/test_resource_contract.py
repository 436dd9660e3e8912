"""One lifecycle contract over every resource (tests/harness/objects.py), calling the dynamic providers directly."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_ai_gateway import AIGatewayClient, Settings
from pulumi_ai_gateway._provider import AnyProvider
from pulumi_ai_gateway.dynamic_route import DynamicRouteProvider, ModelElement
from pulumi_ai_gateway.errors import AdoptionRequired, DeclaredTwice, ServerError
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import CASES, Parent
from tests.harness.objects import one_model_graph as graph
from tests.provider.conftest import PARENT, next_deployment


def _without_computed(provider: AnyProvider, outs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in outs.items() if k not in provider.computed}


@pytest.mark.parametrize("kind", CASES)
def test_lifecycle(kind: str, parent: Parent) -> None:
    case = CASES[kind]
    provider, news = case.provider(), case.inputs(parent)
    assert provider.check({}, news).failures == []

    created = provider.create(news)
    read = provider.read(created.id, created.outs or {})
    assert read.id == created.id
    assert _without_computed(provider, read.outs or {}) == _without_computed(provider, created.outs or {})
    for key in news:
        assert (created.outs or {})[key] == provider._inputs(news).model_dump(mode="json")[key], key
    required = [key for key, info in provider.outputs_model.model_fields.items() if info.is_required()]
    assert all((created.outs or {}).get(key) is not None for key in required)
    assert provider.diff(created.id, created.outs or {}, news).changes is False

    if case.updates_in_place:
        changed = {**news, **case.change()}
        diff = provider.diff(created.id, created.outs or {}, changed)
        assert diff.changes is True and diff.replaces == []
        updated = provider.update(created.id, created.outs or {}, changed)
        after = provider.read(created.id, updated.outs or {})
        assert after.id == created.id
        for key in case.change():
            if key not in provider.write_only:
                assert (after.outs or {})[key] == provider._inputs(changed).model_dump(mode="json")[key], key
        outs = updated.outs or {}
    else:
        diff = provider.diff(created.id, created.outs or {}, {**news, **case.change()})
        assert diff.replaces == sorted(case.change())
        outs = created.outs or {}
        changed = news

    # Met again in the run that created it: another resource of the program, never to be adopted.
    with pytest.raises(DeclaredTwice, match="managed by another resource of this program") as twice:
        provider.create(changed)
    assert "adopt" not in str(twice.value)
    next_deployment()
    unadopting = {key: value for key, value in changed.items() if key != "adopt_existing"}
    with pytest.raises(AdoptionRequired, match="adopt_existing=True"):
        provider.create(unadopting)
    adopted = provider.create({**unadopting, "adopt_existing": True})
    assert adopted.id == created.id

    provider.delete(created.id, outs)
    assert provider.read(created.id, outs).id is None
    provider.delete(created.id, outs)  # already gone: fine


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
    kind: str, fault: str, parent: Parent, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIGATEWAY_REQUEST_TIMEOUT", "1")
    case, provider = CASES[kind], CASES[kind].provider()
    before = emulator.control("GET", "/objects")["result"].get(case.emulator_kind, 0)
    request = case.requests["create"]
    assert request is not None
    method, path = request
    emulator.control("POST", "/faults", json={"method": method, "path": path, **LOST_ANSWERS[fault]})
    created = provider.create(case.inputs(parent))  # no AdoptionRequired: the object is our own
    assert emulator.control("GET", "/faults")["fired"] >= 1
    emulator.settle()  # a late duplicate, if one is coming, has landed
    made = 0 if case.adopted_only else 1  # an adopted object was there before
    assert emulator.control("GET", "/objects")["result"][case.emulator_kind] == before + made
    read = provider.read(created.id, created.outs or {})
    assert read.id == created.id
    assert _without_computed(provider, read.outs or {}) == _without_computed(provider, created.outs or {})
    emulator.control("DELETE", "/faults")


VERSION_FAULTS: dict[str, dict[str, Any]] = {
    "504 after applying": {"status": 504, "apply_then_fail": True},
    "reset before applying": {"reset_connection": True},
    "applied after the client timed out": {"latency_ms": 2500},
}


@pytest.mark.parametrize("fault", VERSION_FAULTS)
def test_a_route_update_that_lost_its_answer_stores_the_graph_once(
    fault: str, parent: Parent, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
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
    emulator.settle()  # a late duplicate, if one is coming, has landed

    api = AIGatewayClient(Settings.resolve())
    versions = api.routes.list_versions(PARENT, created.id)
    assert len(versions) == 2  # the first graph and the new one: not stored twice
    assert (updated.outs or {})["version_id"] == next(v.version_id for v in versions if v.active == "true")
    model = api.routes.get(PARENT, created.id).elements[1]
    assert isinstance(model, ModelElement) and model.properties.model == "gpt-4.1-mini"
    provider.delete(created.id, updated.outs or {})


def test_a_route_update_that_failed_halfway_deploys_the_version_it_left(
    parent: Parent, emulator: EmulatorServer
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
