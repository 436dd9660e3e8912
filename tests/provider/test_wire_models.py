"""The package's wire models (``api/``), the emulator's request models and the official API description agree on
every field, at every depth: a field added on one side and forgotten on another fails here.

Where a side knowingly differs (a field the seed reference documents and the description lacks, a body the API
answers in another shape), the difference is listed here with its reason, so it cannot grow silently.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from aigw_emulator.objects import (
    billing,
    custom_domains,
    custom_providers,
    datasets,
    evaluations,
    gateways,
    logs,
    provider_configs,
    routes,
)
from pulumi_ai_gateway import log
from pulumi_ai_gateway.api import (
    billing as billing_api,
)
from pulumi_ai_gateway.api import (
    custom_domain,
    custom_provider,
    custom_provider_cost,
    dataset,
    dynamic_route,
    evaluation,
    gateway,
    provider_config,
    spending_limit,
    topup_config,
)
from tests.emulator.contract import PREFIX, contract, resolved

# The seed reference documents these; the description does not (yet): the package and the emulator keep them.
SEED_ONLY = {"byok_only"}


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    """A model's fields by the names on the wire, with their types."""
    return {info.alias or name: info.annotation for name, info in model.model_fields.items()}


def _models(tp: Any) -> list[type[BaseModel]]:
    """The models a field's type holds (through Optional, Annotated, lists and unions)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:
        return _models(args[0])
    if origin in (Union, types.UnionType, list):
        return [model for arg in args for model in _models(arg)]
    return []


def _mapped(tp: Any) -> list[type[BaseModel]]:
    """The models a ``dict[str, Model]`` field holds as values (its keys are the names on the wire)."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated or origin in (Union, types.UnionType):
        return [model for arg in args for model in _mapped(arg)]
    return _models(args[1]) if origin is dict else []


