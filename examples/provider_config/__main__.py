"""A gateway and the OpenAI key it uses (BYOK). The key comes from secret config: `providerKey`."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
gateway = aig.Gateway("gateway", gateway_id=config.get("gatewayId") or "example-keys")
key = aig.ProviderConfig(
    "openai",
    gateway_id=gateway.gateway_id,
    provider_slug="openai",
    alias=config.get("alias") or "primary",
    default_config=True,
    secret=config.require_secret("providerKey"),
    rate_limit=config.get_float("rateLimit"),
)
pulumi.export("config_id", key.config_id)
pulumi.export("secret_preview", key.secret_preview)
