"""N dynamic resources whose provider does nothing: what the engine costs for any dynamic resource.

With config ``wide: true`` each resource also carries a gateway's 30 properties (null where a default gateway's
are unset): the engine's and the SDK's cost of a gateway-sized state, without our provider's code.
"""

import dataclasses
from typing import Any

import pulumi
import pulumi.dynamic as dyn


class NoopProvider(dyn.ResourceProvider):
    """Create answers at once; read, update and delete are the SDK's no-op defaults."""

    def create(self, props: dict[str, Any]) -> dyn.CreateResult:
        return dyn.CreateResult(str(props["gateway_id"]), props)


class Noop(dyn.Resource):
    def __init__(self, name: str, props: dict[str, Any]) -> None:
        super().__init__(NoopProvider(), name, props)


def gateway_shaped() -> dict[str, Any]:
    """A gateway's property names, null (its inputs) or a timestamp (its computed fields)."""
    import pulumi_ai_gateway as aig

    names = [field.name for field in dataclasses.fields(aig.GatewayArgs)]
    return {**dict.fromkeys(names), **dict.fromkeys(aig.Gateway.computed_fields, "2026-01-01T00:00:00.000Z")}


config = pulumi.Config()
shape = gateway_shaped() if config.get_bool("wide") else {}
for index in range(config.require_int("count")):
    Noop(f"r-{index}", {**shape, "gateway_id": f"bench-{index:03d}", "cache_ttl": 60})
