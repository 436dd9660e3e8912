"""A gateway and a dynamic route: 80/20 split between two models, each falling back to a third."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
primary = config.get("primaryModel") or "gpt-4o-mini"
gateway = aig.Gateway("gateway", gateway_id=config.get("gatewayId") or "example-routes")


def model(element_id: str, provider: str, name: str, fallback: str) -> aig.ModelElementArgs:
    return aig.ModelElementArgs(
        id=element_id,
        properties=aig.ModelPropertiesArgs(provider=provider, model=name, timeout=20_000, retries=1),
        outputs={
            "success": aig.TargetArgs(element_id="end"),
            "fallback": aig.TargetArgs(element_id=fallback),
        },
    )


route = aig.DynamicRoute(
    "assistant",
    gateway_id=gateway.gateway_id,
    name=config.get("routeName") or "assistant",
    elements=[
        aig.StartElementArgs(id="start", outputs={"next": aig.TargetArgs(element_id="split")}),
        aig.PercentageElementArgs(
            id="split",
            outputs={
                "80": aig.TargetArgs(element_id="primary"),
                "20": aig.TargetArgs(element_id="candidate"),
            },
        ),
        model("primary", "openai", primary, "backup"),
        model("candidate", "anthropic", "claude-3-5-haiku-latest", "backup"),
        aig.ModelElementArgs(
            id="backup",
            properties=aig.ModelPropertiesArgs(
                provider="workers-ai", model="@cf/meta/llama-3.1-8b-instruct", timeout=20_000, retries=0
            ),
            outputs={
                "success": aig.TargetArgs(element_id="end"),
                "fallback": aig.TargetArgs(element_id="end"),
            },
        ),
        aig.EndElementArgs(id="end"),
    ],
)
pulumi.export("route_id", route.route_id)
pulumi.export("version_id", route.version_id)
pulumi.export("deployment_id", route.deployment_id)
