"""Custom providers: ``/custom-providers[/{id}]``, account level (not under a gateway).

Create requires ``name``, ``slug`` and ``base_url`` (a URI); PATCH takes the same fields plus ``logo``, none
required, and changes only those it is given. ``slug`` is unique per account (routes name a provider by
it). ``headers`` is a string of at most 8192 characters; the description returns it like any other field.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from aigw_emulator.common import Body, Context, envelope, now, page_of, parse_body, query_bool, query_str
from aigw_emulator.errors import not_found, validation_error

__all__ = ["routes"]

KIND = "custom_provider"


class CustomProviderPatch(Body):
    name: Annotated[str, Field(min_length=1)] | None = None
    slug: Annotated[str, Field(min_length=1)] | None = None
    base_url: str | None = None
    beta: bool | None = None
    enable: bool | None = None
    description: str | None = None
    link: str | None = None
    logo: str | None = None
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


class CustomProviderCreate(CustomProviderPatch):
    name: Annotated[str, Field(min_length=1)]
    slug: Annotated[str, Field(min_length=1)]
    base_url: str


def _unique_slug(ctx: Context, slug: str, own_id: str | None = None) -> None:
    for other in ctx.store.list(KIND, ctx.account, ""):
        if other["slug"] == slug and other["id"] != own_id:
            raise validation_error(f"Custom provider with slug {slug!r} already exists", ["body", "slug"])


def _get(ctx: Context, provider_id: str) -> dict[str, Any]:
    found = ctx.store.get(KIND, ctx.account, "", provider_id)
    if found is None:
        raise not_found(f"custom provider {provider_id}")
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
    return envelope(provider)


routes = [
    Route("/custom-providers", list_custom_providers, methods=["GET"]),
    Route("/custom-providers", create_custom_provider, methods=["POST"]),
    Route("/custom-providers/{id}", get_custom_provider, methods=["GET"]),
    Route("/custom-providers/{id}", update_custom_provider, methods=["PATCH"]),
    Route("/custom-providers/{id}", delete_custom_provider, methods=["DELETE"]),
]
