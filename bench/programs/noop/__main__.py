"""N dynamic resources whose provider does nothing: what the engine costs for any dynamic resource."""

from typing import Any

import pulumi
import pulumi.dynamic as dyn


class NoopProvider(dyn.ResourceProvider):
    """Create answers at once; read, update and delete are the SDK's no-op defaults."""

    def create(self, props: dict[str, Any]) -> dyn.CreateResult:
        return dyn.CreateResult(str(props["gateway_id"]), props)


class Noop(dyn.Resource):
    def __init__(self, name: str, gateway_id: str) -> None:
        super().__init__(NoopProvider(), name, {"gateway_id": gateway_id, "cache_ttl": 60})


for index in range(pulumi.Config().require_int("count")):
    Noop(f"r-{index}", f"bench-{index:03d}")
