"""A gateway with caching, rate limiting, logging and an OpenTelemetry exporter; exports its URLs."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
gateway = aig.Gateway(
    "gateway",
    gateway_id=config.get("gatewayId") or "example-gateway",
    cache_ttl=config.get_int("cacheTtl") or 300,
    rate_limiting_limit=50,
    rate_limiting_interval=60,
    collect_logs=True,
    # Headers and authorization of exporters are secrets: they are stored encrypted in the state.
    otel=[
        aig.OtelExporterArgs(
            url="https://otel.example.com/v1/traces", authorization="Bearer otel-example-token"
        )
    ]
    if config.get_bool("withOtel")
    else None,
)
pulumi.export("gateway_id", gateway.gateway_id)
pulumi.export("openai_url", aig.get_gateway_url_output(gateway.gateway_id, "openai"))
pulumi.export("workers_ai_url", aig.get_gateway_url_output(gateway.gateway_id, "workers-ai"))
