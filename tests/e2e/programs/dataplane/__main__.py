"""What the data-plane test deploys: the gateway's URLs answer locally with these settings."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
gateway = aig.Gateway(
    "edge",
    gateway_id="edge",
    authentication=True,
    cache_ttl=300,
    collect_logs=True,
    rate_limiting_limit=config.require_int("rateLimit"),
    rate_limiting_interval=3600,
    rate_limiting_technique="fixed",
)


def model(element_id: str, provider: str, name: str, fallback: str) -> aig.ModelElementArgs:
    return aig.ModelElementArgs(
        id=element_id,
        properties=aig.ModelPropertiesArgs(provider=provider, model=name, timeout=5_000, retries=0),
        outputs={
            "success": aig.TargetArgs(element_id="end"),
            "fallback": aig.TargetArgs(element_id=fallback),
        },
    )


aig.DynamicRoute(
    "chat",
    gateway_id=gateway.gateway_id,
    name="chat",
    elements=[
        aig.StartElementArgs(id="start", outputs={"next": aig.TargetArgs(element_id="split")}),
        aig.PercentageElementArgs(
            id="split",
            outputs={"90": aig.TargetArgs(element_id="main"), "10": aig.TargetArgs(element_id="candidate")},
        ),
        model("main", "openai", "gpt-4o-mini", "fallback"),
        model("candidate", "anthropic", "claude-3-5-haiku-latest", "fallback"),
        model("fallback", "workers-ai", "@cf/meta/llama-3.1-8b-instruct", "end"),
        aig.EndElementArgs(id="end"),
    ],
)
failures = aig.Dataset(
    "failures",
    gateway_id=gateway.gateway_id,
    name="failures",
    filters=[aig.DatasetFilterArgs(key="success", operator="eq", value=[False])],
)
evaluation = aig.Evaluation(
    "failures-performance",
    gateway_id=gateway.gateway_id,
    name="failures-performance",
    dataset_ids=[failures.dataset_id],
    evaluation_type_ids=["cost", "speed", "performance"],
)
pulumi.export("openai_url", aig.get_gateway_url_output(gateway.gateway_id, "openai"))
pulumi.export("compat_url", aig.get_gateway_url_output(gateway.gateway_id, "compat"))
pulumi.export("evaluation_id", evaluation.evaluation_id)
