"""Evaluations and evaluation types: models and API calls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import RequestModel, ResponseModel, read_answer
from pulumi_ai_gateway.api.dataset import DatasetInfo

__all__ = [
    "EvaluationApi",
    "EvaluationCreate",
    "EvaluationDataset",
    "EvaluationInfo",
    "EvaluationResult",
    "EvaluationTypeInfo",
]


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

    id: str = Field(description="The result's id.")
    evaluation_id: str | None = Field(None, description="The evaluation it belongs to.")
    evaluation_type_id: str = Field(description="The evaluator (``get_evaluation_types``).")
    result: str = Field(description="What the evaluator found (a number as text for cost, speed, ...).")
    status: float = Field(description="The evaluator's status code.")
    status_description: str = Field(description="The status in words.")
    total_logs: float = Field(description="How many logs it evaluated.")
    created_at: str | None = Field(None, description="When it was made.")
    modified_at: str | None = Field(None, description="When it last changed.")


class EvaluationDataset(DatasetInfo):
    """A dataset as an evaluation's answer holds it: with the account it belongs to."""

    account_id: str | None = Field(None, description="The account of the dataset.")
    account_tag: str | None = Field(None, description="The account's tag.")


class EvaluationInfo(ResponseModel):
    """An evaluation as the API returns it (results arrive asynchronously)."""

    id: str = Field(description="The id Cloudflare gave the evaluation.")
    gateway_id: str = Field(description="The gateway whose logs it evaluates.")
    name: str = Field(description="The evaluation's name.")
    processed: bool = Field(description="Whether Cloudflare has finished evaluating.")
    total_logs: float = Field(description="How many logs were evaluated.")
    created_at: str = Field(description="When the evaluation was created.")
    modified_at: str = Field(description="When it last changed.")
    datasets: list[EvaluationDataset] = Field(default=[], description="The datasets it evaluates.")
    results: list[EvaluationResult] = Field(
        default=[], description="One result per evaluator once processed."
    )

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
            yield read_answer(EvaluationInfo, item)

    def get(self, gateway_id: str, evaluation_id: str) -> EvaluationInfo:
        result = self._client.call(
            "GET",
            f"/gateways/{gateway_id}/evaluations/{evaluation_id}",
            what=f"evaluation {evaluation_id!r}",
            operation="read",
        )
        return read_answer(EvaluationInfo, result)

    def create(self, gateway_id: str, body: EvaluationCreate) -> EvaluationInfo:
        result = self._client.call(
            "POST",
            f"/gateways/{gateway_id}/evaluations",
            what=f"evaluation {body.name!r}",
            operation="create",
            json=body.body(),
        )
        return read_answer(EvaluationInfo, result)

    def delete(self, gateway_id: str, evaluation_id: str) -> EvaluationInfo:
        result = self._client.call(
            "DELETE",
            f"/gateways/{gateway_id}/evaluations/{evaluation_id}",
            what=f"evaluation {evaluation_id!r}",
            operation="delete",
        )
        return read_answer(EvaluationInfo, result)
