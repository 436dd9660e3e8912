"""Provider configs (BYOK keys): models and API calls (``/gateways/{gateway_id}/provider_configs``).

There is no GET by id: one config is read through the list. ``secret`` is write-only; PUT rotates it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import WRITE_ONLY_SECRET, RequestModel, ResponseModel
from pulumi_ai_gateway.errors import NotFoundError

__all__ = ["ProviderConfigApi", "ProviderConfigCreate", "ProviderConfigInfo"]


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
