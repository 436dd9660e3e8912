"""N gateways (config ``count``), the same shape as the no-op program's N resources."""

import pulumi

import pulumi_ai_gateway as aig

for index in range(pulumi.Config().require_int("count")):
    aig.Gateway(f"r-{index}", aig.GatewayArgs(gateway_id=f"bench-{index:03d}", cache_ttl=60))
