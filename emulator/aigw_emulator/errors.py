"""API errors, rendered as Cloudflare renders them.

One body fits every error schema the API description declares (400 "Bad Request" needs ``result``, 400
"Input Validation Error" needs ``errors[].code/message/path``, 404 needs ``errors[].code/message``)::

    {"success": false, "errors": [{"code": 7001, "message": "...", "path": ["body", "id"]}],
     "messages": [], "result": {}}
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

__all__ = [
    "AUTH_ERROR",
    "INVALID",
    "NOT_FOUND",
    "ROUTE_ERROR",
    "ApiError",
    "bad_request",
    "not_found",
    "validation_error",
]

_EMPTY: Any = {}

INVALID = 7001
NOT_FOUND = 7002
ROUTE_ERROR = 7005
AUTH_ERROR = 10000


class ApiError(Exception):
    """An error answer of the API: HTTP status, Cloudflare code and message, and the offending input."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        path: list[str] | None = None,
        headers: dict[str, str] | None = None,
        result: Any = _EMPTY,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.path = path
        self.headers = headers or {}
        self.result = dict(result) if result is _EMPTY else result
        self.extra = extra or {}

    def response(self) -> JSONResponse:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.path is not None:
            error["path"] = self.path
        body = {"success": False, "errors": [error], "messages": [], "result": self.result, **self.extra}
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def validation_error(message: str, path: list[str]) -> ApiError:
    """400 / 7001: a request body or parameter that the API rejects."""
    return ApiError(400, INVALID, message, path)


def not_found(what: str) -> ApiError:
    """404 / 7002: the object (or its parent gateway) does not exist."""
    return ApiError(404, NOT_FOUND, f"Not Found: {what}")


def bad_request(message: str, code: int = INVALID) -> ApiError:
    """400 without a body path: query-parameter errors and every dynamic-route error."""
    return ApiError(400, code, message)
