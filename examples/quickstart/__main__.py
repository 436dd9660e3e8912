"""Quickstart: one production-shaped AI Gateway and everything around it.

Runs against the local emulator by default (``make demo``) and against Cloudflare when the stack config or the
environment holds real credentials (see README: "Pointing at Cloudflare").
"""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
gateway_name = config.get("gatewayId") or "quickstart"
# A provider key to store (BYOK). The default is a placeholder for the emulator: set your own with
# `pulumi config set --secret openaiApiKey sk-...` before pointing the stack at Cloudflare.
openai_key = config.get_secret("openaiApiKey") or pulumi.Output.secret("sk-demo-placeholder-not-a-real-key")

# Pulumi's keyword style; the Args style, aig.Gateway("gateway", aig.GatewayArgs(...)), works as well.
gateway = aig.Gateway(
    "gateway",
    gateway_id=gateway_name,
    cache_ttl=300,
    collect_logs=True,
    log_management=100_000,
    log_management_strategy="DELETE_OLDEST",
    rate_limiting_limit=100,
    rate_limiting_interval=60,
    rate_limiting_technique="sliding",
    authentication=True,
    retry_max_attempts=3,
    retry_backoff="exponential",
    dlp=aig.DlpSimpleArgs(action="BLOCK", enabled=True, profiles=["pii"]),
    guardrails=aig.GuardrailsArgs(
        prompt=aig.GuardrailActionsArgs(P1="BLOCK", S1="BLOCK"), response=aig.GuardrailActionsArgs(S1="FLAG")
    ),
    # At most $50 a day through this gateway (the policy pack's spending-limit-set asks for a cap).
    spend_limits=aig.SpendLimitsArgs(enabled=True, rules=[aig.SpendLimitRuleArgs(limit=50, window=86_400)]),
)

failures = aig.Dataset(
    "failures",
    gateway_id=gateway.gateway_id,
    name="failed-requests",
    filters=[aig.DatasetFilterArgs(key="success", operator="eq", value=[False])],
)

evaluation = aig.Evaluation(
    "failures-cost-speed",
    gateway_id=gateway.gateway_id,
    name="failed-requests-cost-and-speed",
    dataset_ids=[failures.dataset_id],
    evaluation_type_ids=["cost", "speed"],
)

route = aig.DynamicRoute(
    "chat",
    gateway_id=gateway.gateway_id,
    name="chat",
    elements=[
        aig.StartElementArgs(id="start", outputs={"next": aig.TargetArgs(element_id="primary")}),
        aig.ModelElementArgs(
            id="primary",
            properties=aig.ModelPropertiesArgs(
                provider="openai", model="gpt-4o-mini", timeout=30_000, retries=1
            ),
            outputs={
                "success": aig.TargetArgs(element_id="end"),
                "fallback": aig.TargetArgs(element_id="fallback"),
            },
        ),
        aig.ModelElementArgs(
            id="fallback",
            properties=aig.ModelPropertiesArgs(
                provider="anthropic", model="claude-3-5-haiku-latest", timeout=30_000, retries=0
            ),
            outputs={
                "success": aig.TargetArgs(element_id="end"),
                "fallback": aig.TargetArgs(element_id="end"),
            },
        ),
        aig.EndElementArgs(id="end"),
    ],
)

openai = aig.ProviderConfig(
    "openai-key",
    gateway_id=gateway.gateway_id,
    provider_slug="openai",
    alias="primary",
    default_config=True,
    secret=openai_key,
)

pulumi.export("gateway_id", gateway.gateway_id)
pulumi.export("openai_url", aig.get_gateway_url_output(gateway.gateway_id, "openai"))
pulumi.export("anthropic_url", aig.get_gateway_url_output(gateway.gateway_id, "anthropic"))
pulumi.export("workers_ai_url", aig.get_gateway_url_output(gateway.gateway_id, "workers-ai"))
# The OpenAI-compatible endpoint: models as "openai/gpt-4o-mini", or "dynamic/chat" to run the route above.
pulumi.export("compat_url", aig.get_gateway_url_output(gateway.gateway_id, "compat"))
pulumi.export("route_version_id", route.version_id)
pulumi.export("dataset_id", failures.dataset_id)
pulumi.export("openai_key_preview", openai.secret_preview)
