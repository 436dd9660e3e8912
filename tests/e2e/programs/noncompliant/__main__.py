"""A gateway without authentication or rate limiting, and two default keys for one provider."""

import pulumi_ai_gateway as aig

gateway = aig.Gateway("open", aig.GatewayArgs(gateway_id="prod-open", collect_logs=False, cache_ttl=10))
for alias in ("first", "second"):
    aig.ProviderConfig(
        alias,
        aig.ProviderConfigArgs(
            gateway_id=gateway.gateway_id,
            provider_slug="openai",
            alias=alias,
            default_config=True,
            secret="sk-x",
        ),
    )
