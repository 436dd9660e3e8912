"""``every_resource`` written with plain dicts for the nested settings (the ``...ArgsDict`` form), keyword style.

Same objects, same secrets and the same ``generation`` switch, so a lifecycle test can run either program.
"""

import sys
from importlib import metadata

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
generation = config.get_int("generation") or 0
prefix = config.get("prefix") or "faults"

gateway = aig.Gateway(
    "gateway",
    gateway_id=f"{prefix}-gw",
    cache_ttl=300 + 300 * generation,
    collect_logs=True,
    otel=[
        {
            "url": "https://otel.example.com/v1/traces",
            "authorization": config.require_secret("otelAuthorization"),
        }
    ],
    stripe={
        "authorization": config.require_secret("stripeKey"),
        "usage_events": [{"payload": "{{tokens}}"}],
    },
)
dataset = aig.Dataset(
    "dataset",
    gateway_id=gateway.gateway_id,
    name="failures",
    enable=generation == 0,
    filters=[
        {"key": "success", "operator": "eq", "value": [False]},
        {"key": "model", "operator": "eq", "value": [config.require_secret("datasetModel")]},
    ],
)
evaluation = aig.Evaluation(
    "evaluation",
    gateway_id=gateway.gateway_id,
    name=f"review-{generation}",
    dataset_ids=[dataset.dataset_id],
    evaluation_type_ids=["cost"],
)
route = aig.DynamicRoute(
    "route",
    gateway_id=gateway.gateway_id,
    name="chat",
    elements=[
        {"id": "start", "type": "start", "outputs": {"next": {"element_id": "model"}}},
        {
            "id": "model",
            "type": "model",
            "properties": {
                "provider": "openai",
                "model": ["gpt-4o-mini", "gpt-4.1-mini"][generation],
                "timeout": 10_000,
                "retries": 1,
            },
            "outputs": {"success": {"element_id": "end"}, "fallback": {"element_id": "end"}},
        },
        {"id": "end", "type": "end"},
    ],
)
key = aig.ProviderConfig(
    "key",
    gateway_id=gateway.gateway_id,
    provider_slug="openai",
    alias="primary",
    secret=config.require_secret("providerKey"),
)
pulumi.export("gateway_id", gateway.gateway_id)
# Every input is a typed Output of its resource, also when the program left it unset.
pulumi.export("cache_ttl", gateway.cache_ttl)
pulumi.export("authentication", gateway.authentication)
pulumi.export("account_id", gateway.account_id)
pulumi.export("python_prefix", sys.prefix)
pulumi.export("pulumi_sdk", metadata.version("pulumi"))