def _schema_objects(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The object schemas a schema allows (through arrays and oneOf/anyOf/allOf)."""
    if "properties" in schema:
        return [schema]
    found: list[dict[str, Any]] = []
    for key in ("oneOf", "anyOf", "allOf"):
        for option in schema.get(key, []):
            found += _schema_objects(option)
    if "items" in schema:
        found += _schema_objects(schema["items"])
    return found


def _disagreements(where: str, schema: dict[str, Any], models: list[type[BaseModel]], side: str) -> list[str]:
    """Fields the schema declares and ``models`` (one side's, a union's members alike) lack, or the reverse,
    at every depth."""
    objects = _schema_objects(schema)
    declared = {name for option in objects for name in option["properties"]}
    known = {name for model in models for name in _fields(model)}
    names = [m.__name__ for m in models]
    problems = [
        f"{where}.{n}: in the description, not in the {side}'s {names}" for n in sorted(declared - known)
    ]
    problems += [
        f"{where}.{n}: in the {side}'s {names}, not in the description" for n in sorted(known - declared)
    ]
    for name in sorted(declared & known):
        # The property's schemas in every object the schema allows (a union's members each have theirs).
        options = [o["properties"][name] for o in objects if name in o["properties"]]
        types_ = [_fields(model)[name] for model in models if name in _fields(model)]
        inner = [m for tp in types_ for m in _models(tp)]
        values = [m for tp in types_ for m in _mapped(tp)]
        if inner and _schema_objects({"anyOf": options}):
            problems += _disagreements(f"{where}.{name}", {"anyOf": options}, inner, side)
        elif values:  # a map of objects: each named entry (or any entry) is one of the values' models
            entries = [
                s for o in options for s in [*o.get("properties", {}).values(), o.get("additionalProperties")]
            ]
            problems += _disagreements(f"{where}.{name}.*", {"anyOf": [e for e in entries if isinstance(e, dict)]},
                                       values, side)  # fmt: skip
    return problems


def _body(method: str, template: str) -> dict[str, Any]:
    operation = contract()["paths"][PREFIX + template][method.lower()]
    schema: dict[str, Any] = resolved(operation["requestBody"]["content"]["application/json"]["schema"])
    return schema


def _answer(template: str) -> dict[str, Any]:
    """The schema of ``result`` in the 200 answer of ``GET template``."""
    operation = contract()["paths"][PREFIX + template]["get"]
    schema: dict[str, Any] = resolved(operation["responses"]["200"]["content"]["application/json"]["schema"])
    return dict(schema["properties"]["result"])


def _unexplained(problems: list[str], known: set[str]) -> list[str]:
    """``problems`` but those of the fields listed as known differences."""
    return [p for p in problems if p.split(":")[0].rsplit(".", 1)[-1] not in known]


# Every request body: the operation, the package's model, the emulator's model.
BODIES = [
    ("PUT", "/gateways/{id}", gateway.GatewaySettings, gateways.GatewayUpdate),
    ("POST", "/gateways/{gateway_id}/datasets", dataset.DatasetBody, datasets.DatasetBody),
    ("PUT", "/gateways/{gateway_id}/datasets/{id}", dataset.DatasetBody, datasets.DatasetBody),
    ("POST", "/gateways/{gateway_id}/evaluations", evaluation.EvaluationCreate, evaluations.EvaluationBody),
    ("POST", "/gateways/{gateway_id}/provider_configs", provider_config.ProviderConfigCreate,
     provider_configs.ProviderConfigCreate),
    ("POST", "/gateways/{gateway_id}/routes", dynamic_route.RouteBody, routes.RouteCreate),
    ("POST", "/custom-providers", custom_provider.CustomProviderCreate, custom_providers.CustomProviderCreate),
    ("PATCH", "/custom-providers/{id}", custom_provider.CustomProviderBody, custom_providers.CustomProviderPatch),
    ("POST", "/custom-providers/costs", custom_provider_cost.CustomProviderCostCreate, custom_providers.CostCreate),
    ("PATCH", "/custom-providers/costs/{id}", custom_provider_cost.CustomProviderCostBody,
     custom_providers.CostPatch),
    ("POST", "/gateways/{gateway_id}/custom-domains", custom_domain.CustomDomainBody, custom_domains.DomainCreate),
    ("PATCH", "/gateways/{gateway_id}/logs/{id}", log.LogPatch, logs.LogPatch),
    ("POST", "/billing/spending-limit", spending_limit.SpendingLimitBody, billing.SpendingLimitBody),
    ("POST", "/billing/topup/config", topup_config.TopupConfigBody, billing.TopupConfigBody),
    ("POST", "/billing/topup", billing_api.TopupBody, billing.TopupBody),
    ("POST", "/billing/topup/status", billing_api.TopupStatusBody, billing.TopupStatusBody),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "template", "package", "emulator"), BODIES, ids=[f"{m} {t}" for m, t, *_ in BODIES]
)
def test_request_bodies_agree(
    method: str, template: str, package: type[BaseModel], emulator: type[BaseModel]
) -> None:
    where, schema = f"{method} {template}", _body(method, template)
    problems = _disagreements(where, schema, [package], "package")
    problems += _disagreements(where, schema, [emulator], "emulator")
    assert _unexplained(problems, SEED_ONLY) == []


# Every object's answer: its GET, the package's read model, and what the read model knowingly holds beyond it.
ANSWERS = [
    ("/gateways/{id}", gateway.GatewayInfo, SEED_ONLY),
    ("/gateways/{gateway_id}/datasets/{id}", dataset.DatasetInfo, set()),
    ("/gateways/{gateway_id}/evaluations/{id}", evaluation.EvaluationInfo, set()),
    ("/gateways/{gateway_id}/routes/{id}", dynamic_route.RouteInfo, set()),
    ("/custom-providers/{id}", custom_provider.CustomProviderInfo, set()),
    ("/custom-providers/costs/{id}", custom_provider_cost.CustomProviderCostInfo, set()),
    # ``cname_target`` is in the create's answer only (the CNAME record to make).
    ("/gateways/{gateway_id}/custom-domains/{hostname}", custom_domain.CustomDomainInfo, {"cname_target"}),
    ("/gateways/{gateway_id}/logs/{id}", log.LogInfo, set()),
    # The API answers ``{enabled, config: {amount, duration, strategy}}``; the read model holds them flat.
    (
        "/billing/spending-limit",
        spending_limit.SpendingLimitInfo,
        {"config", "amount", "duration", "strategy"},
    ),
    ("/billing/topup/config", topup_config.TopupConfigInfo, set()),
    ("/billing/credit-balance", billing_api.CreditBalanceInfo, set()),
    ("/billing/invoice-history", billing_api.InvoiceHistoryInfo, set()),
    ("/billing/invoice-preview", billing_api.InvoicePreviewInfo, set()),
    ("/billing/usage-history", billing_api.UsageHistoryInfo, set()),
    ("/billing/topup/limits", billing_api.TopupLimitsInfo, set()),
]


@pytest.mark.parametrize(("template", "model", "known"), ANSWERS, ids=[t for t, *_ in ANSWERS])
def test_read_models_hold_every_field_of_the_answer(
    template: str, model: type[BaseModel], known: set[str]
) -> None:
    assert _unexplained(_disagreements(f"GET {template}", _answer(template), [model], "package"), known) == []


def test_the_check_finds_a_field_one_side_lacks() -> None:
    class Short(BaseModel):
        name: str

    problems = _disagreements("POST /x", {"properties": {"name": {}, "enable": {}}}, [Short], "package")
    assert problems == ["POST /x.enable: in the description, not in the package's ['Short']"]
