"""The ``CustomProviderCost`` resource: its inputs, outputs and dynamic provider. The wire models and API calls are in
``pulumi_ai_gateway.api.custom_provider_cost`` (re-exported here, so both import paths work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from pulumi_ai_gateway._exports import generated_names
from pulumi_ai_gateway._models import ComputedOutputs
from pulumi_ai_gateway._provider import Provider, ResourceInputs
from pulumi_ai_gateway.api.custom_provider_cost import (
    _KEPT_WHEN_UNSET,
    CustomProviderCostApi,
    CustomProviderCostBody,
    CustomProviderCostCreate,
    CustomProviderCostInfo,
    TokenPricing,
)

if TYPE_CHECKING:
    from pulumi_ai_gateway._inputs import (
        CustomProviderCost,
        CustomProviderCostArgs,
        CustomProviderCostArgsDict,
    )

__all__ = [
    "CustomProviderCost",
    "CustomProviderCostApi",
    "CustomProviderCostArgs",
    "CustomProviderCostArgsDict",
    "CustomProviderCostBody",
    "CustomProviderCostComputed",
    "CustomProviderCostCreate",
    "CustomProviderCostInfo",
    "CustomProviderCostProvider",
    "TokenPricing",
]


class CustomProviderCostInputs(ResourceInputs, CustomProviderCostCreate):
    """Inputs of a ``CustomProviderCost``."""


class CustomProviderCostComputed(ComputedOutputs):
    """What the API computes about a cost."""

    cost_id: str = Field(validation_alias="id", description="The id Cloudflare gave the cost.")
    weight: int | None = Field(default=None, description="The API's ordering weight of the cost.")
    changed_by: str | None = Field(default=None, description="Who last changed it (``manual`` by default).")
    created_at: str = Field(description="When the cost was created.")
    modified_at: str = Field(description="When it last changed.")


class CustomProviderCostProvider(Provider[CustomProviderCostInputs, CustomProviderCostApi]):
    """Dynamic provider of ``CustomProviderCost``: PATCH in place; a new provider replaces the cost."""

    resource_doc = """What a custom provider's models cost.

    Deleting the custom provider deletes its costs too: give ``account_provider_id`` from the
    ``CustomProvider`` resource, so Pulumi deletes the cost first.
    """

    inputs_model = CustomProviderCostInputs
    outputs_model = CustomProviderCostComputed
    api_type = CustomProviderCostApi
    kind = "custom provider cost"
    natural_key = ("account_provider_id", "model", "model_rule")
    replace_on = frozenset({"account_provider_id"})
    check_existing_first = True  # the API keeps nothing about a cost unique

    def _name(self, inputs: CustomProviderCostInputs) -> str:
        return (
            f"cost of {inputs.model_rule} {inputs.model!r} of custom provider {inputs.account_provider_id!r}"
        )

    def _create(
        self, api: CustomProviderCostApi, inputs: CustomProviderCostInputs
    ) -> tuple[str, dict[str, Any]]:
        info = api.create(inputs.as_body(CustomProviderCostCreate))
        return info.id, self._computed(info)

    def _find(self, api: CustomProviderCostApi, inputs: CustomProviderCostInputs) -> str | None:
        found = api.list(account_provider_id=inputs.account_provider_id, model_rule=inputs.model_rule)
        return next((c.id for c in found if c.model == inputs.model), None)

    def _get(
        self, api: CustomProviderCostApi, id_: str, inputs: CustomProviderCostInputs
    ) -> CustomProviderCostInfo:
        return api.get(id_)

    def _answered(self, info: CustomProviderCostInfo, inputs: CustomProviderCostInputs) -> dict[str, Any]:
        # Its answer holds token_pricing as JSON text, not as the object the body sends.
        observed = info.settings()
        for key in _KEPT_WHEN_UNSET:
            if getattr(inputs, key) is None:
                observed.pop(key, None)  # the program leaves it to the API
        return observed

    def _update(
        self,
        api: CustomProviderCostApi,
        id_: str,
        olds: CustomProviderCostInputs | None,
        news: CustomProviderCostInputs,
    ) -> dict[str, Any]:
        return self._computed(api.update(id_, news.as_body(CustomProviderCostBody)))

    def _delete(self, api: CustomProviderCostApi, id_: str, inputs: CustomProviderCostInputs) -> None:
        api.delete(id_)


__getattr__ = generated_names(__name__, "CustomProviderCost")
