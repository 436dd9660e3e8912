"""check: every invalid input becomes a CheckFailure naming the field, before any API call."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.runtime import rpc

from pulumi_ai_gateway._provider import AnyProvider
from pulumi_ai_gateway.dataset import DatasetProvider
from pulumi_ai_gateway.dynamic_route import DynamicRouteProvider
from pulumi_ai_gateway.evaluation import EvaluationProvider
from pulumi_ai_gateway.gateway import GatewayProvider
from pulumi_ai_gateway.provider_config import ProviderConfigProvider
from tests.harness.objects import one_model_graph as graph


def failures(provider: AnyProvider, news: dict[str, Any]) -> dict[str, str]:
    """Field path -> reason; a nested path is reported in the reason (``path: reason``, no property)."""
    return dict(_path_and_reason(f) for f in provider.check({}, news).failures)


def _path_and_reason(failure: Any) -> tuple[str, str]:
    if failure.property:
        return failure.property, failure.reason
    path, _, reason = failure.reason.partition(": ")
    return path, reason


@pytest.mark.parametrize(
    ("provider", "news", "field"),
    [
        (GatewayProvider(), {"gateway_id": "Not OK"}, "gateway_id"),
        (GatewayProvider(), {"gateway_id": "gw", "cache_ttl": -1}, "cache_ttl"),
        (GatewayProvider(), {"gateway_id": "gw", "retry_max_attempts": 9}, "retry_max_attempts"),
        (GatewayProvider(), {"gateway_id": "gw", "otel": [{"url": "", "headers": {}}]}, "otel[0].url"),
        (GatewayProvider(), {"gateway_id": "gw", "colour": "red"}, "colour"),
        (GatewayProvider(), {}, "gateway_id"),
        (
            DatasetProvider(),
            {"gateway_id": "gw", "name": "d", "filters": [{"key": "nope", "operator": "eq", "value": [1]}]},
            "filters[0].key",
        ),
        (
            EvaluationProvider(),
            {"gateway_id": "gw", "name": "e", "dataset_ids": [], "evaluation_type_ids": ["cost"]},
            "dataset_ids",
        ),
        (ProviderConfigProvider(), {"gateway_id": "gw", "provider_slug": "openai", "alias": "a"}, "secret"),
        (
            DynamicRouteProvider(),
            {"gateway_id": "gw", "name": "r", "elements": [{"id": "x", "type": "teleport"}]},
            "elements[0]",
        ),
    ],
)
def test_failures_name_the_field(provider: AnyProvider, news: dict[str, Any], field: str) -> None:
    found = failures(provider, news)
    assert any(key == field or key.startswith(field) for key in found), found


def _route(elements: list[dict[str, Any]]) -> dict[str, str]:
    return failures(DynamicRouteProvider(), {"gateway_id": "gw", "name": "r", "elements": elements})


def test_route_graph_rules() -> None:
    good = graph("m")
    assert _route(good) == {}
    no_start = good[1:]
    assert "exactly one start" in _route(no_start)["elements"]
    two_starts = [good[0], {**good[0], "id": "start2"}, *good[1:]]
    assert "found 2" in _route(two_starts)["elements"]
    dangling = [
        good[0],
        {**good[1], "outputs": {"success": {"element_id": "ghost"}, "fallback": {"element_id": "end"}}},
        good[2],
    ]
    assert "ghost" in _route(dangling)["elements[1].outputs.success"]
    cycle = [
        good[0],
        {**good[1], "outputs": {"success": {"element_id": "m"}, "fallback": {"element_id": "end"}}},
        good[2],
    ]
    assert "cycle" in _route(cycle)["elements"]
    too_many = [
        {"id": "start", "type": "start", "outputs": {"next": {"element_id": "split"}}},
        {"id": "split", "type": "percentage", "outputs": {str(i): {"element_id": "end"} for i in range(6)}},
        {"id": "end", "type": "end", "outputs": {}},
    ]
    assert "one to five" in _route(too_many)["elements[1].outputs"]
    duplicate = [*good, {**good[2]}]
    assert "duplicate" in _route(duplicate)["elements[3].id"]


def test_unknown_values_are_not_judged_during_preview() -> None:
    # The gateway id comes from another resource's output: unknown at preview time.
    news = {"gateway_id": rpc.UNKNOWN, "name": "d", "filters": []}
    assert failures(DatasetProvider(), news) == {}
    diff = DatasetProvider().diff("x", {"gateway_id": "gw", "name": "d", "enable": True, "filters": []}, news)
    assert diff.changes is True and diff.replaces == ["gateway_id"]


def test_unknowns_inside_lists_are_not_judged() -> None:
    """An evaluation of a dataset created in the same preview: its id is Unknown() inside the list."""
    from pulumi.output import Unknown

    news = {"gateway_id": "gw", "name": "e", "dataset_ids": [Unknown()], "evaluation_type_ids": ["cost"]}  # type: ignore[no-untyped-call]
    assert failures(EvaluationProvider(), news) == {}


def _declared(provider: AnyProvider, resource: str, **news: Any) -> dict[str, str]:
    """check of ``news`` as the program sends it: with the resource's name, which check drops."""
    result = provider.check({}, {**news, "__resource_name": resource})
    assert "__resource_name" not in result.inputs
    return {f.property: f.reason for f in result.failures}


