"""Every object, as the tests and benchmarks use it: one entry per object of ``pulumi_ai_gateway._objects``
(the contract suite, the fault matrix, the drift tests and the request benchmark iterate ``CASES``), plus
the parent objects and route graphs they build on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from pulumi_ai_gateway._objects import OBJECTS, ObjectType
from pulumi_ai_gateway.custom_provider_cost import CustomProviderCostBody
from pulumi_ai_gateway.topup_config import TopupConfigBody

if TYPE_CHECKING:
    from pulumi_ai_gateway import AIGatewayClient
    from pulumi_ai_gateway._provider import AnyProvider

__all__ = [
    "CASES",
    "LEGACY_LIMIT",
    "Drift",
    "ObjectCase",
    "Parent",
    "create_parent",
    "one_model_graph",
    "seed_legacy_limit",
]

# A request of one step on one object: (method, regex of the path), as the emulator's fault API takes it;
# None for a step the object has not (a legacy spending limit is never written).
Request = tuple[str, str] | None
ITEM = "/{}/[^/]+$"


@dataclass(frozen=True)
class Parent:
    """What the objects under test live in: a gateway with one dataset (evaluations need one), and a custom
    provider (costs price one)."""

    gateway_id: str
    dataset_id: str
    custom_provider_id: str


@dataclass(frozen=True)
class Drift:
    """How to change a deployed object behind Pulumi's back (``resource`` is its entry in the stack's
    state), how to see the change, and the value the program wants."""

    change: Callable[[AIGatewayClient, dict[str, Any]], object]
    observe: Callable[[AIGatewayClient, dict[str, Any]], Any]
    desired: Any


@dataclass(frozen=True)
class ObjectCase:
    """One object as the tests drive it."""

    spec: ObjectType
    inputs: Callable[[Parent], dict[str, Any]]
    """Valid inputs of a resource in ``parent`` (a gateway gets its own id from it)."""
    changes: dict[str, dict[str, Any]]
    """Named changes of the inputs, applied in turn (in place, or a replacement when nothing updates)."""
    requests: dict[str, Request]
    """The first request of each step: ``create``, ``update`` (a replacement's is its create), ``refresh``,
    ``delete``."""
    emulator_kind: str
    """What the emulator's ``/objects`` count calls it (its store's names, kept for databases it wrote)."""
    remove: Callable[[AIGatewayClient, str | None, str], object]
    """Delete the object behind Pulumi's back: (client, gateway id, object id)."""
    drift: Drift | None = None
    """None where nothing but deletion can drift (no update exists, or the settings are write-only)."""
    updates_in_place: bool = True
    adopted_only: bool = False
    """The API cannot create it: it exists before (``create_parent`` makes it) and a create adopts it."""

    @property
    def name(self) -> str:
        return self.spec.name

    def provider(self) -> AnyProvider:
        return self.spec.provider()

    def change(self) -> dict[str, Any]:
        """Every change at once (what one update applies)."""
        return {key: value for change in self.changes.values() for key, value in change.items()}


def _requests(collection: str, *, create: Request | None = None, update: Request | None = None,
              refresh: Request | None = None, item: str | None = None) -> dict[str, Request]:  # fmt: skip
    """The requests of each step on ``collection``; an update is a PUT of the item unless said otherwise
    (a PATCH where the collection is one whose items take PATCH: see the callers)."""
    item = item or ITEM.format(collection)
    return {
        "create": create or ("POST", f"/{collection}$"),
        "update": update or ("PATCH" if collection in _PATCHED else "PUT", item),
        "refresh": refresh or ("GET", item),
        "delete": ("DELETE", item),
    }


_PATCHED = frozenset({"custom-providers", "costs"})
LEGACY_LIMIT = {"amount": 5000, "duration": "monthly", "strategy": "fixed"}
"""The spending limit an account made before Cloudflare deprecated them (the API can no longer make one)."""


def seed_legacy_limit(base_url: str, account: str) -> None:
    """Give ``account`` of the emulator at ``base_url`` (its API's URL) the legacy spending limit."""
    root = base_url.removesuffix("/").removesuffix("/client/v4")
    body = {"account_id": account, "spending_limit": LEGACY_LIMIT}
    httpx.post(f"{root}/__emulator/billing", json=body, timeout=10).raise_for_status()


PARENT_DOMAIN = "objects.example"


def _gateway_drift() -> Drift:
    from pulumi_ai_gateway.gateway import GatewaySettings

    def change(client: AIGatewayClient, resource: dict[str, Any]) -> object:
        info = client.gateways.get(resource["id"])
        settings = GatewaySettings.model_validate(
            info.model_dump(include=set(GatewaySettings.model_fields), exclude_none=True)
        )
        return client.gateways.update(resource["id"], settings.model_copy(update={"cache_ttl": 5}))

    return Drift(change, lambda c, r: c.gateways.get(r["id"]).cache_ttl, 300)


