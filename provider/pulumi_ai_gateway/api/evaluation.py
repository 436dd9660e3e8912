"""Evaluations and evaluation types: models and API calls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import RequestModel, ResponseModel
from pulumi_ai_gateway.api.dataset import DatasetInfo

__all__ = ["EvaluationApi", "EvaluationCreate", "EvaluationInfo", "EvaluationResult", "EvaluationTypeInfo"]


class EvaluationCreate(RequestModel):
    """The body of an evaluation (evaluations cannot be updated)."""

    name: str = Field(min_length=1, description="Evaluation name (the key ``adopt_existing`` looks up).")
    dataset_ids: Annotated[list[str], Field(min_length=1, max_length=5)] = Field(
        description="One to five dataset ids (``Dataset.dataset_id``)."
    )
    evaluation_type_ids: list[str] = Field(
        description="Evaluators to run (see ``get_evaluation_types``); at least one for an ``Evaluation``."
    )


class EvaluationResult(ResponseModel):
    """The result of one evaluator."""

    id: str
    evaluation_type_id: str
    result: str
    status: float
    status_description: str
    total_logs: float


class EvaluationInfo(ResponseModel):
    """An evaluation as the API returns it (results arrive asynchronously)."""

    id: str
    gateway_id: str
    name: str
    processed: bool
    total_logs: float
    created_at: str
    modified_at: str
    datasets: list[DatasetInfo] = Field(default=[])
    results: list[EvaluationResult] = Field(default=[])

    @property
    def dataset_ids(self) -> list[str]:
        return [dataset.id for dataset in self.datasets]


class EvaluationTypeInfo(ResponseModel):
    """An evaluator the account offers."""

    id: str = Field(description="The evaluator's id (what ``evaluation_type_ids`` takes).")
    name: str = Field(description="Its name.")
    type: str = Field(description="What it measures (``cost``, ``speed``, ``performance``, ...).")
    description: str = Field(description="What it does.")
    mandatory: bool = Field(description="Whether it runs on every evaluation.")
    enable: bool = Field(description="Whether it is available.")


class EvaluationApi(ObjectApi):
    """``/gateways/{gateway_id}/evaluations`` and ``/evaluation-types`` of one account."""

    def list_types(self, *, per_page: int = 50) -> Iterator[EvaluationTypeInfo]:
        for item in self._client.paginate(
            "/evaluation-types", what="evaluation types", operation="list", per_page=per_page
        ):
            yield EvaluationTypeInfo.model_validate(item)

    def list(
        self, gateway_id: str, *, name: str | None = None, per_page: int = 100
    ) -> Iterator[EvaluationInfo]:
        params = {"name": name} if name is not None else None
        for item in self._client.paginate(
            f"/gateways/{gateway_id}/evaluations",
            params=params,
            what=f"evaluations of {gateway_id!r}",
            operation="list",
            per_page=per_page,
        ):
            yield EvaluationInfo.model_validate(item)

    def get(self, gateway_id: str, evaluation_id: str) -> EvaluationInfo:
        result = self._client.call(
            "GET",
            f"/gateways/{gateway_id}/evaluations/{evaluation_id}",
            what=f"evaluation {evaluation_id!r}",
            operation="read",
        )
        return EvaluationInfo.model_validate(result)

    def create(self, gateway_id: str, body: EvaluationCreate) -> EvaluationInfo:
        result = self._client.call(
            "POST",
            f"/gateways/{gateway_id}/evaluations",
            what=f"evaluation {body.name!r}",
            operation="create",
            json=body.body(),
        )
        return EvaluationInfo.model_validate(result)

    def delete(self, gateway_id: str, evaluation_id: str) -> EvaluationInfo:
        result = self._client.call(
            "DELETE",
            f"/gateways/{gateway_id}/evaluations/{evaluation_id}",
            what=f"evaluation {evaluation_id!r}",
            operation="delete",
        )
        return EvaluationInfo.model_validate(result)
