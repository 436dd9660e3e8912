"""The ``Gateway`` resource: its inputs, outputs and dynamic provider. The wire models and API calls are in
``pulumi_ai_gateway.api.gateway`` (re-exported here, so both import paths work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, field_validator

from pulumi_ai_gateway._exports import generated_names
from pulumi_ai_gateway._models import ComputedOutputs
from pulumi_ai_gateway._provider import Provider, ResourceInputs
from pulumi_ai_gateway.api.gateway import (
    DlpPolicy,
    DlpPolicySet,
    DlpSimple,
    GatewayApi,
    GatewayCreate,
    GatewayId,
    GatewayInfo,
    GatewaySettings,
    GuardrailActions,
    Guardrails,
    OtelExporter,
    SpendLimitFilter,
    SpendLimitPartition,
    SpendLimitRule,
    SpendLimits,
    Stripe,
    StripeUsageEvent,
)
from pulumi_ai_gateway.errors import NotFoundError

if TYPE_CHECKING:
    from pulumi_ai_gateway._inputs import Gateway, GatewayArgs, GatewayArgsDict

__all__ = [
    "DlpPolicy",
    "DlpPolicySet",
    "DlpSimple",
    "Gateway",
    "GatewayApi",
    "GatewayArgs",
    "GatewayArgsDict",
    "GatewayComputed",
    "GatewayCreate",
    "GatewayInfo",
    "GatewayProvider",
    "GatewaySettings",
    "GuardrailActions",
    "Guardrails",
    "OtelExporter",
    "SpendLimitFilter",
    "SpendLimitPartition",
    "SpendLimitRule",
    "SpendLimits",
    "Stripe",
    "StripeUsageEvent",
]


_OFF_WHEN_ZERO = ("cache_ttl", "rate_limiting_interval", "rate_limiting_limit")
_UPDATE_ONLY = ("dlp", "guardrails", "otel", "spend_limits", "stripe", "log_classification")


class GatewayInputs(ResourceInputs, GatewaySettings):
    """Inputs of a ``Gateway``. Every setting left unset takes the API's default (named in its docs)."""

    gateway_id: GatewayId = Field(
        description="The gateway id: 1-64 lowercase letters, digits, ``_`` and ``-``. Changing it replaces the gateway."
    )

    @field_validator(*_OFF_WHEN_ZERO)
    @classmethod
    def _zero_is_off(cls, value: int | None) -> int | None:
        # The API treats 0 and null alike ("off") and may answer either: store one spelling, no false drift.
        return None if value == 0 else value

    def settings(self, *, include_update_only: bool = True) -> GatewaySettings:
        """The full-replacement body: every setting (those unset take the API's defaults)."""
        excluded = {
            *ResourceInputs.model_fields,
            "gateway_id",
            *(() if include_update_only else _UPDATE_ONLY),
        }
        return GatewaySettings.model_validate(self.model_dump(exclude=excluded, exclude_none=True))

    def has_update_only_settings(self) -> bool:
        return any(getattr(self, key) is not None for key in _UPDATE_ONLY)


class GatewayComputed(ComputedOutputs):
    """What the API computes about a gateway."""

    created_at: str = Field(description="When the gateway was created.")
    modified_at: str = Field(description="When its settings last changed.")
    is_default: bool | None = Field(
        default=None, description="Whether this is the account's ``default`` gateway."
    )


class GatewayProvider(Provider[GatewayInputs, GatewayApi]):
    """Dynamic provider of ``Gateway``."""

    resource_doc = """A Cloudflare AI Gateway."""

    inputs_model = GatewayInputs
    outputs_model = GatewayComputed
    api_type = GatewayApi
    kind = "gateway"
    natural_key = ("gateway_id",)
    replace_on = frozenset({"gateway_id"})

    def _name(self, inputs: GatewayInputs) -> str:
        return f"gateway {inputs.gateway_id!r}"

    def _create(self, api: GatewayApi, inputs: GatewayInputs) -> tuple[str, dict[str, object]]:
        base = inputs.settings(include_update_only=False)
        info = api.create(GatewayCreate(id=inputs.gateway_id, **base.body()))
        if inputs.has_update_only_settings():
            # dlp, guardrails, otel, spend_limits, stripe and log_classification are accepted on update only.
            info = api.update(inputs.gateway_id, inputs.settings())
        return inputs.gateway_id, self._computed(info)

    def _find(self, api: GatewayApi, inputs: GatewayInputs) -> str | None:
        try:
            return api.get(inputs.gateway_id).id
        except NotFoundError:
            return None

    def _get(self, api: GatewayApi, id_: str, inputs: GatewayInputs) -> GatewayInfo:
        return api.get(id_)

    def _answered(self, info: GatewayInfo, inputs: GatewayInputs) -> dict[str, object]:
        observed = super()._answered(info, inputs)
        for index, rule in enumerate((observed.get("spend_limits") or {}).get("rules") or []):
            # Rule ids the API assigned are not drift when the program set none.
            desired = inputs.spend_limits.rules if inputs.spend_limits else []
            if index < len(desired) and desired[index].id is None:
                rule.pop("id", None)
        return observed

    def _update(
        self, api: GatewayApi, id_: str, olds: GatewayInputs | None, news: GatewayInputs
    ) -> dict[str, object]:
        return self._computed(api.update(id_, news.settings()))

    def _delete(self, api: GatewayApi, id_: str, inputs: GatewayInputs) -> None:
        api.delete(id_)


__getattr__ = generated_names(__name__, "Gateway")