def _dataset_drift() -> Drift:
    from pulumi_ai_gateway.dataset import DatasetBody, DatasetFilter

    def change(client: AIGatewayClient, resource: dict[str, Any]) -> object:
        body = DatasetBody(
            name="slow-requests",
            enable=False,
            filters=[DatasetFilter(key="cached", operator="eq", value=[True])],
        )
        return client.datasets.update(resource["outputs"]["gateway_id"], resource["id"], body)

    return Drift(change, lambda c, r: c.datasets.get(r["outputs"]["gateway_id"], r["id"]).enable, True)


def _route_drift() -> Drift:
    return Drift(
        lambda c, r: c.routes.rename(r["outputs"]["gateway_id"], r["id"], "renamed-by-hand"),
        lambda c, r: c.routes.get(r["outputs"]["gateway_id"], r["id"]).name,
        "assistant",
    )


def _topup_drift() -> Drift:
    return Drift(
        lambda c, r: c.topup_config.set(TopupConfigBody(amount=2000, threshold=600)),
        lambda c, r: c.topup_config.get().amount,
        5000,
    )


def _custom_provider_drift() -> Drift:
    return Drift(
        lambda c, r: c.custom_providers.update(r["id"], {"base_url": "https://changed-by-hand.example.com"}),
        lambda c, r: c.custom_providers.get(r["id"]).base_url,
        "https://llm.acme.example/v1",
    )


_CASES: dict[str, Callable[[ObjectType], ObjectCase]] = {
    "gateway": lambda spec: ObjectCase(
        spec,
        lambda parent: {
            "gateway_id": f"{parent.gateway_id}-own",
            "cache_ttl": 120,
            "rate_limiting_limit": 10,
            "rate_limiting_interval": 60,
        },
        {"update one field": {"cache_ttl": 600}, "turn authentication on": {"authentication": True}},
        _requests("gateways"),
        "gateway",
        lambda client, _, id_: client.gateways.delete(id_),
        _gateway_drift(),
    ),
    "dataset": lambda spec: ObjectCase(
        spec,
        lambda parent: {
            "gateway_id": parent.gateway_id,
            "name": "ds",
            "filters": [{"key": "cached", "operator": "eq", "value": [True]}],
        },
        {"update one field": {"enable": False}, "clear the filters": {"filters": []}},
        _requests("datasets"),
        "dataset",
        lambda client, gateway_id, id_: client.datasets.delete(str(gateway_id), id_),
        _dataset_drift(),
    ),
    "evaluation": lambda spec: ObjectCase(
        spec,
        lambda parent: {
            "gateway_id": parent.gateway_id,
            "name": "ev",
            "dataset_ids": [parent.dataset_id],
            "evaluation_type_ids": ["cost"],
        },
        {"replace (any change)": {"name": "ev-2"}},
        # An evaluation cannot be changed in place: its update is a replacement, which starts with a create.
        _requests("evaluations", update=("POST", "/evaluations$")),
        "evaluation",
        lambda client, gateway_id, id_: client.evaluations.delete(str(gateway_id), id_),
        updates_in_place=False,
    ),
    "dynamic_route": lambda spec: ObjectCase(
        spec,
        lambda parent: {"gateway_id": parent.gateway_id, "name": "rt", "elements": one_model_graph("a")},
        {"rename": {"name": "rt-renamed"}, "graph change": {"elements": one_model_graph("b")}},
        _requests("routes", update=("POST", "/routes/[^/]+/versions$")),
        "route",
        lambda client, gateway_id, id_: client.routes.delete(str(gateway_id), id_),
        _route_drift(),
    ),
    "provider_config": lambda spec: ObjectCase(
        spec,
        lambda parent: {
            "gateway_id": parent.gateway_id,
            "provider_slug": "openai",
            "alias": "main",
            "secret": "sk-contract-0000000001",
        },
        {"secret rotation": {"secret": "sk-contract-0000000002"}},
        # The API has no GET by id: a config is read through the list.
        _requests("provider_configs", refresh=("GET", "/provider_configs$")),
        "provider_config",
        lambda client, gateway_id, id_: client.provider_configs.delete(str(gateway_id), id_),
    ),
    "custom_provider": lambda spec: ObjectCase(
        spec,
        lambda parent: {
            "name": "Contract LLM",
            "slug": f"{parent.gateway_id}-llm",
            "base_url": "https://llm.example.com/v1",
            "headers": "Authorization: Bearer sk-contract-custom-0001",
            "description": "an upstream of our own",
        },
        {
            "update one field": {"base_url": "https://llm-2.example.com/v1"},
            "rotate the headers": {"headers": "Authorization: Bearer sk-contract-custom-0002"},
        },
        # Its costs live under its path: "/custom-providers/costs" is not one of its items.
        _requests("custom-providers", item="/custom-providers/(?!costs$)[^/]+$"),
        "custom_provider",
        lambda client, _, id_: client.custom_providers.delete(id_),
        _custom_provider_drift(),
    ),
    "custom_provider_cost": lambda spec: ObjectCase(
        spec,
        lambda parent: {
            "account_provider_id": parent.custom_provider_id,
            "model": "acme-1",
            "cost_in": 0.5,
            "cost_out": 1.5,
            "token_pricing": {"input_tokens": 0.5, "output_tokens": 1.5},
        },
        {
            "update one field": {"cost_in": 0.75},
            "reprice the tokens": {"token_pricing": {"input_tokens": 0.75}},
        },
        _requests("costs"),
        "custom_provider_cost",
        lambda client, _, id_: client.custom_provider_costs.delete(id_),
        Drift(
            lambda c, r: c.custom_provider_costs.update(
                r["id"], CustomProviderCostBody(model="acme-1", cost_in=9.0)
            ),
            lambda c, r: c.custom_provider_costs.get(r["id"]).cost_in,
            0.25,
        ),
    ),
    "custom_domain": lambda spec: ObjectCase(
        spec,
        lambda parent: {
            "gateway_id": parent.gateway_id,
            "domain": f"ai.{parent.gateway_id}.example",
            "zone_id": "395566f4c8a5b9d2a5fc0d457b007c44",
            "min_tls": "1.2",
        },
        {"replace (any change)": {"domain": f"ai-2.{PARENT_DOMAIN}"}},
        # No update exists: a change is a replacement, which starts with a create.
        _requests("custom-domains", update=("POST", "/custom-domains$")),
        "custom_domain",
        lambda client, gateway_id, id_: client.custom_domains.delete(str(gateway_id), id_),
        updates_in_place=False,
    ),
    "spending_limit": lambda spec: ObjectCase(
        spec,
        lambda parent: {**LEGACY_LIMIT, "adopt_existing": True},
        {},  # Cloudflare changes it no more: a change fails at check (tests/provider/test_billing.py)
        # A create adopts the limit create_parent made: its first request is the look.
        {
            "create": ("GET", "/billing/spending-limit$"),
            "update": None,
            "refresh": ("GET", "/billing/spending-limit$"),
            "delete": ("DELETE", "/billing/spending-limit$"),
        },
        "spending_limit",
        lambda client, _, id_: client.spending_limit.delete(),
        updates_in_place=False,
        adopted_only=True,
    ),
    "topup_config": lambda spec: ObjectCase(
        spec,
        lambda parent: {"amount": 5000, "threshold": 1000},
        {"update one field": {"amount": 7500}, "lower the threshold": {"threshold": 500}},
        # One per account, set whole by a POST: create and update alike.
        {
            "create": ("POST", "/billing/topup/config$"),
            "update": ("POST", "/billing/topup/config$"),
            "refresh": ("GET", "/billing/topup/config$"),
            "delete": ("DELETE", "/billing/topup/config$"),
        },
        "topup_config",
        lambda client, _, id_: client.topup_config.delete(),
        _topup_drift(),
    ),
}


