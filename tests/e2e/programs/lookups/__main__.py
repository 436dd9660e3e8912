"""A gateway holding a secret (config ``otelAuthorization``), and the ``_output`` lookups of it as outputs."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
gateway = aig.Gateway(
    "gateway",
    gateway_id="lookups-gw",
    otel=[
        aig.OtelExporterArgs(
            url="https://otel.example.com/v1/traces", authorization=config.require_secret("otelAuthorization")
        )
    ],
)
plain = aig.Gateway("plain", gateway_id="lookups-plain")
pulumi.export("gateway", aig.get_gateway_output(gateway.gateway_id))
pulumi.export("plain", aig.get_gateway_output(plain.gateway_id))
pulumi.export("evaluation_types", aig.get_evaluation_types_output())
