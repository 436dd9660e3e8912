"""Custom providers: models and API calls (``/custom-providers``), account level.

A custom provider is an upstream of the account's own (any OpenAI-compatible endpoint, say) that routes and
requests name by its ``slug``. PATCH changes any field in place, so nothing but the account replaces one: a
new ``slug`` is renamed in place, which keeps the provider's id and the costs attached to it (routes and
clients that name the old slug must change with it; give them ``CustomProvider.slug`` to have Pulumi do that).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import Field, field_validator

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import SECRET, Answer, RequestModel, read_answer

__all__ = ["CustomProviderApi", "CustomProviderBody", "CustomProviderCreate", "CustomProviderInfo"]

_TEXTS = ("description", "link", "logo", "curl_example", "js_example")


class CustomProviderCreate(RequestModel):
    """The body of a create: every setting but ``logo``, which only a PATCH sets."""

    name: str = Field(min_length=1, description="Display name.")
    slug: str = Field(
        min_length=1,
        description="How routes and requests name the provider (unique in the account); a new slug renames "
        "the provider in place.",
    )
    base_url: str = Field(
        min_length=1, description="The upstream's base URL, e.g. ``https://llm.example.com/v1``."
    )
    headers: Annotated[Annotated[str, Field(max_length=8192)] | None, SECRET] = Field(
        default=None,
        description="Headers sent upstream (at most 8192 characters); stored as a secret, as they carry the "
        "upstream's credentials.",
    )
    enable: bool = Field(default=True, description="Whether requests may use the provider.")
    beta: bool = Field(default=False, description="Mark the provider as beta.")
    description: str | None = Field(default=None, description="What the provider is.")
    link: str | None = Field(default=None, description="A link to the provider's documentation.")
    curl_example: str | None = Field(default=None, description="An example request with curl.")
    js_example: str | None = Field(default=None, description="An example request in JavaScript.")
    position: int | None = Field(
        default=None, description="Where the provider is listed; unset keeps the position the API gave it."
    )

    @field_validator(*_TEXTS, check_fields=False)  # logo: on the PATCH body
    @classmethod
    def _empty_is_unset(cls, value: str | None) -> str | None:
        # PATCH cannot send null to clear a text; it sends "" instead, which reads back as unset.
        return value or None


class CustomProviderBody(CustomProviderCreate):
    """A custom provider's settings: the body of a PATCH (only the fields given change)."""

    logo: str | None = Field(default=None, description="A logo URL the dashboard shows for the provider.")


class CustomProviderInfo(CustomProviderBody, Answer):
    """A custom provider as the API returns it: its settings, and what the API sets."""

    id: str = Field(description="The id Cloudflare gave the provider (``custom_provider_id``).")
    created_at: str = Field(description="When the provider was created.")
    modified_at: str = Field(description="When it last changed.")


class CustomProviderApi(ObjectApi):
    """``/custom-providers`` of one account."""

    def list(
        self,
        *,
        search: str | None = None,
        enable: bool | None = None,
        beta: bool | None = None,
        per_page: int = 100,
    ) -> Iterator[CustomProviderInfo]:
        filters = {"search": search, "enable": enable, "beta": beta}
        params = {
            k: (str(v).lower() if isinstance(v, bool) else v) for k, v in filters.items() if v is not None
        }
        for item in self._client.paginate(
            "/custom-providers", what="custom providers", operation="list", params=params, per_page=per_page
        ):
            yield read_answer(CustomProviderInfo, item)

    def get(self, provider_id: str) -> CustomProviderInfo:
        what = f"custom provider {provider_id!r}"
        return read_answer(
            CustomProviderInfo,
            self._client.call("GET", f"/custom-providers/{provider_id}", what=what, operation="read"),
        )

    def create(self, body: CustomProviderCreate) -> CustomProviderInfo:
        result = self._client.call(
            "POST",
            "/custom-providers",
            what=f"custom provider {body.slug!r}",
            operation="create",
            json=body.body(),
            secrets=[body.headers or ""],
        )
        return read_answer(CustomProviderInfo, result)

    def update(self, provider_id: str, changes: dict[str, Any]) -> CustomProviderInfo:
        """PATCH: the fields given change, the others stay."""
        result = self._client.call(
            "PATCH",
            f"/custom-providers/{provider_id}",
            what=f"custom provider {provider_id!r}",
            operation="update",
            json=changes,
            secrets=[str(changes.get("headers") or "")],
        )
        return read_answer(CustomProviderInfo, result)

    def delete(self, provider_id: str) -> CustomProviderInfo:
        what = f"custom provider {provider_id!r}"
        return read_answer(
            CustomProviderInfo,
            self._client.call("DELETE", f"/custom-providers/{provider_id}", what=what, operation="delete"),
        )
