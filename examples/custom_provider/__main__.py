"""An upstream of our own (a custom provider) and a route that sends requests to it.

The upstream's credentials come from secret config (`providerKey`) and travel in `headers`, a secret. The
route names the provider by its slug, an output of the custom provider: Pulumi creates the provider first.
"""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
upstream = aig.CustomProvider(
    "upstream",
    name="Acme LLM",
    slug=config.get("slug") or "acme-llm",
    base_url=config.get("baseUrl") or "https://llm.acme.example/v1",
    headers=config.require_secret("providerKey").apply(lambda key: f"Authorization: Bearer {key}"),
    description="Our own OpenAI-compatible endpoint",
)
gateway = aig.Gateway("gateway", gateway_id=config.get("gatewayId") or "example-custom")
route = aig.DynamicRoute(
    "route",
    gateway_id=gateway.gateway_id,
    name="acme",
    elements=[
        aig.StartElementArgs(id="start", outputs={"next": aig.TargetArgs(element_id="acme")}),
        aig.ModelElementArgs(
            id="acme",
            properties=aig.ModelPropertiesArgs(
                provider=upstream.slug, model="acme-1", timeout=30000, retries=1
            ),
            outputs={
                "success": aig.TargetArgs(element_id="end"),
                "fallback": aig.TargetArgs(element_id="end"),
            },
        ),
        aig.EndElementArgs(id="end"),
    ],
)
pulumi.export("custom_provider_id", upstream.custom_provider_id)
pulumi.export("route_id", route.route_id)