def create_parent(client: AIGatewayClient, gateway_id: str) -> Parent:
    """A plain gateway with one dataset (what evaluations need), and a custom provider (what costs need); and
    the account's legacy spending limit (what a SpendingLimit adopts)."""
    from pulumi_ai_gateway.custom_provider import CustomProviderBody
    from pulumi_ai_gateway.dataset import DatasetBody
    from pulumi_ai_gateway.gateway import GatewayCreate

    client.gateways.create(GatewayCreate(id=gateway_id))
    dataset = client.datasets.create(gateway_id, DatasetBody(name="for-evaluations", enable=True, filters=[]))
    upstream = CustomProviderBody(
        name="For costs", slug=f"{gateway_id}-priced", base_url="https://priced.example"
    )
    seed_legacy_limit(client.http.settings.base_url, client.http.settings.account_id)
    return Parent(gateway_id, dataset.id, client.custom_providers.create(upstream).id)


def one_model_graph(model: str) -> list[dict[str, Any]]:
    """A route graph as a program gives it: start -> one OpenAI ``model`` -> end (its fallback also ends)."""
    return [
        {"id": "start", "type": "start", "outputs": {"next": {"element_id": "m"}}},
        {
            "id": "m",
            "type": "model",
            "properties": {"provider": "openai", "model": model, "timeout": 1000, "retries": 1},
            "outputs": {"success": {"element_id": "end"}, "fallback": {"element_id": "end"}},
        },
        {"id": "end", "type": "end", "outputs": {}},
    ]


# Every object of the package, in its order; a new object without an entry fails here, at import.
CASES: dict[str, ObjectCase] = {spec.name: _CASES[spec.name](spec) for spec in OBJECTS}
