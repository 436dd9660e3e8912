"""Provider configs (BYOK keys): models and API calls (``/gateways/{gateway_id}/provider_configs``).

There is no GET by id: one config is read through the list. ``secret`` is write-only; PUT rotates it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import WRITE_ONLY_SECRET, Answer, RequestModel, read_answer
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


class ProviderConfigInfo(ProviderConfigCreate, Answer):
    """A provider config as the API returns it: its settings but never the secret, and what the API sets."""

    id: str = Field(description="The id Cloudflare gave the config.")
    gateway_id: str = Field(description="The gateway the key is stored for.")
    secret_preview: str = Field(description="A recognisable, unusable excerpt of the stored key.")
    modified_at: str = Field(description="When it last changed.")


class ProviderConfigApi(ObjectApi):
    """``/gateways/{gateway_id}/provider_configs`` of one account."""

    def list(self, gateway_id: str, *, per_page: int = 100) -> Iterator[ProviderConfigInfo]:
        for item in self._client.paginate(
            f"/gateways/{gateway_id}/provider_configs",
            what=f"provider configs of {gateway_id!r}",
            operation="list",
            per_page=per_page,
        ):
            yield read_answer(ProviderConfigInfo, item)

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
        return read_answer(ProviderConfigInfo, result)

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
        return read_answer(ProviderConfigInfo, result)

    def delete(self, gateway_id: str, config_id: str) -> None:
        self._client.call(
            "DELETE",
            f"/gateways/{gateway_id}/provider_configs/{config_id}",
            what=f"provider config {config_id!r}",
            operation="delete",
        )
