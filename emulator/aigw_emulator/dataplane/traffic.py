"""The gateway URL: ``/v1/{account_id}/{gateway_id}/{provider}/{path}``, answered with the behaviour of the
gateway's settings as they are deployed now, and the stub upstream in place of the providers.

One request goes through, in order: the gateway (``default`` is made by the first authenticated request),
``authentication``, the rate limit, DLP on the prompt, the cache, the provider call (with retries and a
timeout, or a dynamic route), DLP on the answer, the cache again, and the log. The answer carries
``cf-aig-log-id``, ``cf-aig-step`` and, where the cache was consulted, ``cf-aig-cache-status``.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from aigw_emulator.common import Context, Settings, new_id, now
from aigw_emulator.dataplane import dlp
from aigw_emulator.dataplane.cache import Cached, ResponseCache, cache_key
from aigw_emulator.dataplane.dialects import Dialect, Endpoint, endpoint_of, prompt_text
from aigw_emulator.dataplane.pricing import price
from aigw_emulator.dataplane.routing import RouteError, run_route
from aigw_emulator.dataplane.upstream import Outcome, StubUpstream
from aigw_emulator.dataplane.windows import Technique, Windows
from aigw_emulator.objects.gateways import create_default
from aigw_emulator.objects.logs import write_log
from aigw_emulator.store import Doc

__all__ = ["DataPlane", "Refusal", "routes"]

# The gateway's own error codes. 2009 (a missing or wrong cf-aig-authorization) and 2029/2030 (DLP) are
# Cloudflare's; the others are the emulator's choice (emulator/README.md).
NO_GATEWAY, BAD_REQUEST, UNAUTHORIZED, RATE_LIMITED = 2001, 2008, 2009, 2003
NOT_SERVED, NO_CREDENTIALS, PROMPT_BLOCKED, RESPONSE_BLOCKED = 2010, 2032, 2029, 2030


class Refusal(Exception):
    """The gateway answers by itself (no provider involved), in its own error body."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def body(self) -> bytes:
        error = {"code": self.code, "message": self.message}
        return json.dumps({"success": False, "result": [], "messages": [], "error": [error]}).encode()


@dataclass
class Answer:
    """What goes back to the client, and what its log records."""

    status: int
    body: bytes
    provider: str
    model: str
    tokens_in: int = 0
    tokens_out: int = 0
    cost: float = 0.0
    custom_cost: bool = False
    cached: bool = False
    cache_status: str | None = None
    step: int | None = None
    dlp_action: str | None = None
    wholesale: bool = False
    retry_after: int | None = None
    text: str = ""
    """What the model said (what DLP scans on the way back); empty for errors."""


class DataPlane:
    """The state of the data plane: the stub upstream, the cache, the rate windows, the seeded random source."""

    def __init__(self, seed: int = 0, clock: Callable[[], float] = time.monotonic) -> None:
        self.upstream = StubUpstream()
        self.cache = ResponseCache(clock)
        self.windows = Windows(clock)
        self.seed = seed
        self.rng = random.Random(seed)

    def reset(self, seed: int | None = None) -> None:
        """Forget the cache, the windows and the upstream's behaviours; restart the random source."""
        self.upstream.clear()
        self.cache.clear()
        self.windows.clear()
        self.seed = self.seed if seed is None else seed
        self.rng = random.Random(self.seed)


def _run_token_valid(header: str | None, settings: Settings) -> bool:
    """``cf-aig-authorization: Bearer <token>``: the server's token (``--api-token``), else any token."""
    if not header or not header.lower().startswith("bearer ") or not header[7:].strip():
        return False
    return settings.api_token is None or header[7:].strip() == settings.api_token


def _number(headers: Any, name: str) -> float | None:
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Refusal(400, BAD_REQUEST, f"{name} must be a number") from None
    if value < 0:
        raise Refusal(400, BAD_REQUEST, f"{name} must not be negative")
    return value


def _flag(headers: Any, name: str) -> bool | None:
    raw = headers.get(name)
    return None if raw is None else raw.strip().lower() == "true"


