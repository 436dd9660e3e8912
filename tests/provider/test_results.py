"""Lookup results: dicts of the API's fields with typed attributes, the same class in both forms of a lookup."""

from __future__ import annotations

import asyncio
import json
import pickle
from typing import Any

import pulumi
import pytest

import pulumi_ai_gateway as aig
from pulumi_ai_gateway import functions
from pulumi_ai_gateway._models import read_answer
from pulumi_ai_gateway.api.dynamic_route import RouteInfo
from pulumi_ai_gateway.gateway import GatewayCreate
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN
from tests.harness.emulator import EmulatorServer

ROUTE = {
    "id": "r1",
    "name": "chat",
    "gateway_id": "g",
    "elements": [
        {"id": "s", "type": "start", "outputs": {"next": {"elementId": "e"}}},
        {"id": "e", "type": "end", "outputs": {}},
    ],
    "created_at": "2026-12-07T00:00:00Z",
    "modified_at": "2026-12-07T00:00:00Z",
    "deployment": {"deployment_id": "d1", "version_id": "v1", "created_at": "2026-12-07T00:00:00Z"},
    "version": None,
    "added_by_a_later_api": True,
}


def test_a_result_holds_the_known_fields_as_attributes_and_nested_results() -> None:
    route = functions._result(aig.GetDynamicRouteResult, read_answer(RouteInfo, ROUTE))
    assert "added_by_a_later_api" not in route  # a field the package does not know is left out
    assert route.name == "chat" and route.elements[0]["outputs"] == {"next": {"elementId": "e"}}
    assert isinstance(route.deployment, aig.GetDynamicRouteDeploymentResult)
    assert route.deployment.version_id == "v1" and route.version is None
    # A dict: equal to its fields as a dict, JSON as is, and it pickles with its classes.
    assert route == {k: v for k, v in ROUTE.items() if k != "added_by_a_later_api"}
    assert json.loads(json.dumps(route))["deployment"]["deployment_id"] == "d1"
    copied = pickle.loads(pickle.dumps(route))
    assert type(copied) is aig.GetDynamicRouteResult
    assert type(copied.deployment) is aig.GetDynamicRouteDeploymentResult


class _Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        return args.name, dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture
def account(emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """A gateway with an OTel credential and one without, found through the environment's settings."""
    emulator.control("POST", "/reset")
    for name, value in {
        "CLOUDFLARE_API_TOKEN": EMULATOR_TOKEN,
        "CLOUDFLARE_ACCOUNT_ID": EMULATOR_ACCOUNT,
        "CLOUDFLARE_BASE_URL": emulator.base_url,
    }.items():
        monkeypatch.setenv(name, value)
    gateways = aig.AIGatewayClient(aig.Settings.resolve()).gateways
    common: dict[str, Any] = {"cache_invalidate_on_update": False, "cache_ttl": 60, "collect_logs": True,
                              "rate_limiting_interval": None, "rate_limiting_limit": None}  # fmt: skip
    gateways.create(GatewayCreate(id="results-plain", **common))
    otel = [
        # No headers: the client still sends the ``headers`` the API requires (their default, none).
        aig.OtelExporter(url="https://otel.example/v1/traces", authorization="Bearer results-SECRET")
    ]
    gateways.create(GatewayCreate(id="results-otel", otel=otel, **common))


def _settle(output: pulumi.Output[Any]) -> tuple[Any, bool]:
    """The value of ``output`` (with the mocks, outside the engine) and whether it is secret."""

    async def read() -> tuple[Any, bool]:
        return await output.future(), bool(await output.is_secret())

    return pulumi.runtime.sync_await._sync_await(read())


@pytest.mark.usefixtures("account")
def test_both_forms_of_a_lookup_give_the_same_class_and_secrets_stay_secret() -> None:
    loop = asyncio.new_event_loop()  # Pulumi's runtime works on the current loop; tests before may leave none
    asyncio.set_event_loop(loop)
    pulumi.runtime.set_mocks(_Mocks(), preview=False)
    try:
        plain = aig.get_gateway("results-plain")
        value, secret = _settle(aig.get_gateway_output("results-plain"))
        assert type(value) is type(plain) is aig.GetGatewayResult and value == plain and not secret
        value, secret = _settle(aig.get_gateway_output("results-otel"))
        assert type(value) is aig.GetGatewayResult and secret  # the OTel authorization is in it
        assert value.otel and value.otel[0]["authorization"] == "Bearer results-SECRET"
        gateways, secret = _settle(aig.get_gateways_output(search="results"))
        assert [type(g) for g in gateways] == [aig.GetGatewayResult] * 2 and secret
        assert gateways == aig.get_gateways(search="results")
        types, secret = _settle(aig.get_evaluation_types_output())
        assert {type(t) for t in types} == {aig.GetEvaluationTypeResult} and not secret
    finally:
        pulumi.runtime.settings.reset_options()  # no mocks for the tests that follow
        asyncio.set_event_loop(None)
        loop.close()
