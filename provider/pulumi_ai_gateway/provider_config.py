"""Provider configs (BYOK keys): models and API calls (``/gateways/{gateway_id}/provider_configs``).

There is no GET by id: one config is read through the list. ``secret`` is write-only; PUT rotates it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Unpack, overload

import pulumi
from pydantic import Field

from pulumi_ai_gateway._http import ApiClient
from pulumi_ai_gateway._inputs import ProviderConfigArgs, ProviderConfigArgsDict, ProviderConfigOutputs
from pulumi_ai_gateway._models import RequestModel, ResponseModel
from pulumi_ai_gateway._resource import AIGatewayResource, Provider, ResourceInputs
from pulumi_ai_gateway.errors import NotFoundError

if TYPE_CHECKING:
    from pulumi_ai_gateway.client import AIGatewayClient

__all__ = [
    "ProviderConfig",
    "ProviderConfigApi",
    "ProviderConfigArgs",
    "ProviderConfigArgsDict",
    "ProviderConfigCreate",
    "ProviderConfigInfo",
    "ProviderConfigProvider",
]


class ProviderConfigCreate(RequestModel):
    """The body of a provider config."""

    provider_slug: str = Field(min_length=1)
    alias: str = Field(min_length=1)
    default_config: bool
    secret: str | None = Field(default=None, min_length=1)
    secret_id: str | None = Field(default=None, min_length=1)
    rate_limit: float | None = None
    rate_limit_period: float | None = None

    def __repr_args__(self):  # type: ignore[no-untyped-def]
        # Never show the secret in reprs (and so in tracebacks).
        for key, value in super().__repr_args__():
            yield key, ("[redacted]" if key == "secret" and value is not None else value)


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


class ProviderConfigApi:
    """``/gateways/{gateway_id}/provider_configs`` of one account."""

    def __init__(self, client: ApiClient) -> None:
        self._client = client

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


class ProviderConfigInputs(ResourceInputs):
    """Inputs of a ``ProviderConfig``: a provider API key (BYOK) stored for a gateway."""

    gateway_id: str = Field(min_length=1, description="The gateway the key is for.")
    provider_slug: str = Field(
        min_length=1, description="The provider, e.g. ``openai``, ``anthropic``, ``workers-ai``."
    )
    alias: str = Field(
        min_length=1,
        description="Name of this key among the provider's keys; (provider_slug, alias) is unique per gateway.",
    )
    default_config: bool = Field(default=False, description="Use this key when a request names none.")
    secret: str | None = Field(
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

    def __repr_args__(self):  # type: ignore[no-untyped-def]
        for key, value in super().__repr_args__():
            yield key, ("[redacted]" if key == "secret" and value is not None else value)

    def create_body(self) -> ProviderConfigCreate:
        return ProviderConfigCreate.model_validate(
            self.model_dump(exclude={"gateway_id", "account_id", "adopt_existing"}, exclude_none=True)
        )


class ProviderConfigProvider(Provider[ProviderConfigInputs]):
    """Dynamic provider of ``ProviderConfig``: a new secret is rotated in place; anything else replaces."""

    inputs_model = ProviderConfigInputs
    kind = "provider config"
    natural_key = ("gateway_id", "provider_slug", "alias")
    replace_on = frozenset(set(ProviderConfigInputs.model_fields) - {"secret", "adopt_existing"})
    write_only = frozenset({"secret"})
    secrets = frozenset({"secret"})
    computed = ("config_id", "secret_preview", "modified_at")
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

    @staticmethod
    def _computed(info: ProviderConfigInfo) -> dict[str, Any]:
        return {"config_id": info.id, "secret_preview": info.secret_preview, "modified_at": info.modified_at}

    def _create(self, api: AIGatewayClient, inputs: ProviderConfigInputs) -> tuple[str, dict[str, Any]]:
        info = api.provider_configs.create(inputs.gateway_id, inputs.create_body())
        return info.id, self._computed(info)

    def _find(self, api: AIGatewayClient, inputs: ProviderConfigInputs) -> str | None:
        return next(
            (
                c.id
                for c in api.provider_configs.list(inputs.gateway_id)
                if (c.provider_slug, c.alias) == (inputs.provider_slug, inputs.alias)
            ),
            None,
        )

    def _read(
        self, api: AIGatewayClient, id_: str, inputs: ProviderConfigInputs
    ) -> tuple[ProviderConfigInputs, dict[str, Any]]:
        info = api.provider_configs.get(inputs.gateway_id, id_)
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
        self, api: AIGatewayClient, id_: str, inputs: ProviderConfigInputs
    ) -> tuple[str, dict[str, Any]]:
        observed, computed = self._read(api, id_, inputs)
        if observed != inputs:
            # Only the secret can change in place: other settings mean a new config.
            api.provider_configs.delete(inputs.gateway_id, id_)
            return self._create(api, inputs)
        if inputs.secret is not None:
            computed = self._computed(api.provider_configs.rotate(inputs.gateway_id, id_, inputs.secret))
        return id_, computed

    def _update(
        self, api: AIGatewayClient, id_: str, olds: ProviderConfigInputs | None, news: ProviderConfigInputs
    ) -> dict[str, Any]:
        if news.secret is not None and (olds is None or olds.secret != news.secret):
            return self._computed(api.provider_configs.rotate(news.gateway_id, id_, news.secret))
        return self._computed(api.provider_configs.get(news.gateway_id, id_))

    def _delete(self, api: AIGatewayClient, id_: str, inputs: ProviderConfigInputs) -> None:
        api.provider_configs.delete(inputs.gateway_id, id_)


class ProviderConfig(AIGatewayResource, ProviderConfigOutputs, module="aigateway", name="ProviderConfig"):
    """A provider key of a gateway (type token ``pulumi-python:dynamic/aigateway:ProviderConfig``).

    Changing anything but ``secret`` replaces the config, deleting the old one first.
    """

    config_id: pulumi.Output[str]
    secret_preview: pulumi.Output[str]
    """A recognisable, unusable excerpt of the stored key."""
    modified_at: pulumi.Output[str]

    @overload
    def __init__(
        self,
        resource_name: str,
        args: ProviderConfigArgs | ProviderConfigArgsDict,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None: ...
    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        **fields: Unpack[ProviderConfigArgsDict],
    ) -> None: ...
    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """``ProviderConfig(name, ProviderConfigArgs(...), opts)``, or ``ProviderConfig(name, opts=None, **fields)``
        with the fields of ``ProviderConfigArgs`` as keywords."""
        super().__init__(
            ProviderConfigProvider(),
            resource_name,
            ProviderConfigArgs,
            args,
            kwargs,
        )
