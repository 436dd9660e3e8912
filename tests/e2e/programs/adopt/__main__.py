"""Takes over a gateway made elsewhere, setting only its cache TTL (config ``cacheTtl``)."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
gateway = aig.Gateway(
    "console", gateway_id="console-made", cache_ttl=config.get_int("cacheTtl") or 120, adopt_existing=True
)
pulumi.export("gateway_id", gateway.gateway_id)
