"""Custom providers (``/custom-providers[/{id}]``) and their costs (``/custom-providers/costs[/{id}]``), account
level (not under a gateway).

Create requires ``name``, ``slug`` and ``base_url`` (a URI); PATCH takes the same fields plus ``logo``, none
required, and changes only those it is given. ``slug`` is unique per account (routes name a provider by
it). ``headers`` is a string of at most 8192 characters; the description returns it like any other field.

A cost names its provider by ``account_provider_id`` (which must exist; deleting the provider deletes its
costs) and a ``model`` matched by ``model_rule``. It is sent with ``token_pricing`` as an object and answered
with it as a string (compact JSON), with ``weight`` and ``changed_by`` added. Nothing is unique about a cost.
"""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from aigw_emulator.common import Body, Context, envelope, now, page_of, parse_body, query_bool, query_str
from aigw_emulator.errors import not_found, validation_error

__all__ = ["routes"]

KIND = "custom_provider"
COST = "custom_provider_cost"


class _CustomProviderFields(Body):
    """What a create and a PATCH both take (every field optional: a PATCH changes what it gives)."""

    name: Annotated[str, Field(min_length=1)] | None = None
    slug: Annotated[str, Field(min_length=1)] | None = None
    base_url: str | None = None
    beta: bool | None = None
    enable: bool | None = None
    description: str | None = None
    link: str | None = None
    headers: Annotated[str, Field(max_length=8192)] | None = None
    curl_example: str | None = None
    js_example: str | None = None
    position: int | None = None

    @field_validator("base_url")
    @classmethod
    def _uri(cls, value: str | None) -> str | None:
        if value is not None and not (urlsplit(value).scheme and urlsplit(value).netloc):
            raise ValueError("must be a URI (scheme and host)")
        return value


class CustomProviderPatch(_CustomProviderFields):
    logo: str | None = None  # PATCH only: the description's create takes no logo


class CustomProviderCreate(_CustomProviderFields):
    name: Annotated[str, Field(min_length=1)]
    slug: Annotated[str, Field(min_length=1)]
    base_url: str


def _unique_slug(ctx: Context, slug: str, own_id: str | None = None) -> None:
    for other in ctx.store.list(KIND, ctx.account, ""):
        if other["slug"] == slug and other["id"] != own_id:
            raise validation_error(f"Custom provider with slug {slug!r} already exists", ["body", "slug"])


def _get(ctx: Context, provider_id: str, kind: str = KIND) -> dict[str, Any]:
    """A custom provider (or, with ``kind=COST``, a cost) of the account, or 404 / 7002."""
    found = ctx.store.get(kind, ctx.account, "", provider_id)
    if found is None:
        raise not_found(f"{kind.replace('_', ' ')} {provider_id}")
    return found


