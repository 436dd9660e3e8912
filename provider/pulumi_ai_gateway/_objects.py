"""Every object this package manages, once: what code generation, the tests, the benchmarks and the policy
pack iterate (one name per object everywhere)."""

from __future__ import annotations

from dataclasses import dataclass

from pulumi_ai_gateway._resource import AIGatewayResource, AnyProvider
from pulumi_ai_gateway.custom_domain import CustomDomain
from pulumi_ai_gateway.custom_provider import CustomProvider
from pulumi_ai_gateway.custom_provider_cost import CustomProviderCost
from pulumi_ai_gateway.dataset import Dataset
from pulumi_ai_gateway.dynamic_route import DynamicRoute
from pulumi_ai_gateway.evaluation import Evaluation
from pulumi_ai_gateway.gateway import Gateway
from pulumi_ai_gateway.provider_config import ProviderConfig

__all__ = ["OBJECTS", "ObjectType", "by_name"]


@dataclass(frozen=True)
class ObjectType:
    """One kind of object: its name (``dynamic_route``) and its Pulumi resource class."""

    name: str
    resource_class: type[AIGatewayResource]

    @property
    def resource(self) -> str:
        """The resource class's name (``DynamicRoute``)."""
        return self.resource_class.__name__

    @property
    def provider(self) -> type[AnyProvider]:
        return self.resource_class.provider_type

    @property
    def type_token(self) -> str:
        """The type of the resource in Pulumi's state and in policy packs."""
        return f"pulumi-python:dynamic/aigateway:{self.resource}"


# In dependency order: a gateway first, then what lives in it (datasets before evaluations).
OBJECTS = (
    ObjectType("gateway", Gateway),
    ObjectType("dataset", Dataset),
    ObjectType("evaluation", Evaluation),
    ObjectType("dynamic_route", DynamicRoute),
    ObjectType("provider_config", ProviderConfig),
    ObjectType("custom_provider", CustomProvider),
    ObjectType("custom_provider_cost", CustomProviderCost),
    ObjectType("custom_domain", CustomDomain),
)


def by_name(name: str) -> ObjectType:
    """The object called ``name`` (``gateway``, ``dynamic_route``, ...)."""
    return next(spec for spec in OBJECTS if spec.name == name)
