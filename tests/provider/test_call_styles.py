"""Both of Pulumi's call styles for every resource, and clear errors for calls that fit neither."""

from __future__ import annotations

import asyncio
from typing import Any

import pulumi
import pytest

import pulumi_ai_gateway as aig
from pulumi_ai_gateway._program import _call_args, plain

FIELDS: dict[type[Any], dict[str, Any]] = {
    aig.GatewayArgs: {"gateway_id": "prod", "cache_ttl": 300},
    aig.DatasetArgs: {"gateway_id": "prod", "name": "d"},
    aig.EvaluationArgs: {
        "gateway_id": "prod",
        "name": "e",
        "dataset_ids": ["d"],
        "evaluation_type_ids": ["c"],
    },
    aig.DynamicRouteArgs: {"gateway_id": "prod", "name": "r", "elements": []},
    aig.ProviderConfigArgs: {"gateway_id": "prod", "provider_slug": "openai", "alias": "a", "secret": "s"},
}
OPTS = pulumi.ResourceOptions(protect=True)


@pytest.mark.parametrize("args_type", FIELDS, ids=lambda t: t.__name__)
def test_every_call_style_gives_the_same_args(args_type: type[Any]) -> None:
    fields = FIELDS[args_type]
    expected = args_type(**fields)
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((expected,), {}),
        ((expected, OPTS), {}),
        ((), {"args": expected, "opts": OPTS}),
        ((fields,), {"opts": OPTS}),  # the args as a dict
        ((), fields),
        ((OPTS,), fields),
        ((), {**fields, "opts": OPTS}),
    ]
    for positional, keywords in calls:
        args, opts = _call_args("X", args_type, positional, keywords)
        assert args == expected, (positional, keywords)
        assert opts is (OPTS if OPTS in (*positional, *keywords.values()) else None)


def test_an_unknown_keyword_lists_the_valid_ones() -> None:
    with pytest.raises(TypeError, match=r"unexpected keyword argument\(s\) 'cache_tll'; valid: gateway_id, "):
        _call_args("Gateway", aig.GatewayArgs, (), {"gateway_id": "prod", "cache_tll": 300})


def test_a_missing_required_field_is_named() -> None:
    with pytest.raises(TypeError, match="Dataset\\(\\) missing required argument\\(s\\): name"):
        _call_args("Dataset", aig.DatasetArgs, (), {"gateway_id": "prod"})


def test_args_and_fields_together_are_refused() -> None:
    with pytest.raises(TypeError, match="both GatewayArgs and keyword fields \\(cache_ttl\\)"):
        _call_args("Gateway", aig.GatewayArgs, (aig.GatewayArgs(gateway_id="p"),), {"cache_ttl": 1})


def test_a_positional_of_another_kind_is_refused() -> None:
    with pytest.raises(TypeError, match="got a positional int"):
        _call_args("Gateway", aig.GatewayArgs, (5,), {})


def test_nested_inputs_become_props_and_outputs_inside_keep_their_secrecy() -> None:
    async def run() -> None:
        secret = pulumi.Output.secret("Bearer SECRET")
        args, _ = _call_args(
            "Gateway",
            aig.GatewayArgs,
            (),
            {
                "gateway_id": "prod",
                "otel": [aig.OtelExporterArgs(url="https://o.example", authorization=secret)],
            },
        )
        (exporter,) = plain(args.otel)
        assert exporter["url"] == "https://o.example"
        assert "headers" not in exporter  # unset fields are left out, so the inputs model's defaults apply
        assert await exporter["authorization"].is_secret()
        assert await exporter["authorization"].future() == "Bearer SECRET"
        # An Output holding an Args class becomes an Output of props, as secret as it was.
        wrapped = plain(secret.apply(lambda value: aig.TargetArgs(element_id=value)))
        assert await wrapped.is_secret()
        assert await wrapped.future() == {"element_id": "Bearer SECRET"}
        # Route elements carry their tag without the program spelling it.
        assert plain(aig.EndElementArgs(id="end")) == {"id": "end", "type": "end"}

    asyncio.run(run())


def test_the_import_option_is_refused_with_what_to_do_instead() -> None:
    with pytest.raises(pulumi.RunError, match=r"cannot work for dynamic resources .* adopt_existing=True"):
        aig.Gateway("legacy", gateway_id="legacy", opts=pulumi.ResourceOptions(import_="legacy"))


def test_a_field_called_name_is_a_keyword_like_any_other() -> None:
    # Dataset, Evaluation and DynamicRoute have a `name` field; the resource name is `resource_name`.
    opts = pulumi.ResourceOptions(import_="x")  # refused before anything is registered
    for call in (
        lambda: aig.Dataset("failures", gateway_id="prod", name="failures", opts=opts),
        lambda: aig.Evaluation(
            "e", gateway_id="p", name="e", dataset_ids=["d"], evaluation_type_ids=["c"], opts=opts
        ),
        lambda: aig.DynamicRoute("r", gateway_id="p", name="r", elements=[], opts=opts),
    ):
        with pytest.raises(pulumi.RunError, match="import_ option"):
            call()


def test_a_typed_client_model_given_an_output_names_the_args_class_to_use() -> None:
    async def run() -> None:
        token = pulumi.Output.secret("token")
        with pytest.raises(
            TypeError, match=r"OtelExporter\.authorization got a pulumi\.Output: .* OtelExporterArgs"
        ):
            aig.OtelExporter(url="https://otel.example/v1/traces", authorization=token)  # type: ignore[arg-type]

    asyncio.run(run())
