"""Gateways: ``/gateways`` and ``/gateways/{id}``, plus the gateway URL.

The URL is where this emulator serves the gateway's data plane (``dataplane``): ``http://<host>/v1/...`` on the
same server, where Cloudflare answers ``https://gateway.ai.cloudflare.com/v1/...``.

PUT is a full replacement: fields left out go back to their defaults. ``dlp``, ``guardrails``, ``otel``,
``spend_limits``, ``stripe`` and ``log_classification`` are update-only in the API description, but
Cloudflare's own SDK (5.9.0) also sends them, and ``byok_only``, on create, so both are accepted.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from aigw_emulator.common import Body, Context, envelope, new_id, now, page_of, parse_body, query_str
from aigw_emulator.errors import bad_request, not_found, validation_error
from aigw_emulator.objects.provider_configs import delete_owned_secret

__all__ = ["create_default", "routes"]

GATEWAY_ID = re.compile(r"^[a-z0-9_]+(?:-[a-z0-9_]+)*$")
NonNegative = Annotated[int, Field(ge=0)]
Action = Literal["FLAG", "BLOCK"]


class DlpSimple(Body):
    action: Literal["BLOCK", "FLAG"]
    enabled: bool
    profiles: list[str]


class DlpPolicy(Body):
    id: str
    action: Action
    check: list[Literal["REQUEST", "RESPONSE"]]
    enabled: bool
    profiles: list[str]


class DlpPolicies(Body):
    enabled: bool
    policies: list[DlpPolicy]


class GuardrailSet(Body):
    P1: Action | None = None
    S1: Action | None = None
    S2: Action | None = None
    S3: Action | None = None
    S4: Action | None = None
    S5: Action | None = None
    S6: Action | None = None
    S7: Action | None = None
    S8: Action | None = None
    S9: Action | None = None
    S10: Action | None = None
    S11: Action | None = None
    S12: Action | None = None
    S13: Action | None = None


class Guardrails(Body):
    prompt: GuardrailSet
    response: GuardrailSet


class Otel(Body):
    url: Annotated[str, Field(min_length=1, max_length=2048)]
    headers: dict[str, Annotated[str, Field(max_length=4096)]]
    authorization: Annotated[str, Field(max_length=256)] | None = None
    content_type: Literal["json", "protobuf"] = "json"

    @field_validator("url")
    @classmethod
    def _uri(cls, value: str) -> str:
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://\S+$", value):
            raise ValueError("must be an absolute URI")
        return value


class FilterMode(Body):
    mode: Literal["filter"]
    values: list[str]


class PartitionMode(Body):
    mode: Literal["partition"]


class SpendRule(Body):
    limit: Annotated[float, Field(gt=0)]
    limitType: Literal["cost"]
    window: Annotated[int, Field(gt=0)]
    id: Annotated[str, Field(min_length=1)] | None = None
    enabled: bool = True
    technique: Literal["fixed", "sliding"] = "sliding"
    metadata: dict[str, PartitionMode | FilterMode] | None = None
    model: FilterMode | None = None
    provider: FilterMode | None = None


class SpendLimits(Body):
    enabled: bool = False
    rules: Annotated[list[SpendRule], Field(max_length=20, default_factory=list)]


class UsageEvent(Body):
    payload: str


class Stripe(Body):
    authorization: str
    usage_events: list[UsageEvent]


class GatewayUpdate(Body):
    """PUT body: every setting; the five required ones must be sent again."""

    cache_invalidate_on_update: bool
    cache_ttl: NonNegative | None
    collect_logs: bool
    rate_limiting_interval: NonNegative | None
    rate_limiting_limit: NonNegative | None
    authentication: bool = False
    byok_only: bool | None = None
    log_management: Annotated[int, Field(ge=10_000, le=10_000_000)] | None = None
    log_management_strategy: Literal["STOP_INSERTING", "DELETE_OLDEST"] | None = None
    logpush: bool = False
    logpush_public_key: Annotated[str, Field(min_length=16, max_length=1024)] | None = None
    rate_limiting_technique: Literal["fixed", "sliding"] | None = "fixed"
    retry_backoff: Literal["constant", "linear", "exponential"] | None = None
    # The description says at most 5000 ms; the SDK documents 0..60000. Accept what the SDK sends.
    retry_delay: Annotated[int, Field(ge=0, le=60_000)] | None = None
    retry_max_attempts: Annotated[int, Field(ge=1, le=5)] | None = None
    store_id: str | None = None
    workers_ai_billing_mode: Literal["postpaid", "unified"] = "postpaid"
    zdr: bool = False
    dlp: DlpSimple | DlpPolicies | None = None
    guardrails: Guardrails | None = None
    log_classification: bool | None = None
    otel: Annotated[list[Otel], Field(max_length=5)] | None = None
    spend_limits: SpendLimits | None = None
    stripe: Stripe | None = None


class GatewayCreate(GatewayUpdate):
    id: Annotated[str, Field(min_length=1, max_length=64)]

    @field_validator("id")
    @classmethod
    def _pattern(cls, value: str) -> str:
        if not GATEWAY_ID.match(value):
            raise ValueError("must match ^[a-z0-9_]+(?:-[a-z0-9_]+)*$ (lowercase letters, digits, _ and -)")
        return value


_OPTIONAL_OBJECTS = ("byok_only", "dlp", "guardrails", "log_classification", "otel", "spend_limits", "stripe")


def _settings(body: GatewayUpdate) -> dict[str, Any]:
    """Stored settings: optional objects that are unset or null are left out (``dlp`` may not be null)."""
    stored = body.model_dump(exclude={"id", *_OPTIONAL_OBJECTS})
    # Inside the objects, unset optional keys are absent (the API never answers them as null).
    stored.update(body.model_dump(include=set(_OPTIONAL_OBJECTS), exclude_none=True))
    for index, rule in enumerate((stored.get("spend_limits") or {}).get("rules") or []):
        # The API assigns rule ids when none is given.
        rule["id"] = rule.get("id") or f"{new_id()[:7]}{index}"
    return stored


async def list_gateways(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    items = ctx.store.list("gateway", ctx.account, "")
    if search := query_str(request, "search"):
        items = [g for g in items if search.lower() in g["id"]]
    return page_of(request, items)


async def create_gateway(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    body = await parse_body(request, GatewayCreate)
    with ctx.store.transaction():
        if ctx.store.get("gateway", ctx.account, "", body.id) is not None:
            raise validation_error(f"A gateway with id {body.id!r} already exists", ["body", "id"])
        stamp = now()
        gateway = {"id": body.id, **_settings(body), "created_at": stamp, "modified_at": stamp}
        gateway["is_default"] = body.id == "default"
        ctx.store.put("gateway", ctx.account, "", body.id, gateway)
    return envelope(gateway)


def create_default(ctx: Context) -> dict[str, Any]:
    """The ``default`` gateway as the first authenticated request through it makes it: authentication and
    logs on, cache and rate limit off."""
    body = GatewayCreate(id="default", cache_invalidate_on_update=False, cache_ttl=0, collect_logs=True,
                         rate_limiting_interval=0, rate_limiting_limit=0, authentication=True)  # fmt: skip
    with ctx.store.transaction():
        found = ctx.store.get("gateway", ctx.account, "", "default")
        if found is not None:
            return found
        stamp = now()
        gateway = {
            "id": "default",
            **_settings(body),
            "created_at": stamp,
            "modified_at": stamp,
            "is_default": True,
        }
        return ctx.store.put("gateway", ctx.account, "", "default", gateway)


async def get_gateway(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    return envelope(ctx.gateway(request.path_params["id"]))


async def update_gateway(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id = request.path_params["id"]
    ctx.gateway(gateway_id)
    body = await parse_body(request, GatewayUpdate)
    with ctx.store.transaction():
        old = ctx.gateway(gateway_id)
        gateway = {
            "id": gateway_id,
            **_settings(body),
            "created_at": old["created_at"],
            "modified_at": now(),
            "is_default": old.get("is_default", False),
        }
        ctx.store.put("gateway", ctx.account, "", gateway_id, gateway)
    return envelope(gateway)


async def delete_gateway(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id = request.path_params["id"]
    with ctx.store.transaction():
        gateway = ctx.gateway(gateway_id)
        ctx.store.delete("gateway", ctx.account, "", gateway_id)
        # Its provider keys go with it, stored secrets included.
        for config in ctx.store.list("provider_config", ctx.account, gateway_id):
            delete_owned_secret(ctx, config)
        ctx.store.delete_under(ctx.account, gateway_id)
    return envelope(gateway)


async def gateway_url(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id, provider = request.path_params["gateway_id"], request.path_params["provider"]
    if not provider.strip():
        raise bad_request("provider must not be empty")
    if ctx.store.get("gateway", ctx.account, "", gateway_id) is None:
        raise not_found(f"gateway {gateway_id}")
    return envelope(f"{request.url.scheme}://{request.url.netloc}/v1/{ctx.account}/{gateway_id}/{provider}")


routes = [
    Route("/gateways", list_gateways, methods=["GET"]),
    Route("/gateways", create_gateway, methods=["POST"]),
    Route("/gateways/{id}", get_gateway, methods=["GET"]),
    Route("/gateways/{id}", update_gateway, methods=["PUT"]),
    Route("/gateways/{id}", delete_gateway, methods=["DELETE"]),
    Route("/gateways/{gateway_id}/url/{provider}", gateway_url, methods=["GET"]),
]
