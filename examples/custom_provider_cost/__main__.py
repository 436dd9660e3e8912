"""What the models of our own upstream cost, so the gateway's analytics and spend limits count them.

The cost names its provider by id, an output of the custom provider: Pulumi creates the provider first and
deletes the cost first.
"""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
upstream = aig.CustomProvider(
    "upstream",
    name="Acme LLM",
    slug=config.get("slug") or "acme-priced",
    base_url="https://llm.acme.example/v1",
    headers=config.require_secret("providerKey").apply(lambda key: f"Authorization: Bearer {key}"),
)
cost = aig.CustomProviderCost(
    "acme-1",
    account_provider_id=upstream.custom_provider_id,
    model="acme-1",
    model_rule="starts-with",
    cost_in=0.25,
    cost_out=1.0,
    token_pricing=aig.TokenPricingArgs(input_tokens=0.25, output_tokens=1.0),
)
pulumi.export("cost_id", cost.cost_id)
