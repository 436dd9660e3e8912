"""N gateways (config `count`) with one dynamic route each, named by the config `prefix` (one per stack)."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
prefix = config.require("prefix")
for index in range(config.require_int("count")):
    gateway = aig.Gateway(f"gw-{index}", gateway_id=f"{prefix}-{index:03d}", cache_ttl=60)
    aig.DynamicRoute(
        f"route-{index}",
        gateway_id=gateway.gateway_id,
        name="default",
        elements=[
            aig.StartElementArgs(id="start", outputs={"next": aig.TargetArgs(element_id="model")}),
            aig.ModelElementArgs(
                id="model",
                properties=aig.ModelPropertiesArgs(
                    provider="openai", model="gpt-4.1-mini", timeout=30000, retries=1
                ),
                outputs={
                    "success": aig.TargetArgs(element_id="end"),
                    "fallback": aig.TargetArgs(element_id="end"),
                },
            ),
            aig.EndElementArgs(id="end"),
        ],
    )
