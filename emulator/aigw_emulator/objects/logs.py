"""Gateway logs: ``/gateways/{gateway_id}/logs[/{id}[/request|/response]]``.

Logs come from traffic, never from the API: requests through the gateway URL write them (``dataplane``), and
the control API (``POST /__emulator/logs``) seeds them. Filters
arrive in the query either as ``filters[0][key]=…&filters[0][operator]=…&filters[0][value][0]=…`` (how
Cloudflare's SDKs encode arrays of objects) or as one JSON array in ``filters=``. ``feedback`` and ``score``
are write-only; ``metadata`` is a map in PATCH and a string in responses.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from aigw_emulator.common import (
    Body,
    Context,
    envelope,
    new_id,
    now,
    page_of,
    parse_body,
    query_int,
    query_str,
)
from aigw_emulator.errors import bad_request
from aigw_emulator.store import Doc

__all__ = ["matches", "routes", "seed_logs", "write_log"]

FILTER_KEYS = {
    "id",
    "created_at",
    "request_content_type",
    "response_content_type",
    "request_type",
    "success",
    "cached",
    "provider",
    "model",
    "model_type",
    "cost",
    "tokens",
    "tokens_in",
    "tokens_out",
    "duration",
    "feedback",
    "event_id",
    "metadata.key",
    "metadata.value",
    "authentication",
    "wholesale",
    "compatibilityMode",
    "dlp_action",
    "user_agent",
}
OPERATORS = {"eq", "neq", "contains", "lt", "gt"}
LIST_ORDER = {"created_at", "provider", "model", "model_type", "success", "cached"}
DELETE_ORDER = LIST_ORDER | {"cost", "tokens_in", "tokens_out", "duration", "feedback"}
_FILTER_PART = re.compile(r"^filters\[(\d+)\]\[(key|operator|value)\](?:\[\d*\])?$")


class LogPatch(Body):
    feedback: Annotated[float, Field(ge=-1, le=1)] | None = None
    score: Annotated[float, Field(ge=0, le=100)] | None = None
    metadata: dict[str, str | float | bool] | None = None


def _filters(request: Request) -> list[dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for name, value in request.query_params.multi_items():
        if name == "filters":
            try:
                parsed = json.loads(value)
            except ValueError as exc:
                raise bad_request("Invalid query parameter filters: not a JSON array") from exc
            if not isinstance(parsed, list) or not all(isinstance(item, dict) for item in parsed):
                raise bad_request("Invalid query parameter filters: expected an array of objects")
            found.update({len(found) + index: item for index, item in enumerate(parsed)})
        elif match := _FILTER_PART.match(name):
            entry = found.setdefault(int(match[1]), {"value": []})
            if match[2] == "value":
                entry["value"].append(value)
            else:
                entry[match[2]] = value
    filters = [found[index] for index in sorted(found)]
    for item in filters:
        if item.get("key") not in FILTER_KEYS:
            raise bad_request(f"Invalid filter key {item.get('key')!r}")
        if item.get("operator") not in OPERATORS:
            raise bad_request(f"Invalid filter operator {item.get('operator')!r}")
        if not isinstance(item.get("value"), list) or not item["value"]:
            raise bad_request(f"Filter on {item['key']} needs at least one value")
    return filters


def _field(log: Doc, key: str) -> Any:
    if key == "tokens":
        return (log.get("tokens_in") or 0) + (log.get("tokens_out") or 0)
    if key.startswith("metadata."):
        return log.get("metadata") or ""
    return log.get(key, log.get(f"_{key}"))


def matches(log: Doc, item: dict[str, Any]) -> bool:
    """Whether ``log`` passes one filter ``{key, operator, value[]}`` (of a query or a dataset)."""
    actual, wanted, operator = (
        _field(log, item["key"]),
        [str(v).lower() for v in item["value"]],
        item["operator"],
    )
    text = str(actual).lower()
    if operator in ("lt", "gt"):
        try:
            number, bound = float(actual), float(item["value"][0])
        except (TypeError, ValueError):
            return False
        return number < bound if operator == "lt" else number > bound
    if operator == "contains":
        return any(value in text for value in wanted)
    return bool((text in wanted) == (operator == "eq"))


def _selected(
    request: Request, ctx: Context, gateway_id: str, order_set: set[str], direction: str
) -> list[Doc]:
    ctx.gateway(gateway_id)
    logs = [
        log
        for log in ctx.store.list("log", ctx.account, gateway_id)
        if all(matches(log, item) for item in _filters(request))
    ]
    if search := query_str(request, "search"):
        logs = [
            log for log in logs if search.lower() in f"{log['id']} {log['provider']} {log['model']}".lower()
        ]
    order_by = query_str(request, "order_by") or "created_at"
    direction = query_str(request, "order_by_direction") or direction
    if order_by not in order_set:
        raise bad_request(f"Invalid query parameter order_by: {order_by!r}")
    if direction not in ("asc", "desc"):
        raise bad_request("Invalid query parameter order_by_direction: expected asc or desc")
    return sorted(logs, key=lambda log: str(_field(log, order_by)), reverse=direction == "desc")


def _public(log: Doc) -> Doc:
    return {key: value for key, value in log.items() if not key.startswith("_")}


async def list_logs(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    logs = _selected(request, ctx, request.path_params["gateway_id"], LIST_ORDER, "desc")
    return page_of(request, [_public(log) for log in logs], per_page_max=50)


async def delete_logs(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id = request.path_params["gateway_id"]
    limit = query_int(request, "limit", 10_000, 1, 10_000) or 10_000
    with ctx.store.transaction():
        for log in _selected(request, ctx, gateway_id, DELETE_ORDER, "asc")[:limit]:
            ctx.store.delete("log", ctx.account, gateway_id, log["id"])
    return JSONResponse({"success": True})


async def get_log(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    return envelope(_public(ctx.child("log", request.path_params["gateway_id"], request.path_params["id"])))


async def patch_log(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id, log_id = request.path_params["gateway_id"], request.path_params["id"]
    ctx.child("log", gateway_id, log_id)
    body = await parse_body(request, LogPatch)
    with ctx.store.transaction():
        log = ctx.child("log", gateway_id, log_id)
        if body.feedback is not None:
            log["_feedback"] = body.feedback
        if body.score is not None:
            log["_score"] = body.score
        if body.metadata is not None:
            log["metadata"] = json.dumps(body.metadata)
        ctx.store.put("log", ctx.account, gateway_id, log_id, log)
    return envelope({})


async def log_request(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    return JSONResponse(
        ctx.child("log", request.path_params["gateway_id"], request.path_params["id"])["_request"]
    )


async def log_response(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    return JSONResponse(
        ctx.child("log", request.path_params["gateway_id"], request.path_params["id"])["_response"]
    )


def seed_logs(ctx: Context, gateway_id: str, entries: list[dict[str, Any]]) -> list[Doc]:
    """Store logs as traffic would have produced them; missing fields get plausible values."""
    ctx.gateway(gateway_id)
    made = []
    with ctx.store.transaction():
        for entry in entries:
            log: dict[str, Any] = {
                "id": new_id(),
                "created_at": now(),
                "provider": "openai",
                "model": "gpt-4o-mini",
                "path": "/v1/chat/completions",
                "duration": 420,
                "success": True,
                "cached": False,
                "tokens_in": 12,
                "tokens_out": 34,
                "cost": 0.0001,
                "model_type": "chat",
                "status_code": 200,
                "request_content_type": "application/json",
                "response_content_type": "application/json",
                "request_type": "chat",
            }
            log.update({key: value for key, value in entry.items() if key not in ("request", "response")})
            if "feedback" in log:
                log["_feedback"] = log.pop("feedback")
            request = entry.get("request", {"messages": [{"role": "user", "content": "Hello"}]})
            response = entry.get("response", {"choices": [{"message": {"content": "Hi!"}}]})
            made.append(_put(ctx, gateway_id, log, request, response))
    return [_public(log) for log in made]


def write_log(ctx: Context, gateway: Doc, log: Doc, request: Any, response: Any) -> bool:
    """Store a log that traffic produced, within the gateway's ``log_management``: once full,
    ``STOP_INSERTING`` drops the new log (False) and ``DELETE_OLDEST`` (the default) makes room for it."""
    cap = gateway.get("log_management")
    with ctx.store.transaction():
        if cap:
            stored = ctx.store.count_of("log", ctx.account, gateway["id"])
            if stored >= cap:
                if gateway.get("log_management_strategy") == "STOP_INSERTING":
                    return False
                ctx.store.delete_oldest("log", ctx.account, gateway["id"], stored - cap + 1)
        _put(ctx, gateway["id"], log, request, response)
    return True


def _put(ctx: Context, gateway_id: str, log: Doc, request: Any, response: Any) -> Doc:
    if isinstance(log.get("metadata"), dict):
        log["metadata"] = json.dumps(log["metadata"])  # a map in, a string out (as the API answers it)
    log["_request"], log["_response"] = request, response
    return ctx.store.put("log", ctx.account, gateway_id, log["id"], log)


routes = [
    Route("/gateways/{gateway_id}/logs", list_logs, methods=["GET"]),
    Route("/gateways/{gateway_id}/logs", delete_logs, methods=["DELETE"]),
    Route("/gateways/{gateway_id}/logs/{id}", get_log, methods=["GET"]),
    Route("/gateways/{gateway_id}/logs/{id}", patch_log, methods=["PATCH"]),
    Route("/gateways/{gateway_id}/logs/{id}/request", log_request, methods=["GET"]),
    Route("/gateways/{gateway_id}/logs/{id}/response", log_response, methods=["GET"]),
]
