"""N gateways (config `count`), created concurrently by the engine."""

import pulumi

import pulumi_ai_gateway as aig

count = pulumi.Config().require_int("count")
for index in range(count):
    aig.Gateway(f"gw-{index}", aig.GatewayArgs(gateway_id=f"load-{index:03d}", cache_ttl=60))
pulumi.export("count", count)
