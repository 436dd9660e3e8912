"""Custom domains: ``/gateways/{gateway_id}/custom-domains[/{hostname}]`` (list, create, get, delete; no update).

Create takes ``domain``, ``zone_id`` and optionally ``minTLS``, and answers with the ``hostname``, its
``status`` and the ``cname_target`` the customer's DNS must point at; get, list and delete answer with
``ssl_hostname_id`` instead. ``minTLS`` is never answered. Timestamps are epoch milliseconds. A hostname is
unique in the account. The status moves ``initializing`` -> ``pending_dcv`` (once read) -> ``active`` when the
control API says the DCV is done (``POST /__emulator/custom-domains/dcv``), as Cloudflare's does once the
proxied CNAME exists.
"""

from __future__ import annotations

import time
import uuid
from typing import Annotated, Any, Literal

from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from aigw_emulator.common import Body, Context, envelope, page_of, parse_body, query_str
from aigw_emulator.errors import not_found, validation_error

__all__ = ["mark_dcv_done", "routes"]

KIND = "custom_domain"
_STATUSES = ("initializing", "pending_dcv", "active", "blocked", "error")


class DomainCreate(Body):
    domain: Annotated[str, Field(min_length=1, max_length=253)]
    zone_id: Annotated[str, Field(min_length=1)]
    minTLS: Literal["1.0", "1.1", "1.2", "1.3"] | None = None  # the API's name


def _millis() -> int:
    return int(time.time() * 1000)


def _shown(domain: dict[str, Any]) -> dict[str, Any]:
    """A domain as get, list and delete answer it."""
    keys = ("hostname", "gateway_id", "ssl_hostname_id", "status", "created_at", "modified_at")
    return {key: domain[key] for key in keys}


def _get(ctx: Context, gateway_id: str, hostname: str) -> dict[str, Any]:
    found = ctx.child(KIND, gateway_id, hostname)
    if found["status"] == "initializing":  # the hostname is set up once it has been asked about
        found.update(status="pending_dcv", modified_at=_millis())
        ctx.store.put(KIND, ctx.account, gateway_id, hostname, found)
    return found


async def list_domains(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id = request.path_params["gateway_id"]
    ctx.gateway(gateway_id)
    items = ctx.store.list(KIND, ctx.account, gateway_id)
    if (status := query_str(request, "status")) is not None:
        if status not in _STATUSES:
            raise validation_error(f"status must be one of {', '.join(_STATUSES)}", ["query", "status"])
        items = [d for d in items if d["status"] == status]
    if search := query_str(request, "search"):
        items = [d for d in items if search.lower() in d["hostname"]]
    return page_of(request, [_shown(d) for d in items])


async def create_domain(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id = request.path_params["gateway_id"]
    ctx.gateway(gateway_id)
    body = await parse_body(request, DomainCreate)
    hostname = body.domain.lower()
    with ctx.store.transaction():
        ctx.gateway(gateway_id)
        for other in ctx.store.list(KIND, ctx.account, gateway_id):
            if other["hostname"] == hostname:
                raise validation_error(f"Custom domain {hostname!r} already exists", ["body", "domain"])
        stamp = _millis()
        domain = {
            "hostname": hostname,
            "gateway_id": gateway_id,
            "zone_id": body.zone_id,
            "min_tls": body.minTLS,
            "status": "initializing",
            "cname_target": f"{gateway_id}.{ctx.account}.gateway.ai.cloudflare.com",
            "ssl_hostname_id": str(uuid.uuid4()),
            "created_at": stamp,
            "modified_at": stamp,
        }
        ctx.store.put(KIND, ctx.account, gateway_id, hostname, domain)
    keys = ("hostname", "gateway_id", "status", "cname_target", "created_at", "modified_at")
    return JSONResponse(
        {"success": True, "errors": [], "messages": [], "result": {k: domain[k] for k in keys}}
    )


async def get_domain(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    with ctx.store.transaction():
        found = _get(ctx, request.path_params["gateway_id"], request.path_params["hostname"])
    return envelope(_shown(found))


async def delete_domain(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id, hostname = request.path_params["gateway_id"], request.path_params["hostname"]
    with ctx.store.transaction():
        found = ctx.child(KIND, gateway_id, hostname)
        ctx.store.delete(KIND, ctx.account, gateway_id, hostname)
    return envelope(_shown(found))


def mark_dcv_done(ctx: Context, gateway_id: str, hostname: str, status: str = "active") -> dict[str, Any]:
    """What the customer's proxied CNAME does on Cloudflare: the hostname validates and becomes active (or,
    with ``status``, is ``blocked`` or fails with ``error``)."""
    if status not in ("active", "blocked", "error"):
        raise validation_error("status must be one of active, blocked, error", ["body", "status"])
    with ctx.store.transaction():
        found = ctx.store.get(KIND, ctx.account, gateway_id, hostname)
        if found is None:
            raise not_found(f"custom domain {hostname}")
        found.update(status=status, modified_at=_millis())
        ctx.store.put(KIND, ctx.account, gateway_id, hostname, found)
    return _shown(found)


routes = [
    Route("/gateways/{gateway_id}/custom-domains", list_domains, methods=["GET"]),
    Route("/gateways/{gateway_id}/custom-domains", create_domain, methods=["POST"]),
    Route("/gateways/{gateway_id}/custom-domains/{hostname}", get_domain, methods=["GET"]),
    Route("/gateways/{gateway_id}/custom-domains/{hostname}", delete_domain, methods=["DELETE"]),
]
