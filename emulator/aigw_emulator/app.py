"""The ASGI application: the API under ``/client/v4``, the gateway URL (the data plane) under ``/v1``, the
control API under ``/__emulator``."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import threading
import time
from typing import Any

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aigw_emulator.common import Context, Settings
from aigw_emulator.dataplane import control as dataplane_control
from aigw_emulator.dataplane import traffic
from aigw_emulator.errors import AUTH_ERROR, ApiError, bad_request
from aigw_emulator.faults import Fault, FaultBook
from aigw_emulator.growth import with_unknown_fields
from aigw_emulator.objects import (
    billing,
    custom_domains,
    custom_providers,
    datasets,
    evaluation_types,
    evaluations,
    gateways,
    logs,
    provider_configs,
    routes,
)
from aigw_emulator.ratelimit import RATE_LIMITED, RateLimit, RateLimiter
from aigw_emulator.store import Store

__all__ = ["API_PREFIX", "create_app"]

API_PREFIX = "/client/v4"
_TRANSIENT = {
    429: "Rate limited: please wait and consider throttling your request speed",
    500: "Internal error",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway timeout",
}


class _ConnectionReset(Exception):
    """Raised after the response has started: the server then drops the connection mid-answer."""


class RequestLog:
    """What the API was asked, for counting calls in tests and benchmarks."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[dict[str, Any]] = []

    def add(self, method: str, path: str, query: str, status: int, token: str) -> None:
        # When, and which token (a digest, never the token): rate-limit checks count per token and window.
        who = hashlib.sha256(token.encode()).hexdigest()[:12]
        entry = {"method": method, "path": path, "query": query, "status": status, "at": time.monotonic(),
                 "token": who}  # fmt: skip
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _headers(scope: Scope) -> dict[str, str]:
    return {key.decode().lower(): value.decode() for key, value in scope["headers"]}


def _token(headers: dict[str, str]) -> str:
    """Who the rate limit counts the request against: the bearer token, or the API key."""
    bearer = headers.get("authorization", "")
    return bearer[7:].strip() if bearer.lower().startswith("bearer ") else headers.get("x-auth-key", "")


def _authorised(headers: dict[str, str], settings: Settings) -> bool:
    bearer = headers.get("authorization", "")
    if bearer.lower().startswith("bearer ") and bearer[7:].strip():
        return settings.api_token is None or bearer[7:].strip() == settings.api_token
    if settings.api_token is None:
        return bool(headers.get("x-auth-email") and headers.get("x-auth-key"))
    return False


