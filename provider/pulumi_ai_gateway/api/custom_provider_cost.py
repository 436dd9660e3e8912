"""Costs of custom providers: models and API calls (``/custom-providers/costs``), account level.

A cost prices the models of one custom provider (``account_provider_id``) whose name matches ``model`` by
``model_rule``. PATCH changes any field but the provider in place. The API takes ``token_pricing`` as an
object and answers it as JSON text: it is read back as the object. Nothing about a cost is unique in the API,
so a create looks for an equal one (same provider, model and rule) first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import RequestModel, ResponseModel

__all__ = [
    "CustomProviderCostApi",
    "CustomProviderCostBody",
    "CustomProviderCostCreate",
    "CustomProviderCostInfo",
    "TokenPricing",
]

# Numbers PATCH cannot clear (the API takes no null): unset in the program, the API's value is kept.
_KEPT_WHEN_UNSET = ("cost_in", "cost_out", "token_pricing")


class TokenPricing(RequestModel):
    """Prices per kind of token or item (any left unset is not priced)."""

    input_tokens: float | None = Field(default=None, description="Per input token.")
    output_tokens: float | None = Field(default=None, description="Per output token.")
    total_tokens: float | None = Field(default=None, description="Per token, input and output.")
    input_text_tokens: float | None = Field(default=None, description="Per input text token.")
    input_cached_tokens: float | None = Field(default=None, description="Per cached input token.")
    input_cache_creation_tokens: float | None = Field(default=None, description="Per token written to cache.")
    input_audio_tokens: float | None = Field(default=None, description="Per input audio token.")
    input_image_tokens: float | None = Field(default=None, description="Per input image token.")
    input_video_tokens: float | None = Field(default=None, description="Per input video token.")
    input_image_count: float | None = Field(default=None, description="Per input image.")
    output_image_count: float | None = Field(default=None, description="Per output image.")
    output_reasoning_tokens: float | None = Field(default=None, description="Per reasoning token.")


class CustomProviderCostBody(RequestModel):
    """A cost's settings: the body of PATCH."""

    model: str = Field(min_length=1, description="The model name (or part of it, by ``model_rule``) priced.")
    model_rule: Literal["equals", "starts-with", "contains"] = Field(
        default="equals", description="How ``model`` matches a request's model."
    )
    cost_in: float | None = Field(
        default=None, description="Cost of the input (per ``cost_type`` unit); unset keeps the API's value."
    )
    cost_out: float | None = Field(
        default=None, description="Cost of the output (per ``cost_type`` unit); unset keeps the API's value."
    )
    cost_type: str = Field(default="tokens", description="What ``cost_in`` and ``cost_out`` are per.")
    enable: bool = Field(default=True, description="Whether the cost is applied.")
    token_pricing: TokenPricing | None = Field(
        default=None, description="Prices per kind of token; unset keeps the API's value."
    )


class CustomProviderCostCreate(CustomProviderCostBody):
    """The body of a create: the settings and the custom provider they price."""

    account_provider_id: str = Field(
        min_length=1,
        description="The custom provider priced (``CustomProvider.custom_provider_id``). Changing it replaces "
        "the cost.",
    )


class CustomProviderCostInfo(ResponseModel):
    """A cost as the API returns it (``token_pricing`` as JSON text)."""

    id: str
    account_provider_id: str
    model: str
    created_at: str
    modified_at: str
    model_rule: str | None = None
    cost_in: float | None = None
    cost_out: float | None = None
    cost_type: str | None = None
    enable: bool | None = None
    token_pricing: str | None = None
    weight: int | None = None
    changed_by: str | None = None

    def settings(self) -> dict[str, Any]:
        """The settings it holds, ``token_pricing`` as the object it was given as (None when unreadable)."""
        fields = self.model_dump(include=set(CustomProviderCostCreate.model_fields), exclude_none=True)
        if self.token_pricing is not None:
            try:
                fields["token_pricing"] = json.loads(self.token_pricing)
            except ValueError:
                fields.pop("token_pricing")
        return fields


class CustomProviderCostApi(ObjectApi):
    """``/custom-providers/costs`` of one account."""

    def list(
        self, *, account_provider_id: str | None = None, model_rule: str | None = None, per_page: int = 100
    ) -> Iterator[CustomProviderCostInfo]:
        filters = {"account_provider_id": account_provider_id, "model_rule": model_rule}
        params = {k: v for k, v in filters.items() if v is not None}
        path = "/custom-providers/costs"
        for item in self._client.paginate(
            path, what="costs", operation="list", params=params, per_page=per_page
        ):
            yield CustomProviderCostInfo.model_validate(item)

    def get(self, cost_id: str) -> CustomProviderCostInfo:
        what = f"custom provider cost {cost_id!r}"
        return CustomProviderCostInfo.model_validate(
            self._client.call("GET", f"/custom-providers/costs/{cost_id}", what=what, operation="read")
        )

    def create(self, body: CustomProviderCostCreate) -> CustomProviderCostInfo:
        what = f"cost of {body.model!r}"
        result = self._client.call(
            "POST", "/custom-providers/costs", what=what, operation="create", json=body.body()
        )
        return CustomProviderCostInfo.model_validate(result)

    def update(self, cost_id: str, body: CustomProviderCostBody) -> CustomProviderCostInfo:
        """PATCH: the fields set in ``body`` change, the others stay."""
        what = f"custom provider cost {cost_id!r}"
        path = f"/custom-providers/costs/{cost_id}"
        result = self._client.call("PATCH", path, what=what, operation="update", json=body.body())
        return CustomProviderCostInfo.model_validate(result)

    def delete(self, cost_id: str) -> CustomProviderCostInfo:
        what = f"custom provider cost {cost_id!r}"
        return CustomProviderCostInfo.model_validate(
            self._client.call("DELETE", f"/custom-providers/costs/{cost_id}", what=what, operation="delete")
        )
