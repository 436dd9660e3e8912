"""A dynamic route to try before it goes live: 90 % of requests to one model, 10 % to a candidate, each falling
back to a third model when it fails. Deploy it (``pulumi up``), then send it traffic with ``try_it.py``."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
gateway = aig.Gateway("gateway", gateway_id=config.get("gatewayId") or "try-routes", collect_logs=True)


def model(element_id: str, provider: str, name: str, fallback: str) -> aig.ModelElementArgs:
    return aig.ModelElementArgs(
        id=element_id,
        properties=aig.ModelPropertiesArgs(provider=provider, model=name, timeout=10_000, retries=1),
        outputs={
            "success": aig.TargetArgs(element_id="end"),
            "fallback": aig.TargetArgs(element_id=fallback),
        },
    )


route = aig.DynamicRoute(
    "split",
    gateway_id=gateway.gateway_id,
    name="split",
    elements=[
        aig.StartElementArgs(id="start", outputs={"next": aig.TargetArgs(element_id="split")}),
        aig.PercentageElementArgs(
            id="split",
            outputs={
                "90": aig.TargetArgs(element_id="current"),
                "10": aig.TargetArgs(element_id="candidate"),
            },
        ),
        model("current", "openai", "gpt-4o-mini", "fallback"),
        model("candidate", "anthropic", "claude-3-5-haiku-latest", "fallback"),
        model("fallback", "workers-ai", "@cf/meta/llama-3.1-8b-instruct", "end"),
        aig.EndElementArgs(id="end"),
    ],
)
pulumi.export("gateway_id", gateway.gateway_id)
pulumi.export("route_name", route.name)
# Requests name the route as their model: "dynamic/split".
pulumi.export("compat_url", aig.get_gateway_url_output(gateway.gateway_id, "compat"))
