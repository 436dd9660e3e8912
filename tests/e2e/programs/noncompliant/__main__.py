"""A gateway without authentication or rate limiting, two default keys for one provider, an upstream over
plain http, a custom domain of a production gateway that allows old TLS, and a large auto top-up with no cap on
spend."""

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
aig.CustomProvider("plain", name="Plain", slug="plain", base_url="http://llm.example.com/v1")
# A $1,000 auto top-up, and nothing caps the gateway's spend.
aig.TopupConfig("uncapped", amount=100_000, threshold=1000)
aig.CustomDomain(
    "old-tls", gateway_id=gateway.gateway_id, domain="ai.example.com", zone_id="z", min_tls="1.0"
)
