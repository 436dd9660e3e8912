"""A gateway and a dynamic route: 80/20 split between two models, each falling back to a third."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
primary = config.get("primaryModel") or "gpt-4o-mini"
gateway = aig.Gateway("gateway", gateway_id=config.get("gatewayId") or "example-routes")


def model(element_id: str, provider: str, name: str, fallback: str) -> aig.ModelElement:
    return aig.ModelElement(
        id=element_id,
        properties=aig.ModelProperties(provider=provider, model=name, timeout=20_000, retries=1),
        outputs={"success": aig.Target(element_id="end"), "fallback": aig.Target(element_id=fallback)},
    )


route = aig.DynamicRoute(
    "assistant",
    gateway_id=gateway.gateway_id,
    name=config.get("routeName") or "assistant",
    elements=[
        aig.StartElement(id="start", outputs={"next": aig.Target(element_id="split")}),
        aig.PercentageElement(
            id="split",
            outputs={"80": aig.Target(element_id="primary"), "20": aig.Target(element_id="candidate")},
        ),
        model("primary", "openai", primary, "backup"),
        model("candidate", "anthropic", "claude-3-5-haiku-latest", "backup"),
        aig.ModelElement(
            id="backup",
            properties=aig.ModelProperties(
                provider="workers-ai", model="@cf/meta/llama-3.1-8b-instruct", timeout=20_000, retries=0
            ),
            outputs={"success": aig.Target(element_id="end"), "fallback": aig.Target(element_id="end")},
        ),
        aig.EndElement(id="end"),
    ],
)
pulumi.export("route_id", route.route_id)
pulumi.export("version_id", route.version_id)
pulumi.export("deployment_id", route.deployment_id)