async def list_custom_providers(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    items = ctx.store.list(KIND, ctx.account, "")
    for flag in ("beta", "enable"):
        if (wanted := query_bool(request, flag)) is not None:
            items = [p for p in items if p.get(flag, False) is wanted]
    if search := query_str(request, "search"):
        needle = search.lower()
        items = [p for p in items if needle in f"{p['id']} {p['name']} {p['slug']}".lower()]
    return page_of(request, items)


async def create_custom_provider(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    body = await parse_body(request, CustomProviderCreate)
    with ctx.store.transaction():
        _unique_slug(ctx, body.slug)
        stamp = now()
        provider = {
            "id": str(uuid.uuid4()),
            **body.model_dump(exclude_none=True),
            "created_at": stamp,
            "modified_at": stamp,
        }
        ctx.store.put(KIND, ctx.account, "", provider["id"], provider)
    return envelope(provider)


async def get_custom_provider(request: Request) -> JSONResponse:
    return envelope(_get(Context.of(request), request.path_params["id"]))


async def update_custom_provider(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    provider_id = request.path_params["id"]
    _get(ctx, provider_id)
    body = await parse_body(request, CustomProviderPatch)
    with ctx.store.transaction():
        provider = _get(ctx, provider_id)
        if body.slug is not None:
            _unique_slug(ctx, body.slug, provider_id)
        provider.update(body.model_dump(exclude_unset=True, exclude_none=True), modified_at=now())
        ctx.store.put(KIND, ctx.account, "", provider_id, provider)
    return envelope(provider)


async def delete_custom_provider(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    provider_id = request.path_params["id"]
    with ctx.store.transaction():
        provider = _get(ctx, provider_id)
        ctx.store.delete(KIND, ctx.account, "", provider_id)
        for cost in ctx.store.list(COST, ctx.account, ""):
            if cost["account_provider_id"] == provider_id:
                ctx.store.delete(COST, ctx.account, "", cost["id"])
    return envelope(provider)


# Costs ------------------------------------------------------------------------------------------------------


class TokenPricing(Body):
    input_audio_tokens: float | None = None
    input_cache_creation_tokens: float | None = None
    input_cached_tokens: float | None = None
    input_image_count: float | None = None
    input_image_tokens: float | None = None
    input_text_tokens: float | None = None
    input_tokens: float | None = None
    input_video_tokens: float | None = None
    output_image_count: float | None = None
    output_reasoning_tokens: float | None = None
    output_tokens: float | None = None
    total_tokens: float | None = None


class CostPatch(Body):
    model: Annotated[str, Field(min_length=1)] | None = None
    model_rule: Literal["equals", "starts-with", "contains"] | None = None
    cost_in: float | None = None
    cost_out: float | None = None
    cost_type: str | None = None
    enable: bool | None = None
    token_pricing: TokenPricing | None = None


class CostCreate(CostPatch):
    account_provider_id: Annotated[str, Field(min_length=1)]
    model: Annotated[str, Field(min_length=1)]


def _cost_fields(body: CostPatch, *, exclude_unset: bool) -> dict[str, Any]:
    fields = body.model_dump(exclude_unset=exclude_unset, exclude_none=True, exclude={"token_pricing"})
    if body.token_pricing is not None:
        prices = body.token_pricing.model_dump(exclude_none=True)
        fields["token_pricing"] = json.dumps(prices, separators=(",", ":"), sort_keys=True)
    return fields


async def list_costs(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    items = ctx.store.list(COST, ctx.account, "")
    if (enable := query_bool(request, "enable")) is not None:
        items = [c for c in items if c.get("enable", True) is enable]
    for name in ("account_provider_id", "model_rule", "cost_type"):
        if (wanted := query_str(request, name)) is not None:
            items = [c for c in items if c.get(name) == wanted]
    if search := query_str(request, "search"):
        needle = search.lower()
        items = [c for c in items if needle in f"{c['model']} {c['changed_by']}".lower()]
    return page_of(request, items)


async def create_cost(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    body = await parse_body(request, CostCreate)
    with ctx.store.transaction():
        if ctx.store.get(KIND, ctx.account, "", body.account_provider_id) is None:
            raise validation_error(
                f"No custom provider {body.account_provider_id!r}", ["body", "account_provider_id"]
            )
        stamp = now()
        cost = {
            "id": str(uuid.uuid4()),
            "model_rule": "equals",
            "cost_type": "tokens",
            "enable": True,
            **_cost_fields(body, exclude_unset=False),
            "weight": 0,
            "changed_by": "manual",
            "created_at": stamp,
            "modified_at": stamp,
        }
        ctx.store.put(COST, ctx.account, "", cost["id"], cost)
    return envelope(cost)


async def get_cost(request: Request) -> JSONResponse:
    return envelope(_get(Context.of(request), request.path_params["id"], COST))


async def update_cost(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    cost_id = request.path_params["id"]
    _get(ctx, cost_id, COST)
    body = await parse_body(request, CostPatch)
    with ctx.store.transaction():
        cost = _get(ctx, cost_id, COST)
        cost.update(_cost_fields(body, exclude_unset=True), modified_at=now())
        ctx.store.put(COST, ctx.account, "", cost_id, cost)
    return envelope(cost)


async def delete_cost(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    cost_id = request.path_params["id"]
    with ctx.store.transaction():
        cost = _get(ctx, cost_id, COST)
        ctx.store.delete(COST, ctx.account, "", cost_id)
    return envelope(cost)


routes = [
    # Costs first: "costs" would otherwise be read as a provider id.
    Route("/custom-providers/costs", list_costs, methods=["GET"]),
    Route("/custom-providers/costs", create_cost, methods=["POST"]),
    Route("/custom-providers/costs/{id}", get_cost, methods=["GET"]),
    Route("/custom-providers/costs/{id}", update_cost, methods=["PATCH"]),
    Route("/custom-providers/costs/{id}", delete_cost, methods=["DELETE"]),
    Route("/custom-providers", list_custom_providers, methods=["GET"]),
    Route("/custom-providers", create_custom_provider, methods=["POST"]),
    Route("/custom-providers/{id}", get_custom_provider, methods=["GET"]),
    Route("/custom-providers/{id}", update_custom_provider, methods=["PATCH"]),
    Route("/custom-providers/{id}", delete_custom_provider, methods=["DELETE"]),
]
