"""N dynamic resources whose provider does nothing: what the engine costs for any dynamic resource.

With config ``shaped: true`` each resource is shaped like a gateway instead: it carries a gateway's 30
properties (null where a default gateway's are unset), and its read makes the GET our read makes, with one
pooled httpx client, and keeps the state: the floor of any provider that reads the API, without our code.
"""

import dataclasses
from typing import Any

import pulumi
import pulumi.dynamic as dyn


class NoopProvider(dyn.ResourceProvider):
    """Create answers at once; read, update and delete are the SDK's no-op defaults."""

    def create(self, props: dict[str, Any]) -> dyn.CreateResult:
        return dyn.CreateResult(str(props["gateway_id"]), props)


class ReadingProvider(NoopProvider):
    """As the no-op, but its read GETs the gateway of the same id."""

    def configure(self, req: dyn.ConfigureRequest) -> None:
        import httpx  # in the provider host only, as ours

        base, account = req.config.get("aigateway:baseUrl"), req.config.get("aigateway:accountId")
        self.prefix = f"{base}/accounts/{account}/ai-gateway/gateways/"
        token = req.config.get("aigateway:apiToken")
        self.client = httpx.Client(headers={"Authorization": f"Bearer {token}"})

    def read(self, id_: str, props: dict[str, Any]) -> dyn.ReadResult:
        self.client.get(self.prefix + id_)  # the bench reads it while our gateway of that id exists
        return dyn.ReadResult(id_, props)


class Noop(dyn.Resource):
    def __init__(self, name: str, props: dict[str, Any], provider: dyn.ResourceProvider) -> None:
        super().__init__(provider, name, props)


def gateway_shaped() -> dict[str, Any]:
    """A gateway's property names, null (its inputs) or a timestamp (its computed fields)."""
    import pulumi_ai_gateway as aig

    names = [field.name for field in dataclasses.fields(aig.GatewayArgs)]
    return {**dict.fromkeys(names), **dict.fromkeys(aig.Gateway.computed_fields, "2026-01-01T00:00:00.000Z")}


config = pulumi.Config()
shaped = config.get_bool("shaped")
shape, provider = (gateway_shaped(), ReadingProvider()) if shaped else ({}, NoopProvider())
for index in range(config.require_int("count")):
    Noop(f"r-{index}", {**shape, "gateway_id": f"bench-{index:03d}", "cache_ttl": 60}, provider)
