"""Every object this package manages, once: what code generation, the tests, the benchmarks and the policy
pack iterate (one name per object everywhere).

Listing an object loads nothing: its resource class (generated into ``_inputs``) and its provider (in the
object's module, with its models) are imported when asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pulumi_ai_gateway._program import AIGatewayResource
    from pulumi_ai_gateway._provider import AnyProvider

__all__ = ["OBJECTS", "PACKAGE_EXPORTS", "ObjectType", "by_name"]


@dataclass(frozen=True)
class ObjectType:
    """One kind of object: its name (``dynamic_route``, also its module's) and its resource's (``DynamicRoute``)."""

    name: str
    resource: str

    @property
    def module(self) -> str:
        """The module of its provider (``pulumi_ai_gateway.dynamic_route``): the path pickled into the state."""
        return f"pulumi_ai_gateway.{self.name}"

    @property
    def provider(self) -> type[AnyProvider]:
        """Its dynamic provider (``DynamicRouteProvider``)."""
        provider: type[AnyProvider] = getattr(
            importlib.import_module(self.module), f"{self.resource}Provider"
        )
        return provider

    @property
    def resource_class(self) -> type[AIGatewayResource]:
        """Its Pulumi resource class."""
        from pulumi_ai_gateway import _inputs

        resource: type[AIGatewayResource] = getattr(_inputs, self.resource)
        return resource

    @property
    def type_token(self) -> str:
        """The type of the resource in Pulumi's state and in policy packs."""
        return f"pulumi-python:dynamic/aigateway:{self.resource}"


# In dependency order: a gateway first, then what lives in it (datasets before evaluations).
OBJECTS = (
    ObjectType("gateway", "Gateway"),
    ObjectType("dataset", "Dataset"),
    ObjectType("evaluation", "Evaluation"),
    ObjectType("dynamic_route", "DynamicRoute"),
    ObjectType("provider_config", "ProviderConfig"),
    ObjectType("custom_provider", "CustomProvider"),
    ObjectType("custom_provider_cost", "CustomProviderCost"),
    ObjectType("custom_domain", "CustomDomain"),
    ObjectType("spending_limit", "SpendingLimit"),
    ObjectType("topup_config", "TopupConfig"),
)


# The public names of the modules beside the objects (``"*"``: every name in the module's ``__all__``). Each
# object's own public names come from its declarations (tools/gen_inputs.py): its resource, Args and lookup
# results, and the models its settings hold.
PACKAGE_EXPORTS: dict[str, tuple[str, ...] | str] = {
    "client": ("AIGatewayClient", "RetryPolicy"),
    "errors": "*",
    "functions": "*",
    "log": ("LogFilter",),
    "settings": ("Settings",),
}


def by_name(name: str) -> ObjectType:
    """The object called ``name`` (``gateway``, ``dynamic_route``, ...)."""
    return next(spec for spec in OBJECTS if spec.name == name)
