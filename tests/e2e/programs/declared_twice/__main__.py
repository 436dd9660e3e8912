"""Two resources declaring one object, a mistake check refuses at preview.

Config ``twice`` picks the object: ``gateway`` (ids given as plain values) or ``provider_config`` (two keys with
one slug + alias on a gateway given as an Output of another resource, which is known at preview).
"""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
gateway = aig.Gateway("edge", gateway_id="twice-gw")
if config.require("twice") == "gateway":
    aig.Gateway("edge-again", gateway_id="twice-gw", cache_ttl=60)
else:
    for name in ("key", "key-again"):
        aig.ProviderConfig(
            name,
            gateway_id=gateway.gateway_id,
            provider_slug="openai",
            alias="primary",
            secret=config.require_secret("providerKey"),
        )