def _metadata(headers: Any) -> dict[str, Any]:
    raw = headers.get("cf-aig-metadata")
    if raw is None:
        return {}
    try:
        metadata = json.loads(raw)
    except ValueError:
        raise Refusal(400, BAD_REQUEST, "cf-aig-metadata must be a JSON object") from None
    if not isinstance(metadata, dict) or not all(
        isinstance(v, str | int | float | bool) for v in metadata.values()
    ):
        raise Refusal(400, BAD_REQUEST, "cf-aig-metadata must map names to strings, numbers or booleans")
    if len(metadata) > 5:
        raise Refusal(400, BAD_REQUEST, "cf-aig-metadata takes at most 5 entries")
    return metadata


def _provider_key(dialect: Dialect, headers: Any) -> str | None:
    """The provider credentials the request brings (Workers AI's ``Authorization`` is Cloudflare's token)."""
    if dialect.name == "anthropic" and headers.get("x-api-key"):
        return str(headers["x-api-key"])
    bearer = headers.get("authorization") or ""
    if not bearer.lower().startswith("bearer "):
        return None
    return bearer[7:].strip() or None


class _Exchange:
    """One request through one gateway."""

    def __init__(self, plane: DataPlane, ctx: Context, gateway: Doc, request: Request, raw: bytes) -> None:
        self.plane, self.ctx, self.gateway, self.headers, self.raw = plane, ctx, gateway, request.headers, raw
        self.provider: str = request.path_params["provider"]
        self.path: str = request.path_params["path"]
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise Refusal(400, BAD_REQUEST, "the request body must be a JSON object")
        self.body: dict[str, Any] = body
        endpoint = endpoint_of(self.provider, self.path, body)
        if endpoint is None:
            raise Refusal(404, NOT_SERVED, f"the emulator does not serve {self.provider}/{self.path}")
        self.endpoint: Endpoint = endpoint
        self.prompt = prompt_text(body)
        self.metadata = _metadata(self.headers)
        self.request_key = _provider_key(endpoint.dialect, self.headers)
        self.wholesale = False
        """No provider key, brought or stored: Cloudflare would bill the call itself (Unified Billing)."""

    async def answer(self) -> Answer:
        self._rate_limit()
        flagged = self._scan(self.prompt, "REQUEST")
        ttl = _number(self.headers, "cf-aig-cache-ttl")
        ttl = float(self.gateway.get("cache_ttl") or 0) if ttl is None else ttl
        caching = ttl > 0 and not _flag(self.headers, "cf-aig-skip-cache")
        scope = (self.ctx.account, self.gateway["id"])
        generation = self.gateway["modified_at"] if self.gateway.get("cache_invalidate_on_update") else ""
        key = self.headers.get("cf-aig-cache-key") or cache_key(
            self.provider, self.path, self.request_key or "", self.raw
        )
        if caching and (hit := self.plane.cache.get(scope, key, generation)) is not None:
            return Answer(hit.status, hit.body, hit.provider, hit.model, hit.tokens_in, hit.tokens_out,
                          cached=True, cache_status="HIT", dlp_action=flagged)  # fmt: skip
        answer = await self._dispatch()
        answer.dlp_action = self._scan(answer.text, "RESPONSE") or flagged
        if caching:
            answer.cache_status = "MISS"
            if 200 <= answer.status < 300:
                stored = Cached(answer.status, answer.body, answer.provider, answer.model,
                                answer.tokens_in, answer.tokens_out)  # fmt: skip
                self.plane.cache.put(scope, key, generation, ttl, stored)
        return answer

    def _rate_limit(self) -> None:
        limit, interval = self.gateway.get("rate_limiting_limit"), self.gateway.get("rate_limiting_interval")
        if not limit or not interval:
            return
        technique: Technique = (
            "sliding" if self.gateway.get("rate_limiting_technique") == "sliding" else "fixed"
        )
        key = ("gateway", self.ctx.account, self.gateway["id"], interval, technique)
        if not self.plane.windows.admit(key, limit, interval, technique):
            raise Refusal(429, RATE_LIMITED, "Rate limited")

    def _scan(self, text: str, check: dlp.Check) -> str | None:
        action = dlp.verdict(self.gateway.get("dlp"), text, check)
        if action == "BLOCK":
            if check == "REQUEST":
                raise Refusal(400, PROMPT_BLOCKED, "Prompt blocked due to security configurations")
            raise Refusal(400, RESPONSE_BLOCKED, "Response blocked due to security configurations")
        return action

    async def _dispatch(self) -> Answer:
        dialect, model = self.endpoint.dialect, self.endpoint.model
        if self.endpoint.compat:
            provider, _, model = model.partition("/")
            if not model:
                raise Refusal(
                    400, BAD_REQUEST, "model must be '<provider>/<model>' or 'dynamic/<route name>'"
                )
            if provider == "dynamic":
                return await self._route(model)
        else:
            provider = self.provider
        timeout = _number(self.headers, "cf-aig-request-timeout")
        attempts = _number(self.headers, "cf-aig-max-attempts") or self.gateway.get("retry_max_attempts") or 1
        delay = _number(self.headers, "cf-aig-retry-delay")
        delay = float(self.gateway.get("retry_delay") or 0) if delay is None else delay
        backoff = self.headers.get("cf-aig-backoff") or self.gateway.get("retry_backoff") or "constant"
        outcome = await self._call(provider, model, timeout, min(int(attempts), 5), delay, backoff)
        shown = f"{provider}/{model}" if self.endpoint.compat else model
        return self._answer(dialect, provider, model, shown, outcome, step=0)

    async def _route(self, name: str) -> Answer:
        route = next(
            (
                r
                for r in self.ctx.store.list("route", self.ctx.account, self.gateway["id"])
                if r["name"] == name
            ),
            None,
        )
        if route is None:
            raise Refusal(400, BAD_REQUEST, f"no dynamic route named {name!r} on this gateway")
        parent = f"{self.gateway['id']}/{route['id']}"
        version = self.ctx.store.get(
            "route_version", self.ctx.account, parent, route["deployment"]["version_id"]
        )
        assert version is not None  # a deployment names a version of its route

        async def call_model(provider: str, model: str, timeout: float | None, retries: int) -> Outcome:
            return await self._call(provider, model, timeout, 1 + retries, 0, "constant")

        try:
            result = await run_route(
                route["id"], version["elements"], self.metadata, rng=self.plane.rng,
                windows=self.plane.windows, call_model=call_model,
                price=lambda p, m, o: price(self.ctx, self.headers, p, m, o)[0],
            )  # fmt: skip
        except RouteError as exc:
            raise Refusal(400, BAD_REQUEST, f"dynamic route {name!r}: {exc}") from None
        shown = f"{result.provider}/{result.model}"
        return self._answer(self.endpoint.dialect, result.provider, result.model, shown, result.outcome,
                            step=result.step)  # fmt: skip

    def _stored_key(self, provider: str) -> str | None:
        """The gateway's stored provider key (BYOK): the alias ``cf-aig-byok-alias`` names, else the default."""
        alias = self.headers.get("cf-aig-byok-alias")
        for config in self.ctx.store.list("provider_config", self.ctx.account, self.gateway["id"]):
            chosen = config["alias"] == alias if alias else config["default_config"]
            if config["provider_slug"] == provider and chosen:
                secret = self.ctx.store.get("secret", self.ctx.account, "", config["secret_id"])
                return None if secret is None else str(secret["value"])
        return None

    async def _call(
        self, provider: str, model: str, timeout: float | None, attempts: int, delay_ms: float, backoff: str
    ) -> Outcome:
        """The provider's answer within ``attempts`` tries: 429s, 5xx and timeouts are tried again."""
        key = self.request_key or self._stored_key(provider)
        if key is None and self.gateway.get("byok_only") and provider != "workers-ai":
            return Outcome(400, "This gateway requires provider credentials (byok_only)", 0, 0)
        self.wholesale = key is None and provider != "workers-ai"
        outcome = Outcome(500, "no attempt", 0, 0)
        for attempt in range(1, attempts + 1):
            outcome = await self.plane.upstream.call(provider, model, self.prompt, timeout)
            if outcome.ok or not (outcome.status == 429 or outcome.status >= 500) or attempt == attempts:
                break
            factor = {"linear": attempt, "exponential": 2 ** (attempt - 1)}.get(backoff, 1)
            await asyncio.sleep(delay_ms * factor / 1000)
        return outcome

    def _answer(
        self, dialect: Dialect, provider: str, model: str, shown: str, outcome: Outcome, step: int
    ) -> Answer:
        cost, custom = price(self.ctx, self.headers, provider, model, outcome)
        if outcome.ok:
            payload = dialect.answer(
                shown, outcome.text, outcome.tokens_in, outcome.tokens_out, new_id()[:24]
            )
        else:
            payload = dialect.error(outcome.status, outcome.text)
        return Answer(outcome.status, json.dumps(payload).encode(), provider, model, outcome.tokens_in,
                      outcome.tokens_out, cost, custom, step=step, wholesale=self.wholesale,
                      retry_after=outcome.retry_after, text=outcome.text if outcome.ok else "")  # fmt: skip


