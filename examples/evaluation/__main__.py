"""A gateway, a dataset of its failures, and an evaluation of that dataset by every mandatory evaluator."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
gateway = aig.Gateway("gateway", gateway_id=config.get("gatewayId") or "example-evaluations")
failures = aig.Dataset(
    "failures",
    gateway_id=gateway.gateway_id,
    name="failures",
    filters=[aig.DatasetFilterArgs(key="success", operator="eq", value=[False])],
)
evaluation = aig.Evaluation(
    "failures-review",
    gateway_id=gateway.gateway_id,
    name=config.get("evaluationName") or "failures-review",
    dataset_ids=[failures.dataset_id],
    evaluation_type_ids=config.get_object("evaluationTypes") or ["cost", "speed"],
)
pulumi.export("evaluation_id", evaluation.evaluation_id)
pulumi.export("processed", evaluation.processed)