@pytest.mark.parametrize(
    ("provider", "key", "field"),
    [
        (GatewayProvider(), {"gateway_id": "edge"}, "gateway_id"),
        (
            DynamicRouteProvider(),
            {"gateway_id": "edge", "name": "chat", "elements": graph("gpt-4o-mini")},
            "name",
        ),
        (DatasetProvider(), {"gateway_id": "edge", "name": "failures"}, "name"),
        (
            ProviderConfigProvider(),
            {"gateway_id": "edge", "provider_slug": "openai", "alias": "primary", "secret": "sk-0123456789"},
            "alias",
        ),
    ],
)
def test_one_object_declared_twice_fails_check_naming_both(
    provider: AnyProvider, key: dict[str, Any], field: str
) -> None:
    assert _declared(provider, "first", **key) == {}
    assert _declared(provider, "first", **key) == {}  # checked again (preview, then up): still its own
    assert _declared(provider, "elsewhere", **key, account_id="fedcba9876543210fedcba9876543210") == {}
    problem = _declared(provider, "second", **key)
    assert list(problem) == [field]
    assert "'first' and 'second'" in problem[field] and "adopt" not in problem[field]


def test_a_key_unknown_during_preview_is_not_judged() -> None:
    assert _declared(GatewayProvider(), "first", gateway_id="edge") == {}
    unknown = {"gateway_id": rpc.UNKNOWN, "name": "chat", "elements": graph("gpt-4o-mini")}
    assert _declared(DynamicRouteProvider(), "route", **unknown) == {}
    assert _declared(GatewayProvider(), "second", gateway_id=rpc.UNKNOWN) == {}


def test_no_silent_coercion_but_whole_numbers_from_the_engine_are_numbers() -> None:
    gateway = GatewayProvider()
    found = failures(gateway, {"gateway_id": "gw", "cache_ttl": "300", "authentication": "yes", "zdr": 1})
    assert set(found) == {"cache_ttl", "authentication", "zdr"}, found
    assert "valid integer" in found["cache_ttl"] and "valid boolean" in found["authentication"]
    assert failures(gateway, {"gateway_id": "gw", "cache_ttl": 300.0, "retry_delay": 5.0}) == {}
    assert "valid integer" in failures(gateway, {"gateway_id": "gw", "cache_ttl": 300.5})["cache_ttl"]


def test_one_mistake_one_error_with_the_path_the_program_wrote() -> None:
    result = GatewayProvider().check(
        {}, {"gateway_id": "gw", "dlp": {"action": "BLOK", "enabled": True, "profiles": ["pii"]}}
    )
    assert [(f.property, f.reason) for f in result.failures] == [
        ("", "dlp.action: Input should be 'FLAG' or 'BLOCK' (given: 'BLOK')")
    ]
    route = _route([{"id": "s", "type": "start", "outputs": {"next": {"element_id": "m"}}},
                    {"id": "m", "type": "model", "properties": {"provider": "openai", "model": "x", "timeout": "1",
                     "retries": 0}, "outputs": {"success": {"element_id": "e"}, "fallback": {"element_id": "e"}}},
                    {"id": "e", "type": "end"}])  # fmt: skip
    assert route == {"elements[1].properties.timeout": "Input should be a valid number (given: '1')"}


def test_the_route_graph_is_checked_while_other_inputs_are_unknown() -> None:
    dangling = [
        {"id": "start", "type": "start", "outputs": {"next": {"element_id": "nowhere"}}},
        {"id": "end", "type": "end"},
    ]
    news = {"gateway_id": rpc.UNKNOWN, "name": "r", "elements": dangling, "route_id": rpc.UNKNOWN}
    (failure,) = DynamicRouteProvider().check({}, news).failures
    assert failure.property == ""  # the engine would print the whole graph beside "elements"
    assert failure.reason.startswith("elements[0].outputs.next: leads to 'nowhere'"), failure.reason
    # Unknown elements: judged once known.
    assert DynamicRouteProvider().check({}, {**news, "elements": [rpc.UNKNOWN]}).failures == []


def test_a_provider_config_moved_to_another_gateway_is_created_before_the_old_is_deleted() -> None:
    provider = ProviderConfigProvider()
    olds = {"gateway_id": "a", "provider_slug": "openai", "alias": "k", "secret": "s", "account_id": "acc"}
    moved = provider.diff("id", olds, {**olds, "gateway_id": "b"})
    assert moved.replaces == ["gateway_id"] and moved.delete_before_replace is False
    renamed = provider.diff("id", olds, {**olds, "alias": "other"})
    assert renamed.replaces == ["alias"] and renamed.delete_before_replace is True


def test_a_changed_secret_is_named_in_the_checked_inputs_never_shown() -> None:
    olds = {"gateway_id": "gw", "otel": [{"url": "https://o.example", "authorization": "Bearer old-SECRET"}]}
    news = {"gateway_id": "gw", "otel": [{"url": "https://o.example", "authorization": "Bearer new-SECRET"}]}
    checked = GatewayProvider().check(olds, news).inputs
    assert checked["changed_secrets"] == ["otel"]
    assert "changed_secrets" not in GatewayProvider().check(news, news).inputs


def test_an_evaluation_needs_an_evaluator_though_the_api_takes_none() -> None:
    news = {"gateway_id": "gw", "name": "e", "dataset_ids": ["d"], "evaluation_type_ids": []}
    assert "at least one evaluator" in failures(EvaluationProvider(), news)["evaluation_type_ids"]
