"""``every_resource`` written with plain dicts for the nested settings (the ``...ArgsDict`` form), keyword style.

The same objects (every object of the package), the same secrets and the same ``generation`` switch, so a
lifecycle test can run either program.
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
    spend_limits={
        "enabled": True,
        "rules": [
            {"limit": 25.0, "limit_type": "cost", "window": 3600, "metadata": {"team": {"mode": "partition"}}}
        ],
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
upstream = aig.CustomProvider(
    "upstream",
    name="Every-resource LLM",
    slug=f"{prefix}-llm",
    base_url=["https://llm.example.com/v1", "https://llm-2.example.com/v1"][generation],
    headers=config.require_secret("providerKey").apply(lambda key: f"Authorization: Bearer {key}"),
    logo="https://llm.example.com/logo.svg",
)
cost = aig.CustomProviderCost(
    "cost",
    account_provider_id=upstream.custom_provider_id,
    model="every-1",
    cost_in=[0.5, 0.75][generation],
    token_pricing={"input_tokens": 0.5},
)
domain = aig.CustomDomain(
    "domain",
    gateway_id=gateway.gateway_id,
    domain=f"ai-{generation}.{prefix}.example",
    zone_id="395566f4c8a5b9d2a5fc0d457b007c44",
)
legacy_limit = aig.SpendingLimit(
    "legacy-limit", amount=5000, duration="monthly", strategy="fixed", adopt_existing=True
)
topup = aig.TopupConfig("topup", amount=[5000, 7500][generation], threshold=1000)
pulumi.export("gateway_id", gateway.gateway_id)
# Every input is a typed Output of its resource, also when the program left it unset.
pulumi.export("cache_ttl", gateway.cache_ttl)
pulumi.export("authentication", gateway.authentication)
pulumi.export("account_id", gateway.account_id)
pulumi.export("python_prefix", sys.prefix)
pulumi.export("pulumi_sdk", metadata.version("pulumi"))
