"""Evaluations and evaluation types: models and API calls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._inputs import EvaluationArgs, EvaluationArgsDict, EvaluationBase
from pulumi_ai_gateway._models import ComputedOutputs, RequestModel, ResponseModel
from pulumi_ai_gateway._resource import GatewayScoped, Provider
from pulumi_ai_gateway.dataset import DatasetInfo

__all__ = [
    "Evaluation",
    "EvaluationApi",
    "EvaluationArgs",
    "EvaluationArgsDict",
    "EvaluationComputed",
    "EvaluationCreate",
    "EvaluationInfo",
    "EvaluationProvider",
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
    datasets: list[DatasetInfo] = Field(default_factory=list)
    results: list[EvaluationResult] = Field(default_factory=list)

    @property
    def dataset_ids(self) -> list[str]:
        return [dataset.id for dataset in self.datasets]


class EvaluationTypeInfo(ResponseModel):
    """An evaluator the account offers."""

    id: str
    name: str
    type: str
    description: str
    mandatory: bool
    enable: bool


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


# The Pulumi resource ---------------------------------------------------------------------------------------


class EvaluationInputs(GatewayScoped, EvaluationCreate):
    """Inputs of an ``Evaluation``. Any change replaces the evaluation (the API cannot update one)."""


class EvaluationComputed(ComputedOutputs):
    """What the API computes about an evaluation (results arrive asynchronously)."""

    evaluation_id: str = Field(validation_alias="id", description="The id Cloudflare gave the evaluation.")
    processed: bool = Field(description="Whether Cloudflare has finished evaluating.")
    total_logs: float = Field(description="How many logs were evaluated.")
    results: list[dict[str, Any]] = Field(description="One result per evaluator once processed.")
    created_at: str = Field(description="When the evaluation was created.")


class EvaluationProvider(Provider[EvaluationInputs, EvaluationApi]):
    """Dynamic provider of ``Evaluation``."""

    inputs_model = EvaluationInputs
    outputs_model = EvaluationComputed
    api_type = EvaluationApi
    kind = "evaluation"
    natural_key = ("gateway_id", "name")
    replace_on = frozenset({"gateway_id", "name", "dataset_ids", "evaluation_type_ids"})
    check_existing_first = True  # the API does not keep evaluation names unique
    # Created first, the replacement would meet the evaluation it replaces by name (names are how a create
    # recognises an object already there) and refuse to adopt it; the results are recomputed either way.
    delete_before_replace = True

    def _name(self, inputs: EvaluationInputs) -> str:
        return f"evaluation {inputs.name!r} of gateway {inputs.gateway_id!r}"

    semantic_inputs = frozenset({"evaluation_type_ids"})

    def _semantic_failures(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        # The API takes an empty list, but an evaluation without evaluators never produces a result.
        if values["evaluation_type_ids"] == []:
            return [("evaluation_type_ids", "name at least one evaluator (see get_evaluation_types)")]
        return []

    def _create(self, api: EvaluationApi, inputs: EvaluationInputs) -> tuple[str, dict[str, Any]]:
        info = api.create(inputs.gateway_id, inputs.as_body(EvaluationCreate))
        return info.id, self._computed(info)

    def _find(self, api: EvaluationApi, inputs: EvaluationInputs) -> str | None:
        return next((e.id for e in api.list(inputs.gateway_id, name=inputs.name)), None)

    def _read(
        self, api: EvaluationApi, id_: str, inputs: EvaluationInputs
    ) -> tuple[EvaluationInputs, dict[str, Any]]:
        info = api.get(inputs.gateway_id, id_)
        type_ids = (
            [r.evaluation_type_id for r in info.results] if info.processed else inputs.evaluation_type_ids
        )
        observed = inputs.model_copy(
            update={"name": info.name, "dataset_ids": info.dataset_ids, "evaluation_type_ids": type_ids}
        )
        return observed, self._computed(info)

    def _adopt(self, api: EvaluationApi, id_: str, inputs: EvaluationInputs) -> tuple[str, dict[str, Any]]:
        observed, computed = self._read(api, id_, inputs)
        if observed == inputs:
            return id_, computed
        # Evaluations cannot be changed: taking one over with other settings means replacing it.
        api.delete(inputs.gateway_id, id_)
        return self._create(api, inputs)

    def _update(
        self, api: EvaluationApi, id_: str, olds: EvaluationInputs | None, news: EvaluationInputs
    ) -> dict[str, Any]:
        # Only adopt_existing can change in place (every other input replaces): nothing to send.
        return self._computed(api.get(news.gateway_id, id_))

    def _delete(self, api: EvaluationApi, id_: str, inputs: EvaluationInputs) -> None:
        api.delete(inputs.gateway_id, id_)


class Evaluation(EvaluationBase, module="aigateway", name="Evaluation"):
    """An evaluation of datasets (type token ``pulumi-python:dynamic/aigateway:Evaluation``).

    Results arrive asynchronously: ``processed`` turns true and ``results`` fill in on a later refresh.
    A replacement deletes the old evaluation before creating the new one.
    """

    provider_type = EvaluationProvider
