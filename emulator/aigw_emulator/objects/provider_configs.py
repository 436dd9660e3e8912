"""Provider configs (BYOK keys): ``/gateways/{gateway_id}/provider_configs[/{id}]``.

No GET by id (read through the list). ``secret`` is write-only: responses carry ``secret_id`` and a
``secret_preview`` only; the secret itself is kept in a separate row, as a secrets store would. PUT takes only
``secret`` and rotates it. ``(provider_slug, alias)`` is unique per gateway.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from aigw_emulator.common import Body, Context, envelope, new_id, now, page_of, parse_body
from aigw_emulator.errors import validation_error

__all__ = ["routes"]


class ProviderConfigCreate(Body):
    provider_slug: Annotated[str, Field(min_length=1)]
    alias: Annotated[str, Field(min_length=1)]
    default_config: bool
    secret: Annotated[str, Field(min_length=1)] | None = None
    secret_id: Annotated[str, Field(min_length=1)] | None = None
    rate_limit: float | None = None
    rate_limit_period: float = 60


class ProviderConfigUpdate(Body):
    secret: Annotated[str, Field(min_length=1)]


def _preview(secret: str) -> str:
    """Enough to recognise a key, never enough to use it."""
    return f"{secret[:2]}…{secret[-2:]}" if len(secret) >= 12 else "…"


def _store_secret(ctx: Context, secret_id: str, secret: str, owner: str) -> None:
    """Keep the secret apart from the config; ``owner`` is the config that put it there (and deletes it)."""
    ctx.store.put("secret", ctx.account, "", secret_id, {"id": secret_id, "value": secret, "owner": owner})


async def list_provider_configs(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id = request.path_params["gateway_id"]
    ctx.gateway(gateway_id)
    return page_of(request, ctx.store.list("provider_config", ctx.account, gateway_id))


async def create_provider_config(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id = request.path_params["gateway_id"]
    ctx.gateway(gateway_id)
    body = await parse_body(request, ProviderConfigCreate)
    if body.secret is None and body.secret_id is None:
        raise validation_error("Either secret or secret_id is required", ["body", "secret"])
    with ctx.store.transaction():
        ctx.gateway(gateway_id)
        for other in ctx.store.list("provider_config", ctx.account, gateway_id):
            if (other["provider_slug"], other["alias"]) == (body.provider_slug, body.alias):
                raise validation_error(
                    f"Provider config for {body.provider_slug!r} with alias {body.alias!r} already exists",
                    ["body", "alias"],
                )
        secret_id, config_id = body.secret_id or new_id(), new_id()
        if body.secret is not None:
            _store_secret(ctx, secret_id, body.secret, owner=config_id)
        config: dict[str, Any] = {
            "id": config_id,
            "gateway_id": gateway_id,
            "provider_slug": body.provider_slug,
            "alias": body.alias,
            "default_config": body.default_config,
            "secret_id": secret_id,
            "secret_preview": _preview(body.secret) if body.secret is not None else "…",
            "rate_limit_period": body.rate_limit_period,
            "modified_at": now(),
        }
        if body.rate_limit is not None:
            config["rate_limit"] = body.rate_limit
        ctx.store.put("provider_config", ctx.account, gateway_id, config["id"], config)
    return envelope(config)


async def update_provider_config(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id, config_id = request.path_params["gateway_id"], request.path_params["id"]
    ctx.child("provider_config", gateway_id, config_id)
    body = await parse_body(request, ProviderConfigUpdate)
    with ctx.store.transaction():
        config = ctx.child("provider_config", gateway_id, config_id)
        _store_secret(ctx, config["secret_id"], body.secret, owner=config_id)
        config.update(secret_preview=_preview(body.secret), modified_at=now())
        ctx.store.put("provider_config", ctx.account, gateway_id, config_id, config)
    return envelope(config)


async def delete_provider_config(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id, config_id = request.path_params["gateway_id"], request.path_params["id"]
    with ctx.store.transaction():
        config = ctx.child("provider_config", gateway_id, config_id)
        ctx.store.delete("provider_config", ctx.account, gateway_id, config_id)
        delete_owned_secret(ctx, config)
    return envelope(config)


def delete_owned_secret(ctx: Context, config: dict[str, Any]) -> None:
    """The stored key of ``config``, if the config put it there (a ``secret_id`` it was given is not its own)."""
    secret = ctx.store.get("secret", ctx.account, "", config["secret_id"])
    if secret is not None and secret.get("owner") == config["id"]:
        ctx.store.delete("secret", ctx.account, "", config["secret_id"])


routes = [
    Route("/gateways/{gateway_id}/provider_configs", list_provider_configs, methods=["GET"]),
    Route("/gateways/{gateway_id}/provider_configs", create_provider_config, methods=["POST"]),
    Route("/gateways/{gateway_id}/provider_configs/{id}", update_provider_config, methods=["PUT"]),
    Route("/gateways/{gateway_id}/provider_configs/{id}", delete_provider_config, methods=["DELETE"]),
]
