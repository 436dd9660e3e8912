"""Datasets: models and API calls (``/gateways/{gateway_id}/datasets``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import Answer, RequestModel, read_answer

__all__ = ["DatasetApi", "DatasetBody", "DatasetFilter", "DatasetFilterKey", "DatasetInfo"]

DatasetFilterKey = Literal[
    "created_at",
    "request_content_type",
    "response_content_type",
    "success",
    "cached",
    "provider",
    "model",
    "cost",
    "tokens",
    "tokens_in",
    "tokens_out",
    "duration",
    "feedback",
]


class DatasetFilter(RequestModel):
    """Which logs belong to a dataset: ``key`` ``operator`` any of ``value``."""

    key: DatasetFilterKey = Field(description="The log field to filter on.")
    operator: Literal["eq", "contains", "lt", "gt"] = Field(description="How to compare.")
    value: list[str | float | bool] = Field(min_length=1, description="Values to compare with (any matches).")


class DatasetBody(RequestModel):
    """A dataset's settings: the body of create and of (full) update."""

    name: str = Field(min_length=1, description="Dataset name (the key ``adopt_existing`` looks up).")
    enable: bool = Field(default=True, description="Whether the dataset is active.")
    filters: list[DatasetFilter] = Field(
        default=[],
        description="Filters over log fields; a log belongs to the dataset when it matches all of them.",
    )


class DatasetInfo(DatasetBody, Answer):
    """A dataset as the API returns it: its settings, and what the API sets."""

    id: str = Field(description="The id Cloudflare gave the dataset (pass it to ``Evaluation.dataset_ids``).")
    gateway_id: str = Field(description="The gateway whose logs it selects.")
    created_at: str = Field(description="When the dataset was created.")
    modified_at: str = Field(description="When it last changed.")


class DatasetApi(ObjectApi):
    """``/gateways/{gateway_id}/datasets`` of one account."""

    def list(self, gateway_id: str, *, name: str | None = None, per_page: int = 100) -> Iterator[DatasetInfo]:
        params = {"name": name} if name is not None else None
        for item in self._client.paginate(
            f"/gateways/{gateway_id}/datasets",
            what=f"datasets of {gateway_id!r}",
            operation="list",
            params=params,
            per_page=per_page,
        ):
            yield read_answer(DatasetInfo, item)

    def get(self, gateway_id: str, dataset_id: str) -> DatasetInfo:
        result = self._client.call(
            "GET",
            f"/gateways/{gateway_id}/datasets/{dataset_id}",
            what=f"dataset {dataset_id!r}",
            operation="read",
        )
        return read_answer(DatasetInfo, result)

    def create(self, gateway_id: str, body: DatasetBody) -> DatasetInfo:
        result = self._client.call(
            "POST",
            f"/gateways/{gateway_id}/datasets",
            what=f"dataset {body.name!r}",
            operation="create",
            json=body.body(),
        )
        return read_answer(DatasetInfo, result)

    def update(self, gateway_id: str, dataset_id: str, body: DatasetBody) -> DatasetInfo:
        result = self._client.call(
            "PUT",
            f"/gateways/{gateway_id}/datasets/{dataset_id}",
            what=f"dataset {dataset_id!r}",
            operation="update",
            json=body.body(),
        )
        return read_answer(DatasetInfo, result)

    def delete(self, gateway_id: str, dataset_id: str) -> DatasetInfo:
        result = self._client.call(
            "DELETE",
            f"/gateways/{gateway_id}/datasets/{dataset_id}",
            what=f"dataset {dataset_id!r}",
            operation="delete",
        )
        return read_answer(DatasetInfo, result)
