"""Rules over evaluations, on their inputs model as the provider reads it."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_policy import ResourceValidationPolicy

from aigw_rules._base import Config, policy
from pulumi_ai_gateway.evaluation import EvaluationInputs

__all__ = ["POLICIES"]


def mandatory_evaluators(evaluation: EvaluationInputs, config: Config) -> Iterable[str]:
    missing = [t for t in config["mandatoryTypes"] if t not in (evaluation.evaluation_type_ids or [])]
    if missing:
        yield f"field evaluation_type_ids must include the mandatory evaluators {', '.join(missing)}"


POLICIES: list[ResourceValidationPolicy] = [
    policy(
        "evaluation-mandatory-types",
        "Evaluation",
        "Evaluations run every mandatory evaluator.",
        mandatory_evaluators,
        {
            "mandatoryTypes": {
                "type": "array",
                "items": {"type": "string"},
                "default": ["cost", "speed"],
                "description": "evaluator ids every evaluation runs",
            }
        },
    ),
]
