"""Provider configs (BYOK keys): models and API calls (``/gateways/{gateway_id}/provider_configs``).

There is no GET by id: one config is read through the list. ``secret`` is write-only; PUT rotates it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._inputs import ProviderConfigArgs, ProviderConfigArgsDict, ProviderConfigBase
from pulumi_ai_gateway._models import WRITE_ONLY_SECRET, ComputedOutputs, RequestModel, ResponseModel
from pulumi_ai_gateway._resource import GatewayScoped, Provider
from pulumi_ai_gateway.errors import NotFoundError

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


class ProviderConfigCreate(RequestModel):
    """The body of a provider config: a provider API key (BYOK) stored for a gateway."""

    provider_slug: str = Field(
        min_length=1, description="The provider, e.g. ``openai``, ``anthropic``, ``workers-ai``."
    )
    alias: str = Field(
        min_length=1,
        description="Name of this key among the provider's keys; (provider_slug, alias) is unique per gateway.",
    )
    default_config: bool = Field(default=False, description="Use this key when a request names none.")
    secret: Annotated[str | None, WRITE_ONLY_SECRET] = Field(
        default=None,
        min_length=1,
        description="The provider API key. Write-only and stored as a secret; a new value is rotated in place.",
    )
    secret_id: str | None = Field(
        default=None,
        min_length=1,
        description="Use a secret already in the Secrets Store instead of ``secret``.",
    )
    rate_limit: float | None = Field(default=None, description="Requests allowed per period with this key.")
    rate_limit_period: float = Field(default=60, description="Rate-limit period in seconds.")


class ProviderConfigInfo(ResponseModel):
    """A provider config as the API returns it (never with the secret)."""

    id: str
    gateway_id: str
    provider_slug: str
    alias: str
    default_config: bool
    secret_id: str
    secret_preview: str
    modified_at: str
    rate_limit: float | None = None
    rate_limit_period: float | None = None


class ProviderConfigApi(ObjectApi):
    """``/gateways/{gateway_id}/provider_configs`` of one account."""

    def list(self, gateway_id: str, *, per_page: int = 100) -> Iterator[ProviderConfigInfo]:
        for item in self._client.paginate(
            f"/gateways/{gateway_id}/provider_configs",
            what=f"provider configs of {gateway_id!r}",
            operation="list",
            per_page=per_page,
        ):
            yield ProviderConfigInfo.model_validate(item)

    def get(self, gateway_id: str, config_id: str) -> ProviderConfigInfo:
        """One config, found through the list (the API has no GET by id)."""
        for config in self.list(gateway_id):
            if config.id == config_id:
                return config
        what = f"provider config {config_id!r}"
        raise NotFoundError(
            what, "read", 404, 7002, f"no provider config {config_id!r} on gateway {gateway_id!r}"
        )

    def create(self, gateway_id: str, body: ProviderConfigCreate) -> ProviderConfigInfo:
        result = self._client.call(
            "POST",
            f"/gateways/{gateway_id}/provider_configs",
            what=f"provider config {body.provider_slug}/{body.alias}",
            operation="create",
            json=body.body(),
            secrets=[body.secret or ""],
        )
        return ProviderConfigInfo.model_validate(result)

    def rotate(self, gateway_id: str, config_id: str, secret: str) -> ProviderConfigInfo:
        """Replace the stored secret (the only thing PUT can change)."""
        result = self._client.call(
            "PUT",
            f"/gateways/{gateway_id}/provider_configs/{config_id}",
            what=f"provider config {config_id!r}",
            operation="rotate secret",
            json={"secret": secret},
            secrets=[secret],
        )
        return ProviderConfigInfo.model_validate(result)

    def delete(self, gateway_id: str, config_id: str) -> None:
        self._client.call(
            "DELETE",
            f"/gateways/{gateway_id}/provider_configs/{config_id}",
            what=f"provider config {config_id!r}",
            operation="delete",
        )


# The Pulumi resource ---------------------------------------------------------------------------------------


class ProviderConfigInputs(GatewayScoped, ProviderConfigCreate):
    """Inputs of a ``ProviderConfig``: a provider API key (BYOK) stored for a gateway."""


class ProviderConfigComputed(ComputedOutputs):
    """What the API computes about a provider config."""

    config_id: str = Field(validation_alias="id", description="The id Cloudflare gave the config.")
    secret_preview: str = Field(description="A recognisable, unusable excerpt of the stored key.")
    modified_at: str = Field(description="When it last changed.")


class ProviderConfigProvider(Provider[ProviderConfigInputs, ProviderConfigApi]):
    """Dynamic provider of ``ProviderConfig``: a new secret is rotated in place; anything else replaces."""

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

    def _read(
        self, api: ProviderConfigApi, id_: str, inputs: ProviderConfigInputs
    ) -> tuple[ProviderConfigInputs, dict[str, Any]]:
        info = api.get(inputs.gateway_id, id_)
        observed = inputs.model_copy(
            update={
                "provider_slug": info.provider_slug,
                "alias": info.alias,
                "default_config": info.default_config,
                "rate_limit": info.rate_limit,
                "rate_limit_period": info.rate_limit_period,
                # An id the API chose is not drift when the program set none. The secret itself is write-only.
                "secret_id": info.secret_id if inputs.secret_id is not None else None,
            }
        )
        return observed, self._computed(info)

    def _adopt(
        self, api: ProviderConfigApi, id_: str, inputs: ProviderConfigInputs
    ) -> tuple[str, dict[str, Any]]:
        observed, computed = self._read(api, id_, inputs)
        if observed != inputs:
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


class ProviderConfig(ProviderConfigBase, module="aigateway", name="ProviderConfig"):
    """A provider key of a gateway (type token ``pulumi-python:dynamic/aigateway:ProviderConfig``).

    Changing anything but ``secret`` replaces the config, deleting the old one first.
    """

    provider_type = ProviderConfigProvider