def _gateway(ctx: Context, gateway_id: str, authenticated: bool) -> Doc:
    gateway = ctx.store.get("gateway", ctx.account, "", gateway_id)
    if gateway is None and gateway_id == "default" and authenticated:
        return create_default(ctx)
    if gateway is None:
        raise Refusal(400, NO_GATEWAY, "Please configure AI Gateway in the Cloudflare dashboard")
    return gateway


async def serve(request: Request) -> Response:
    """``POST /v1/{account_id}/{gateway_id}/{provider}/{path}``: one request through the gateway."""
    started = time.perf_counter()
    plane: DataPlane = request.app.state.dataplane
    ctx = Context.of(request)
    headers = request.headers
    authenticated = _run_token_valid(headers.get("cf-aig-authorization"), ctx.settings)
    raw = await request.body()
    try:
        gateway = _gateway(ctx, request.path_params["gateway_id"], authenticated)
        if gateway.get("authentication") and not authenticated:
            raise Refusal(401, UNAUTHORIZED, "Unauthorized")
    except Refusal as refusal:  # nothing to log: the gateway is unknown, or the caller is
        return Response(refusal.body(), refusal.status, media_type="application/json")
    exchange: _Exchange | None = None
    try:
        exchange = _Exchange(plane, ctx, gateway, request, raw)
        answer = await exchange.answer()
    except Refusal as refusal:
        model = exchange.endpoint.model if exchange else ""
        answer = Answer(refusal.status, refusal.body(), request.path_params["provider"], model)
        if refusal.code in (PROMPT_BLOCKED, RESPONSE_BLOCKED):
            answer.dlp_action = "BLOCK"
    out = {"content-type": "application/json", "cf-aig-step": str(answer.step or 0)}
    if answer.cache_status:
        out["cf-aig-cache-status"] = answer.cache_status
    if answer.retry_after is not None:
        out["retry-after"] = str(answer.retry_after)
    if event_id := headers.get("cf-aig-event-id"):
        out["cf-aig-event-id"] = event_id
    collect = _flag(headers, "cf-aig-collect-log")
    if gateway.get("collect_logs") if collect is None else collect:
        log_id = _log(ctx, gateway, request, exchange, answer, authenticated, started)
        if log_id is not None:
            out["cf-aig-log-id"] = log_id
    return Response(answer.body, answer.status, headers=out)