class ApiMiddleware:
    """Request log, authentication and fault injection around the API routes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX + "/"):
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        method, path = scope["method"], scope["path"][len(API_PREFIX) :]
        status = 0

        async def record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        async def swallow(message: Message) -> None:
            return None

        recording_send: Send = _growing(record) if state.unknown_fields else record
        fault: Fault | None = None
        headers = _headers(scope)
        token = _token(headers)
        try:
            if not _authorised(headers, state.settings):
                error = ApiError(403, AUTH_ERROR, "Authentication error", result=None)
                await error.response()(scope, receive, recording_send)
                return
            if state.limiter is not None and (wait := state.limiter.admit(token)) is not None:
                error = ApiError(429, RATE_LIMITED, "Please wait and consider throttling your request speed",
                                 headers={"Retry-After": str(wait)}, result=None)  # fmt: skip
                await error.response()(scope, receive, recording_send)
                return
            fault = state.faults.take(method, path)
            if fault is None:
                await self.app(scope, receive, recording_send)
                return
            if fault.latency_ms:
                # Like a real backend, a slow request is carried out even if the client gives up waiting.
                receive = await _buffered(receive)
                await asyncio.sleep(fault.latency_ms / 1000)
            if fault.apply_then_fail:
                await self.app(scope, receive, swallow)
            if fault.reset_connection:
                await recording_send({"type": "http.response.start", "status": 200, "headers": []})
                status = 0  # logged as what it is: no answer (the client never reads that 200)
                raise _ConnectionReset(path)
            if fault.status is not None:
                headers = {} if fault.retry_after is None else {"Retry-After": f"{fault.retry_after:g}"}
                message = _TRANSIENT.get(fault.status, "Injected fault")
                await ApiError(fault.status, fault.status, message, headers=headers).response()(
                    scope, receive, recording_send
                )
                return
            await self.app(scope, receive, recording_send)
        finally:
            if fault is not None:
                state.faults.finished()
            query = scope.get("query_string", b"").decode()
            state.requests.add(method, path, query, status, token)


def _growing(send: Send) -> Send:
    """``send`` for an answer whose JSON objects gain fields no client knows (see ``growth``)."""
    start: Message | None = None
    body = b""

    async def grow(message: Message) -> None:
        nonlocal start, body
        if message["type"] == "http.response.start":
            start = message
            return
        if message["type"] != "http.response.body" or start is None:
            await send(message)
            return
        body += message.get("body", b"")
        if message.get("more_body", False):
            return
        with contextlib.suppress(ValueError):  # not JSON: sent as it is
            body = json.dumps(with_unknown_fields(json.loads(body))).encode()
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body, "more_body": False})

    return grow


async def _buffered(receive: Receive) -> Receive:
    """Read the whole request body now; the returned ``receive`` replays it, whatever the client does later."""
    body = b""
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        body += message.get("body", b"")
        if not message.get("more_body", False):
            break
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if replayed:
            return {"type": "http.disconnect"}
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return ApiError(
            404, 7003, f"Could not route to {request.url.path}, perhaps your object identifier is invalid?"
        ).response()
    if exc.status_code == 405:
        return ApiError(405, 10405, f"Method {request.method} not allowed for this route").response()
    return ApiError(exc.status_code, exc.status_code, str(exc.detail)).response()


# Control API ---------------------------------------------------------------------------------------------


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError as exc:
        raise ApiError(400, 7001, f"Malformed JSON body: {exc}") from exc
    if not isinstance(body, dict):
        raise ApiError(400, 7001, "Expected a JSON object")
    return body


def _control_context(request: Request, body: dict[str, Any]) -> Context:
    account = body.get("account_id")
    if not isinstance(account, str) or not account:
        raise ApiError(400, 7001, "account_id is required", ["body", "account_id"])
    return Context(request.app.state.store, request.app.state.settings, account)


async def reset(request: Request) -> JSONResponse:
    request.app.state.store.reset()
    request.app.state.faults.clear()
    request.app.state.requests.clear()
    request.app.state.limiter = _limiter(request.app.state.settings)  # the limit the server started with
    request.app.state.dataplane.reset()
    return JSONResponse({"success": True})


async def seed(request: Request) -> JSONResponse:
    body = await _json(request)
    ctx = _control_context(request, body)
    entries = body.get("logs")
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise ApiError(400, 7001, "logs must be an array of objects", ["body", "logs"])
    return JSONResponse(
        {"success": True, "result": logs.seed_logs(ctx, str(body.get("gateway_id")), entries)}
    )


async def add_fault(request: Request) -> JSONResponse:
    try:
        fault = Fault.model_validate(await _json(request))
    except ValidationError as exc:
        raise ApiError(
            400, 7001, str(exc.errors()[0]["msg"]), ["body", *map(str, exc.errors()[0]["loc"])]
        ) from exc
    request.app.state.faults.add(fault)
    return JSONResponse({"success": True, "result": fault.model_dump()})


async def list_faults(request: Request) -> JSONResponse:
    book: FaultBook = request.app.state.faults
    return JSONResponse(
        {
            "success": True,
            "result": [f.model_dump() for f in book.armed()],
            "fired": book.fired,
            "in_flight": book.in_flight,
        }
    )


async def clear_faults(request: Request) -> JSONResponse:
    request.app.state.faults.clear()
    return JSONResponse({"success": True})


async def list_requests(request: Request) -> JSONResponse:
    return JSONResponse({"success": True, "result": request.app.state.requests.entries()})


async def clear_requests(request: Request) -> JSONResponse:
    request.app.state.requests.clear()
    return JSONResponse({"success": True})


async def process_evaluations(request: Request) -> JSONResponse:
    ctx = _control_context(request, await _json(request))
    return JSONResponse({"success": True, "result": {"processed": evaluations.process_pending(ctx)}})


async def custom_domain_dcv(request: Request) -> JSONResponse:
    """``{account_id, gateway_id, hostname[, status]}``: the hostname's DCV is done (its proxied CNAME exists),
    so it turns ``active``; or Cloudflare decided otherwise (``status``: ``blocked``, ``error``)."""
    body = await _json(request)
    ctx = _control_context(request, body)
    gateway_id, hostname = str(body.get("gateway_id")), str(body.get("hostname"))
    found = custom_domains.mark_dcv_done(ctx, gateway_id, hostname, str(body.get("status", "active")))
    return JSONResponse({"success": True, "result": found})


async def billing_state(request: Request) -> JSONResponse:
    """What only Cloudflare (or the past) decides about an account's billing: ``{account_id,
    spending_limit, payment_method, declined, usage_cents}`` (see ``objects.billing.BillingState``)."""
    body = await _json(request)
    ctx = _control_context(request, body)
    try:
        state = billing.BillingState.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ApiError(400, 7001, str(first["msg"]), ["body", *map(str, first["loc"])]) from exc
    return JSONResponse({"success": True, "result": billing.apply_state(ctx, state)})


async def rate_limit(request: Request) -> JSONResponse:
    """``{"budget": N, "window_s": S}`` limits every token to N requests per S seconds (a fresh window);
    ``{"budget": null}`` lifts the limit."""
    body = await _json(request)
    if body.get("budget") is None:
        request.app.state.limiter = None
        return JSONResponse({"success": True, "result": None})
    try:
        limit = RateLimit(int(body["budget"]), float(body["window_s"]))
    except (KeyError, TypeError, ValueError):
        raise bad_request("expected {budget: int, window_s: number}") from None
    request.app.state.limiter = RateLimiter(limit)
    return JSONResponse({"success": True, "result": {"budget": limit.budget, "window_s": limit.window_s}})


async def objects(request: Request) -> JSONResponse:
    store = request.app.state.store
    return JSONResponse({"success": True, "result": store.count(), "made": store.made()})


async def unknown_fields(request: Request) -> JSONResponse:
    """``{"enabled": true}``: every API answer carries fields the contract does not describe."""
    enabled = (await _json(request)).get("enabled")
    if not isinstance(enabled, bool):
        raise ApiError(400, 7001, "enabled must be true or false", ["body", "enabled"])
    request.app.state.unknown_fields = enabled
    return JSONResponse({"success": True, "result": {"enabled": enabled}})


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"success": True})


CONTROL_ROUTES = [
    Route("/health", health, methods=["GET"]),
    Route("/reset", reset, methods=["POST"]),
    Route("/logs", seed, methods=["POST"]),
    Route("/faults", add_fault, methods=["POST"]),
    Route("/faults", list_faults, methods=["GET"]),
    Route("/faults", clear_faults, methods=["DELETE"]),
    Route("/requests", list_requests, methods=["GET"]),
    Route("/requests", clear_requests, methods=["DELETE"]),
    Route("/evaluations/process", process_evaluations, methods=["POST"]),
    Route("/custom-domains/dcv", custom_domain_dcv, methods=["POST"]),
    Route("/objects", objects, methods=["GET"]),
    Route("/rate-limit", rate_limit, methods=["POST"]),
    Route("/billing", billing_state, methods=["POST"]),
    Route("/unknown-fields", unknown_fields, methods=["POST"]),
    *dataplane_control.CONTROL_ROUTES,
]


def create_app(
    store: Store | None = None,
    settings: Settings | None = None,
    *,
    unknown_fields: bool = False,
    seed: int = 0,
) -> Starlette:
    """The emulator as an ASGI app (in-memory state unless a store is given).

    ``unknown_fields``: answers carry fields the contract does not describe (also switched by the control API).
    ``seed``: where the data plane's random source (percentage splits) starts.
    """
    api_routes = [
        *gateways.routes,
        *datasets.routes,
        *evaluations.routes,
        *evaluation_types.routes,
        *logs.routes,
        *routes.routes,
        *provider_configs.routes,
        *custom_providers.routes,
        *custom_domains.routes,
        *billing.routes,
    ]
    app = Starlette(
        routes=[
            Mount(API_PREFIX + "/accounts/{account_id}/ai-gateway", routes=api_routes),
            *traffic.routes,
            *dataplane_control.STUB_ROUTES,
            Mount("/__emulator", routes=CONTROL_ROUTES),
        ],
        exception_handlers={ApiError: _api_error, HTTPException: _http_error},
    )
    app.add_middleware(ApiMiddleware)
    app.state.store = store or Store()
    app.state.settings = settings or Settings()
    app.state.faults = FaultBook()
    app.state.requests = RequestLog()
    app.state.unknown_fields = unknown_fields
    app.state.limiter = _limiter(app.state.settings)
    app.state.dataplane = traffic.DataPlane(seed)
    return app


def _limiter(settings: Settings) -> RateLimiter | None:
    return None if settings.rate_limit is None else RateLimiter(settings.rate_limit)
