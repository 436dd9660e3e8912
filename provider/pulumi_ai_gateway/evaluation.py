"""The ``Evaluation`` resource: its inputs, outputs and dynamic provider. The wire models and API calls are in
``pulumi_ai_gateway.api.evaluation`` (re-exported here, so both import paths work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from pulumi_ai_gateway._exports import generated_names
from pulumi_ai_gateway._models import ComputedOutputs
from pulumi_ai_gateway._provider import GatewayScoped, Provider
from pulumi_ai_gateway.api.evaluation import (
    EvaluationApi,
    EvaluationCreate,
    EvaluationInfo,
    EvaluationResult,
    EvaluationTypeInfo,
)

if TYPE_CHECKING:
    from pulumi_ai_gateway._inputs import Evaluation, EvaluationArgs, EvaluationArgsDict

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

    resource_doc = """An evaluation of datasets.

    Results arrive asynchronously: ``processed`` turns true and ``results`` fill in on a later refresh.
    A replacement deletes the old evaluation before creating the new one.
    """

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

    def _get(self, api: EvaluationApi, id_: str, inputs: EvaluationInputs) -> EvaluationInfo:
        return api.get(inputs.gateway_id, id_)

    def _answered(self, info: EvaluationInfo, inputs: EvaluationInputs) -> dict[str, Any]:
        # Its answer holds the datasets and, once processed, one result per evaluator, not the body's ids.
        type_ids = (
            [r.evaluation_type_id for r in info.results] if info.processed else inputs.evaluation_type_ids
        )
        return {**inputs.model_dump(), "name": info.name, "dataset_ids": info.dataset_ids,
                "evaluation_type_ids": type_ids}  # fmt: skip

    def _adopt(self, api: EvaluationApi, id_: str, inputs: EvaluationInputs) -> tuple[str, dict[str, Any]]:
        observed, computed = self._read(api, id_, inputs)
        if observed.model_dump() == inputs.model_dump():
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


__getattr__ = generated_names(__name__, "Evaluation")
