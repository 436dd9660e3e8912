"""Gateway logs: models and API calls (logs come from traffic; they are read, annotated and deleted)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Literal

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import RequestModel, ResponseModel

__all__ = ["LogApi", "LogFilter", "LogInfo", "LogPatch"]

LogFilterKey = Literal[
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
]


class LogFilter(RequestModel):
    """A log filter: ``key`` ``operator`` any of ``value``."""

    key: LogFilterKey = Field(description="The log field to filter on.")
    operator: Literal["eq", "neq", "contains", "lt", "gt"] = Field(description="How to compare.")
    value: list[str | float | bool | None] = Field(min_length=1, description="Values to compare with.")


class LogPatch(RequestModel):
    """Annotations of one log."""

    feedback: Annotated[float, Field(ge=-1, le=1)] | None = None
    score: Annotated[float, Field(ge=0, le=100)] | None = None
    metadata: dict[str, str | float | bool] | None = None


class LogInfo(ResponseModel):
    """A log entry as the API returns it."""

    id: str = Field(description="The log's id (the ``cf-aig-log-id`` answer header of its request).")
    created_at: str = Field(description="When the request came (ISO 8601).")
    provider: str = Field(description="The provider that answered (``openai``, ``custom-<slug>``, ...).")
    model: str = Field(description="The model that answered.")
    path: str = Field(description="The provider path that was called (``chat/completions``, ...).")
    duration: int = Field(description="How long the request took, in milliseconds.")
    success: bool = Field(description="Whether the answer was a success (2xx).")
    cached: bool = Field(description="Whether the gateway's cache answered.")
    tokens_in: int | None = Field(description="Prompt tokens.")
    tokens_out: int | None = Field(description="Completion tokens.")
    cost: float | None = Field(None, description="What the request cost, in US dollars.")
    model_type: str | None = Field(None, description="The kind of model (``chat``, ...).")
    metadata: str | None = Field(None, description="The request's ``cf-aig-metadata``, as JSON text.")
    status_code: int | None = Field(None, description="The HTTP status of the answer.")
    step: int | None = Field(None, description="Which model of a dynamic route answered (0: the first).")
    custom_cost: bool | None = Field(None, description="Whether ``cost`` came from a custom cost.")
    request_type: str | None = Field(None, description="The kind of request (``chat``, ...).")
    request_content_type: str | None = Field(None, description="The request's content type.")
    response_content_type: str | None = Field(None, description="The answer's content type.")
    request_size: int | None = Field(None, description="The request's size in bytes.")
    response_size: int | None = Field(None, description="The answer's size in bytes.")
    request_head: str | None = Field(None, description="The start of the request body.")
    request_head_complete: bool | None = Field(
        None, description="Whether ``request_head`` is the whole body."
    )
    response_head: str | None = Field(None, description="The start of the answer body.")
    response_head_complete: bool | None = Field(
        None, description="Whether ``response_head`` is the whole body."
    )


def filter_params(filters: Sequence[LogFilter]) -> dict[str, Any]:
    """Filters in the query form Cloudflare's SDKs send: ``filters[i][key]``, ``[operator]``, ``[value][j]``."""
    params: dict[str, Any] = {}
    for i, item in enumerate(filters):
        params[f"filters[{i}][key]"] = item.key
        params[f"filters[{i}][operator]"] = item.operator
        for j, value in enumerate(item.value):
            params[f"filters[{i}][value][{j}]"] = str(value).lower() if isinstance(value, bool) else value
    return params


class LogApi(ObjectApi):
    """``/gateways/{gateway_id}/logs`` of one account."""

    def _path(self, gateway_id: str, log_id: str | None = None) -> str:
        return f"/gateways/{gateway_id}/logs" + (f"/{log_id}" if log_id else "")

    def list(
        self,
        gateway_id: str,
        *,
        filters: Sequence[LogFilter] = (),
        search: str | None = None,
        order_by: str | None = None,
        order_by_direction: Literal["asc", "desc"] | None = None,
        per_page: int = 50,
        limit: int | None = None,
    ) -> Iterator[LogInfo]:
        """Logs matching every filter, newest first unless ordered otherwise; at most ``limit`` of them."""
        params: dict[str, Any] = filter_params(filters)
        for key, value in (
            ("search", search),
            ("order_by", order_by),
            ("order_by_direction", order_by_direction),
        ):
            if value is not None:
                params[key] = value
        for count, item in enumerate(
            self._client.paginate(
                self._path(gateway_id),
                params=params,
                what=f"logs of {gateway_id!r}",
                operation="list",
                per_page=per_page,
            )
        ):
            if limit is not None and count >= limit:
                return
            yield LogInfo.model_validate(item)

    def get(self, gateway_id: str, log_id: str) -> LogInfo:
        result = self._client.call(
            "GET", self._path(gateway_id, log_id), what=f"log {log_id!r}", operation="read"
        )
        return LogInfo.model_validate(result)

    def edit(self, gateway_id: str, log_id: str, patch: LogPatch) -> None:
        self._client.call(
            "PATCH",
            self._path(gateway_id, log_id),
            what=f"log {log_id!r}",
            operation="edit",
            json=patch.body(),
        )

    def delete(self, gateway_id: str, *, filters: Sequence[LogFilter] = (), limit: int | None = None) -> None:
        """Delete the logs matching every filter (all of them without filters), at most ``limit``."""
        params = filter_params(filters)
        if limit is not None:
            params["limit"] = limit
        self._client.request(
            "DELETE",
            self._path(gateway_id),
            what=f"logs of {gateway_id!r}",
            operation="delete",
            params=params,
        )

    def request_body(self, gateway_id: str, log_id: str) -> Any:
        """The stored request payload of a log (any JSON)."""
        return self._client.request(
            "GET",
            self._path(gateway_id, log_id) + "/request",
            what=f"log {log_id!r}",
            operation="read request",
        )

    def response_body(self, gateway_id: str, log_id: str) -> Any:
        """The stored response payload of a log (any JSON)."""
        return self._client.request(
            "GET",
            self._path(gateway_id, log_id) + "/response",
            what=f"log {log_id!r}",
            operation="read response",
        )
