"""What every object module shares: request context, body validation, query parameters, pagination."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse

from aigw_emulator.errors import bad_request, not_found, validation_error
from aigw_emulator.ratelimit import RateLimit
from aigw_emulator.store import Doc, Store

__all__ = [
    "Body",
    "Context",
    "Settings",
    "envelope",
    "new_id",
    "now",
    "page_of",
    "parse_body",
    "query_bool",
    "query_int",
    "query_str",
]

M = TypeVar("M", bound=BaseModel)


class Body(BaseModel):
    """Base of request bodies: JSON types strictly (no "5" for 5), unknown fields ignored as the API does."""

    model_config = ConfigDict(strict=True, extra="ignore")


@dataclass(frozen=True)
class Settings:
    """Server-wide behaviour: auth, the rate limit and how long evaluations take to process."""

    api_token: str | None = None
    evaluation_delay_s: float = 2.0
    rate_limit: RateLimit | None = None
    """Requests per token and window (Cloudflare: 1,200 per 300 s); None: no limit."""


@dataclass(frozen=True)
class Context:
    """What a handler needs: the store, the settings, and the account of the request path."""

    store: Store
    settings: Settings
    account: str

    @classmethod
    def of(cls, request: Request) -> Context:
        return cls(request.app.state.store, request.app.state.settings, request.path_params["account_id"])

    def gateway(self, gateway_id: str) -> Doc:
        """The parent gateway of a child object, or 404 / 7002."""
        gateway = self.store.get("gateway", self.account, "", gateway_id)
        if gateway is None:
            raise not_found(f"gateway {gateway_id}")
        return gateway

    def child(self, kind: str, gateway_id: str, id_: str) -> Doc:
        """An object under a gateway, or 404 / 7002 naming whichever of the two is missing."""
        self.gateway(gateway_id)
        found = self.store.get(kind, self.account, gateway_id, id_)
        if found is None:
            raise not_found(f"{kind.replace('_', ' ')} {id_}")
        return found


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def new_id() -> str:
    return uuid.uuid4().hex


async def parse_body(request: Request, model: type[M]) -> M:
    """The JSON body validated by ``model``; every problem becomes 400 / 7001 with its ``path``."""
    raw = await request.body()
    try:
        data = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise validation_error(f"Malformed JSON body: {exc}", ["body"]) from exc
    if not isinstance(data, dict):
        raise validation_error("Expected a JSON object", ["body"])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ["body", *(str(part) for part in first["loc"])]
        raise validation_error(f"{'.'.join(path[1:]) or 'body'}: {first['msg']}", path) from exc


def query_str(request: Request, name: str) -> str | None:
    return request.query_params.get(name)


def query_int(
    request: Request, name: str, default: int | None, low: int | None, high: int | None
) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise bad_request(f"Invalid query parameter {name}: expected an integer") from exc
    if (low is not None and value < low) or (high is not None and value > high):
        raise bad_request(f"Invalid query parameter {name}: must be between {low} and {high}")
    return value


def query_bool(request: Request, name: str) -> bool | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise bad_request(f"Invalid query parameter {name}: expected true or false")


def page_of(
    request: Request, items: list[Doc], *, per_page_max: int = 100, per_page_min: int = 1
) -> JSONResponse:
    """A ``page``/``per_page`` slice of ``items`` in the standard envelope with ``result_info``."""
    page = query_int(request, "page", 1, 1, None) or 1
    per_page = query_int(request, "per_page", 20, per_page_min, per_page_max) or 20
    chunk = items[(page - 1) * per_page : page * per_page]
    info = {"page": page, "per_page": per_page, "count": len(chunk), "total_count": len(items)}
    return envelope(chunk, result_info=info)


def envelope(result: Any, **extra: Any) -> JSONResponse:
    """The success envelope: ``{success, errors, messages, result, ...}``."""
    return JSONResponse({"success": True, "errors": [], "messages": [], "result": result, **extra})
