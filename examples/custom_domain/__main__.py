"""A gateway served on a hostname of our own. Point a proxied CNAME of the hostname at `cname_target`; the
domain's `status` turns `active` once Cloudflare has validated it (`pulumi refresh` shows it). With
`waitUntilActive` set, `pulumi up` waits for that (up to `activeTimeout` seconds) and fails otherwise."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
gateway = aig.Gateway("gateway", gateway_id=config.get("gatewayId") or "example-domain")
domain = aig.CustomDomain(
    "domain",
    gateway_id=gateway.gateway_id,
    domain=config.get("domain") or "ai.acme.example",
    zone_id=config.get("zoneId") or "395566f4c8a5b9d2a5fc0d457b007c44",
    min_tls="1.2",
    wait_until_active=config.get_bool("waitUntilActive") or False,
    active_timeout=config.get_int("activeTimeout") or 600,
)
pulumi.export("hostname", domain.hostname)
pulumi.export("cname_target", domain.cname_target)
pulumi.export("status", domain.status)
