"""The ``ProviderConfig`` resource: its inputs, outputs and dynamic provider. The wire models and API calls are in
``pulumi_ai_gateway.api.provider_config`` (re-exported here, so both import paths work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from pulumi_ai_gateway._exports import generated_names
from pulumi_ai_gateway._models import ComputedOutputs
from pulumi_ai_gateway._provider import GatewayScoped, Provider
from pulumi_ai_gateway.api.provider_config import (
    ProviderConfigApi,
    ProviderConfigCreate,
    ProviderConfigInfo,
)

if TYPE_CHECKING:
    from pulumi_ai_gateway._inputs import ProviderConfig, ProviderConfigArgs, ProviderConfigArgsDict

__all__ = [
    "ProviderConfig",
    "ProviderConfigApi",
    "ProviderConfigArgs",
    "ProviderConfigArgsDict",
    "ProviderConfigComputed",
    "ProviderConfigCreate",
    "ProviderConfigInfo",
    "ProviderConfigProvider",
]


class ProviderConfigInputs(GatewayScoped, ProviderConfigCreate):
    """Inputs of a ``ProviderConfig``: a provider API key (BYOK) stored for a gateway."""


class ProviderConfigComputed(ComputedOutputs):
    """What the API computes about a provider config."""

    config_id: str = Field(validation_alias="id", description="The id Cloudflare gave the config.")
    secret_preview: str = Field(description="A recognisable, unusable excerpt of the stored key.")
    modified_at: str = Field(description="When it last changed.")


class ProviderConfigProvider(Provider[ProviderConfigInputs, ProviderConfigApi]):
    """Dynamic provider of ``ProviderConfig``: a new secret is rotated in place; anything else replaces."""

    resource_doc = """A provider key of a gateway.

    Changing anything but ``secret`` replaces the config, deleting the old one first.
    """

    inputs_model = ProviderConfigInputs
    outputs_model = ProviderConfigComputed
    api_type = ProviderConfigApi
    kind = "provider config"
    natural_key = ("gateway_id", "provider_slug", "alias")
    replace_on = frozenset(set(ProviderConfigInputs.model_fields) - {"secret", "adopt_existing"})
    delete_before_replace = True  # (provider_slug, alias) is unique per gateway

    def _delete_first(self, replaces: list[str]) -> bool:
        # Onto another gateway (or account) the new config meets no old one: create first, then delete, so
        # the key is never missing.
        return not {"gateway_id", "account_id"} & set(replaces)

    def _name(self, inputs: ProviderConfigInputs) -> str:
        return f"provider config {inputs.provider_slug}/{inputs.alias} of gateway {inputs.gateway_id!r}"

    semantic_inputs = frozenset({"secret", "secret_id"})

    def _semantic_failures(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        if values["secret"] is None and values["secret_id"] is None:
            return [("secret", "set secret (the provider API key) or secret_id (a Secrets Store secret)")]
        return []

    def _create(self, api: ProviderConfigApi, inputs: ProviderConfigInputs) -> tuple[str, dict[str, Any]]:
        info = api.create(inputs.gateway_id, inputs.as_body(ProviderConfigCreate))
        return info.id, self._computed(info)

    def _find(self, api: ProviderConfigApi, inputs: ProviderConfigInputs) -> str | None:
        return next(
            (
                c.id
                for c in api.list(inputs.gateway_id)
                if (c.provider_slug, c.alias) == (inputs.provider_slug, inputs.alias)
            ),
            None,
        )

    def _get(self, api: ProviderConfigApi, id_: str, inputs: ProviderConfigInputs) -> ProviderConfigInfo:
        return api.get(inputs.gateway_id, id_)

    def _answered(self, info: ProviderConfigInfo, inputs: ProviderConfigInputs) -> dict[str, Any]:
        observed = super()._answered(info, inputs)
        if inputs.secret_id is None:
            observed.pop("secret_id", None)  # an id the API chose is not drift when the program set none
        return observed

    def _adopt(
        self, api: ProviderConfigApi, id_: str, inputs: ProviderConfigInputs
    ) -> tuple[str, dict[str, Any]]:
        observed, computed = self._read(api, id_, inputs)
        if observed.model_dump() != inputs.model_dump():
            # Only the secret can change in place: other settings mean a new config.
            api.delete(inputs.gateway_id, id_)
            return self._create(api, inputs)
        if inputs.secret is not None:
            computed = self._computed(api.rotate(inputs.gateway_id, id_, inputs.secret))
        return id_, computed

    def _update(
        self, api: ProviderConfigApi, id_: str, olds: ProviderConfigInputs | None, news: ProviderConfigInputs
    ) -> dict[str, Any]:
        if news.secret is not None and (olds is None or olds.secret != news.secret):
            return self._computed(api.rotate(news.gateway_id, id_, news.secret))
        return self._computed(api.get(news.gateway_id, id_))

    def _delete(self, api: ProviderConfigApi, id_: str, inputs: ProviderConfigInputs) -> None:
        api.delete(inputs.gateway_id, id_)


__getattr__ = generated_names(__name__, "ProviderConfig")