def _log(
    ctx: Context,
    gateway: Doc,
    request: Request,
    exchange: _Exchange | None,
    answer: Answer,
    authenticated: bool,
    started: float,
) -> str | None:
    headers = request.headers
    log: Doc = {
        "id": new_id(),
        "created_at": now(),
        "provider": answer.provider,
        "model": answer.model,
        "path": request.path_params["path"],
        "duration": round((time.perf_counter() - started) * 1000),
        "success": 200 <= answer.status < 300,
        "cached": answer.cached,
        "tokens_in": answer.tokens_in,
        "tokens_out": answer.tokens_out,
        "cost": 0.0 if answer.cached else answer.cost,
        "custom_cost": answer.custom_cost,
        "model_type": "chat",
        "status_code": answer.status,
        "step": answer.step or 0,
        "request_type": "chat",
        "request_content_type": headers.get("content-type", "application/json"),
        "response_content_type": "application/json",
        # Filterable (logs API ``filters``), not part of the log item the API answers.
        "_event_id": headers.get("cf-aig-event-id"),
        "_authentication": authenticated,
        "_wholesale": answer.wholesale,
        "_compatibilityMode": bool(exchange and exchange.endpoint.compat),
        "_dlp_action": answer.dlp_action,
        "_user_agent": headers.get("user-agent"),
    }
    if exchange is not None and exchange.metadata:
        log["metadata"] = exchange.metadata
    payload = exchange.body if exchange is not None else None
    try:
        response = json.loads(answer.body)
    except ValueError:
        response = None
    return log["id"] if write_log(ctx, gateway, log, payload, response) else None


routes = [Route("/v1/{account_id}/{gateway_id}/{provider}/{path:path}", serve, methods=["POST"])]
