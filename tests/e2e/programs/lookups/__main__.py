"""Every lookup in both forms: each result read through its typed attributes in an apply, and exported whole.

The ``_output`` forms read what the program declares; the plain forms read, while the program runs, a gateway
made outside it (config ``existing``) with a route (``existingRoute``), a custom domain and logs. One gateway
holds a secret (config ``otelAuthorization``), and so does the custom provider's ``headers``: their lookups are
secret (what is not secret in them is exported with ``Output.unsecret``). The program passes ``mypy --strict``.
"""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
existing, existing_route = config.require("existing"), config.require("existingRoute")

gateway = aig.Gateway(
    "gateway",
    gateway_id="lookups-gw",
    otel=[
        aig.OtelExporterArgs(
            url="https://otel.example.com/v1/traces", authorization=config.require_secret("otelAuthorization")
        )
    ],
)
plain = aig.Gateway("plain", gateway_id="lookups-plain", cache_ttl=120)
route = aig.DynamicRoute(
    "route",
    gateway_id=plain.gateway_id,
    name="chat",
    elements=[
        aig.StartElementArgs(id="start", outputs={"next": aig.TargetArgs(element_id="end")}),
        aig.EndElementArgs(id="end"),
    ],
)
domain = aig.CustomDomain(
    "domain",
    gateway_id=plain.gateway_id,
    domain="ai.lookups.example",
    zone_id="395566f4c8a5b9d2a5fc0d457b007c44",
)
upstream = aig.CustomProvider(
    "upstream",
    name="Lookups LLM",
    slug="lookups-llm",
    base_url="https://llm.example.com/v1",
    headers=config.require_secret("otelAuthorization").apply(lambda token: f"Authorization: {token}"),
)

# The _output forms: the whole result, and attributes read in an apply.
pulumi.export("gateway", aig.get_gateway_output(gateway.gateway_id))
found_plain = aig.get_gateway_output(plain.gateway_id)
pulumi.export("plain", found_plain)
pulumi.export("plain_settings", found_plain.apply(lambda g: {"ttl": g.cache_ttl, "logs": g.collect_logs}))
# Listed once both gateways exist; the list is secret (one holds a credential), the ids in it are not.
gateways = aig.get_gateways_output(pulumi.Output.all(gateway.id, plain.id).apply(lambda _: "lookups"))
pulumi.export("gateways", gateways)
pulumi.export(
    "gateway_ids", pulumi.Output.unsecret(gateways.apply(lambda found: sorted(g.id for g in found)))
)
found_route = aig.get_dynamic_route_output(plain.gateway_id, route.route_id)
pulumi.export("route", found_route)
pulumi.export(
    "route_deployed",
    found_route.apply(
        lambda r: [r.name, r.deployment.version_id if r.deployment else None, r.elements[0]["id"]]
    ),
)
found_domain = aig.get_custom_domain_output(plain.gateway_id, domain.hostname)
pulumi.export("domain", found_domain)
pulumi.export("domain_status", found_domain.apply(lambda d: f"{d.hostname} {d.status}"))
providers = aig.get_custom_providers_output(search=upstream.slug)
pulumi.export("custom_providers", providers)
pulumi.export(
    "custom_provider_urls", pulumi.Output.unsecret(providers.apply(lambda found: [p.base_url for p in found]))
)
evaluators = aig.get_evaluation_types_output()
pulumi.export("evaluation_types", evaluators)
pulumi.export(
    "mandatory_evaluators", evaluators.apply(lambda found: sorted(t.id for t in found if t.mandatory))
)
logs = aig.get_logs_output(existing, limit=10)
pulumi.export("logs", logs)
pulumi.export("log_models", logs.apply(lambda found: sorted({log.model for log in found})))
pulumi.export("url", aig.get_gateway_url_output(plain.gateway_id, "openai"))

# The plain forms: results at once, used as they are and in an apply, exported whole.
existing_gateway = aig.get_gateway(existing)
pulumi.export("existing", existing_gateway)
pulumi.export("existing_ttl", plain.gateway_id.apply(lambda _: existing_gateway.cache_ttl))
pulumi.export("existing_ids", [g.id for g in aig.get_gateways(existing)])
existing_chat = aig.get_dynamic_route(existing, existing_route)
pulumi.export("existing_route", existing_chat)
pulumi.export("existing_route_version", existing_chat.version.version_id if existing_chat.version else None)
pulumi.export("existing_domain", aig.get_custom_domain(existing, "ai.existing.example").status)
pulumi.export("existing_logs", aig.get_logs(existing, limit=10))
pulumi.export("existing_log_tokens", sum(log.tokens_in or 0 for log in aig.get_logs(existing, limit=10)))
pulumi.export("existing_providers", [p.slug for p in aig.get_custom_providers(search="existing")])
pulumi.export("existing_evaluators", [t.id for t in aig.get_evaluation_types()])
pulumi.export("existing_url", aig.get_gateway_url(existing, "compat"))
