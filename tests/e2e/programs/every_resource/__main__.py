"""One of every resource in Pulumi's keyword call style with the typed input classes, holding every kind of
secret (``every_resource_dicts`` is the same program written with plain dicts).

``generation`` 0 or 1 picks the desired settings.

Going from generation 0 to 1 updates each resource once: the gateway's cache TTL (PUT), the dataset's
``enable`` (PUT), the evaluation's name (a replacement), the route's model (a new version and deployment),
the provider key (a rotation by PUT; the key itself is secret config ``providerKey``) and the custom provider's
base URL and headers and its cost's ``cost_in`` (one PATCH each; the headers carry ``providerKey``); the
custom domain's hostname is a replacement (no update exists).
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
        aig.OtelExporterArgs(
            url="https://otel.example.com/v1/traces",
            authorization=config.require_secret("otelAuthorization"),
        )
    ],
    stripe=aig.StripeArgs(
        authorization=config.require_secret("stripeKey"),
        usage_events=[aig.StripeUsageEventArgs(payload="{{tokens}}")],
    ),
    spend_limits=aig.SpendLimitsArgs(
        enabled=True,
        rules=[
            aig.SpendLimitRuleArgs(limit=25.0, window=3600, metadata={"team": aig.SpendLimitPartitionArgs()})
        ],
    ),
)
dataset = aig.Dataset(
    "dataset",
    gateway_id=gateway.gateway_id,
    name="failures",
    enable=generation == 0,
    filters=[
        aig.DatasetFilterArgs(key="success", operator="eq", value=[False]),
        # A secret deep inside a nested setting stays secret in the state.
        aig.DatasetFilterArgs(key="model", operator="eq", value=[config.require_secret("datasetModel")]),
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
        aig.StartElementArgs(id="start", outputs={"next": aig.TargetArgs(element_id="model")}),
        aig.ModelElementArgs(
            id="model",
            properties=aig.ModelPropertiesArgs(
                provider="openai",
                model=["gpt-4o-mini", "gpt-4.1-mini"][generation],
                timeout=10_000,
                retries=1,
            ),
            outputs={
                "success": aig.TargetArgs(element_id="end"),
                "fallback": aig.TargetArgs(element_id="end"),
            },
        ),
        aig.EndElementArgs(id="end"),
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
    token_pricing=aig.TokenPricingArgs(input_tokens=0.5),
)
domain = aig.CustomDomain(
    "domain",
    gateway_id=gateway.gateway_id,
    domain=f"ai-{generation}.{prefix}.example",
    zone_id="395566f4c8a5b9d2a5fc0d457b007c44",
)
# The account's legacy limit (seeded in the emulator as Cloudflare's past would have made it): adopted only.
legacy_limit = aig.SpendingLimit(
    "legacy-limit", amount=5000, duration="monthly", strategy="fixed", adopt_existing=True
)
topup = aig.TopupConfig("topup", amount=[5000, 7500][generation], threshold=1000)
pulumi.export("gateway_id", gateway.gateway_id)
# Every input is a typed Output of its resource, also when the program left it unset.
pulumi.export("cache_ttl", gateway.cache_ttl)
pulumi.export("authentication", gateway.authentication)
pulumi.export("account_id", gateway.account_id)
# Which environment ran the program: a user's project runs it from the virtualenv its Pulumi.yaml names.
pulumi.export("python_prefix", sys.prefix)
pulumi.export("pulumi_sdk", metadata.version("pulumi"))
