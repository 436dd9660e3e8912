"""The ``CustomProvider`` resource: its inputs, outputs and dynamic provider. The wire models and API calls are in
``pulumi_ai_gateway.api.custom_provider`` (re-exported here, so both import paths work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from pulumi_ai_gateway._exports import generated_names
from pulumi_ai_gateway._models import ComputedOutputs
from pulumi_ai_gateway._provider import Provider, ResourceInputs
from pulumi_ai_gateway.api.custom_provider import (
    _TEXTS,
    CustomProviderApi,
    CustomProviderBody,
    CustomProviderCreate,
    CustomProviderInfo,
)

if TYPE_CHECKING:
    from pulumi_ai_gateway._inputs import CustomProvider, CustomProviderArgs, CustomProviderArgsDict

__all__ = [
    "CustomProvider",
    "CustomProviderApi",
    "CustomProviderArgs",
    "CustomProviderArgsDict",
    "CustomProviderBody",
    "CustomProviderComputed",
    "CustomProviderCreate",
    "CustomProviderInfo",
    "CustomProviderProvider",
]


class CustomProviderInputs(ResourceInputs, CustomProviderBody):
    """Inputs of a ``CustomProvider``."""


class CustomProviderComputed(ComputedOutputs):
    """What the API computes about a custom provider."""

    custom_provider_id: str = Field(
        validation_alias="id", description="The id Cloudflare gave the provider (costs name it)."
    )
    created_at: str = Field(description="When the provider was created.")
    modified_at: str = Field(description="When it last changed.")


class CustomProviderProvider(Provider[CustomProviderInputs, CustomProviderApi]):
    """Dynamic provider of ``CustomProvider``: every change is a PATCH in place."""

    resource_doc = """An upstream provider of the account's own.

    Routes name it by ``slug``; costs by ``custom_provider_id``.
    """

    inputs_model = CustomProviderInputs
    outputs_model = CustomProviderComputed
    api_type = CustomProviderApi
    kind = "custom provider"
    natural_key = ("slug",)

    def _name(self, inputs: CustomProviderInputs) -> str:
        return f"custom provider {inputs.slug!r}"

    def _create(self, api: CustomProviderApi, inputs: CustomProviderInputs) -> tuple[str, dict[str, Any]]:
        info = api.create(inputs.as_body(CustomProviderCreate))
        if inputs.logo is not None:  # a create takes no logo: set it as a PATCH would
            info = api.update(info.id, {"logo": inputs.logo})
        return info.id, self._computed(info)

    def _find(self, api: CustomProviderApi, inputs: CustomProviderInputs) -> str | None:
        return next((p.id for p in api.list(search=inputs.slug) if p.slug == inputs.slug), None)

    def _get(self, api: CustomProviderApi, id_: str, inputs: CustomProviderInputs) -> CustomProviderInfo:
        return api.get(id_)

    def _answered(self, info: CustomProviderInfo, inputs: CustomProviderInputs) -> dict[str, Any]:
        observed = super()._answered(info, inputs)
        if inputs.position is None:
            observed.pop("position", None)  # the API's own order is not drift when the program sets none
        return observed

    def _update(
        self,
        api: CustomProviderApi,
        id_: str,
        olds: CustomProviderInputs | None,
        news: CustomProviderInputs,
    ) -> dict[str, Any]:
        changes = news.as_body(CustomProviderBody).body()
        # A text the program no longer sets is cleared ("" reads back as unset); the API takes no null.
        changes.update({key: "" for key in _TEXTS if getattr(news, key) is None})
        return self._computed(api.update(id_, changes))

    def _delete(self, api: CustomProviderApi, id_: str, inputs: CustomProviderInputs) -> None:
        api.delete(id_)


__getattr__ = generated_names(__name__, "CustomProvider")
