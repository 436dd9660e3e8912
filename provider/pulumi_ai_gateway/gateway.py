"""Gateways: models and API calls (``/gateways``), and gateway URLs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, overload

import pulumi
from pydantic import Field, field_validator

from pulumi_ai_gateway._http import ApiClient
from pulumi_ai_gateway._models import RequestModel, ResponseModel
from pulumi_ai_gateway._resource import AIGatewayResource, Provider, ResourceInputs
from pulumi_ai_gateway.errors import NotFoundError

if TYPE_CHECKING:
    from pulumi_ai_gateway.client import AIGatewayClient

__all__ = [
    "DlpPolicy",
    "DlpPolicySet",
    "DlpSimple",
    "Gateway",
    "GatewayApi",
    "GatewayArgs",
    "GatewayCreate",
    "GatewayInfo",
    "GatewayProvider",
    "GatewaySettings",
    "GuardrailActions",
    "Guardrails",
    "OtelExporter",
    "SpendLimitFilter",
    "SpendLimitRule",
    "SpendLimits",
    "Stripe",
    "StripeUsageEvent",
]

Action = Literal["FLAG", "BLOCK"]
NonNegative = Annotated[int, Field(ge=0)]


class DlpSimple(RequestModel):
    """DLP with one action for a set of profiles."""

    action: Action = Field(description="What to do on a match: FLAG logs it, BLOCK refuses the request.")
    enabled: bool = Field(description="Whether DLP scanning is on.")
    profiles: list[str] = Field(description="DLP profile ids to scan with.")


class DlpPolicy(RequestModel):
    """One DLP policy: profiles, where to check, and what to do."""

    id: str = Field(description="Policy id.")
    action: Action = Field(description="FLAG or BLOCK.")
    check: list[Literal["REQUEST", "RESPONSE"]] = Field(description="Scan requests, responses, or both.")
    enabled: bool = Field(description="Whether this policy is on.")
    profiles: list[str] = Field(description="DLP profile ids of this policy.")


class DlpPolicySet(RequestModel):
    """DLP with several policies."""

    enabled: bool = Field(description="Whether DLP scanning is on.")
    policies: list[DlpPolicy] = Field(description="The policies.")


class GuardrailActions(RequestModel):
    """Action per Llama Guard category (P1 prompt injection, S1..S13 hazard categories)."""

    P1: Action | None = None
    S1: Action | None = None
    S2: Action | None = None
    S3: Action | None = None
    S4: Action | None = None
    S5: Action | None = None
    S6: Action | None = None
    S7: Action | None = None
    S8: Action | None = None
    S9: Action | None = None
    S10: Action | None = None
    S11: Action | None = None
    S12: Action | None = None
    S13: Action | None = None


class Guardrails(RequestModel):
    """Guardrails for prompts and responses."""

    prompt: GuardrailActions = Field(description="Actions applied to prompts.")
    response: GuardrailActions = Field(description="Actions applied to model responses.")


class OtelExporter(RequestModel):
    """An OpenTelemetry exporter for gateway traces."""

    url: Annotated[str, Field(min_length=1, max_length=2048)] = Field(description="Collector endpoint URL.")
    headers: dict[str, Annotated[str, Field(max_length=4096)]] = Field(
        default_factory=dict, description="Headers sent to the collector (secret: may hold credentials)."
    )
    authorization: Annotated[str, Field(max_length=256)] | None = Field(
        default=None, description="Authorization header value (secret)."
    )
    content_type: Literal["json", "protobuf"] = Field(default="json", description="Payload encoding.")


class SpendLimitFilter(RequestModel):
    """Restrict a spend-limit rule to some values."""

    mode: Literal["filter"] = "filter"
    values: list[str] = Field(description="Values the rule applies to.")


class SpendLimitRule(RequestModel):
    """One spend limit: at most ``limit`` (cost) per ``window`` seconds."""

    limit: Annotated[float, Field(gt=0)] = Field(description="Maximum cost in the window.")
    limit_type: Literal["cost"] = Field(default="cost", alias="limitType", description="What is limited.")
    window: Annotated[int, Field(gt=0)] = Field(description="Window length in seconds.")
    id: Annotated[str, Field(min_length=1)] | None = Field(
        default=None, description="Rule id (assigned if unset)."
    )
    enabled: bool = Field(default=True, description="Whether the rule is on.")
    technique: Literal["fixed", "sliding"] = Field(default="sliding", description="Window technique.")
    model: SpendLimitFilter | None = Field(default=None, description="Only these models.")
    provider: SpendLimitFilter | None = Field(default=None, description="Only these providers.")


class SpendLimits(RequestModel):
    """Spend limits of a gateway."""

    enabled: bool = Field(default=False, description="Whether spend limits are enforced.")
    rules: Annotated[list[SpendLimitRule], Field(max_length=20)] = Field(
        default_factory=list, description="Rules."
    )


class StripeUsageEvent(RequestModel):
    """A Stripe usage event template."""

    payload: str = Field(description="Event payload template.")


class Stripe(RequestModel):
    """Stripe usage-based billing."""

    authorization: str = Field(description="Stripe API key (secret).")
    usage_events: list[StripeUsageEvent] = Field(description="Usage events to report.")


class GatewaySettings(RequestModel):
    """Every setting of a gateway: the body of a (full-replacement) update."""

    cache_invalidate_on_update: bool
    cache_ttl: NonNegative | None
    collect_logs: bool
    rate_limiting_interval: NonNegative | None
    rate_limiting_limit: NonNegative | None
    authentication: bool | None = None
    byok_only: bool | None = None
    log_management: Annotated[int, Field(ge=10_000, le=10_000_000)] | None = None
    log_management_strategy: Literal["STOP_INSERTING", "DELETE_OLDEST"] | None = None
    logpush: bool | None = None
    logpush_public_key: Annotated[str, Field(min_length=16, max_length=1024)] | None = None
    rate_limiting_technique: Literal["fixed", "sliding"] | None = None
    retry_backoff: Literal["constant", "linear", "exponential"] | None = None
    retry_delay: Annotated[int, Field(ge=0, le=60_000)] | None = None
    retry_max_attempts: Annotated[int, Field(ge=1, le=5)] | None = None
    store_id: str | None = None
    workers_ai_billing_mode: Literal["postpaid", "unified"] | None = None
    zdr: bool | None = None
    dlp: DlpSimple | DlpPolicySet | None = None
    guardrails: Guardrails | None = None
    log_classification: bool | None = None
    otel: Annotated[list[OtelExporter], Field(max_length=5)] | None = None
    spend_limits: SpendLimits | None = None
    stripe: Stripe | None = None


class GatewayCreate(GatewaySettings):
    """The body of a create: the settings plus the immutable id."""

    id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+(?:-[a-z0-9_]+)*$")]


class GatewayInfo(ResponseModel):
    """A gateway as the API returns it."""

    id: str
    cache_invalidate_on_update: bool
    cache_ttl: int | None
    collect_logs: bool
    created_at: str
    modified_at: str
    rate_limiting_interval: int | None
    rate_limiting_limit: int | None
    authentication: bool | None = None
    byok_only: bool | None = None
    is_default: bool | None = None
    log_management: int | None = None
    log_management_strategy: str | None = None
    logpush: bool | None = None
    logpush_public_key: str | None = None
    rate_limiting_technique: str | None = None
    retry_backoff: str | None = None
    retry_delay: int | None = None
    retry_max_attempts: int | None = None
    store_id: str | None = None
    workers_ai_billing_mode: str | None = None
    zdr: bool | None = None
    dlp: dict[str, object] | None = None
    guardrails: dict[str, object] | None = None
    log_classification: bool | None = None
    otel: list[dict[str, object]] | None = None
    spend_limits: dict[str, object] | None = None
    stripe: dict[str, object] | None = None


def _secrets(body: GatewaySettings) -> list[str]:
    """Values that must not appear in error messages."""
    found = [exporter.authorization or "" for exporter in body.otel or []]
    found += [value for exporter in body.otel or [] for value in exporter.headers.values()]
    if body.stripe is not None:
        found.append(body.stripe.authorization)
    return found


class GatewayApi:
    """``/gateways`` of one account."""

    def __init__(self, client: ApiClient) -> None:
        self._client = client

    def list(self, *, search: str | None = None, per_page: int = 100) -> Iterator[GatewayInfo]:
        params = {"search": search} if search else None
        for item in self._client.paginate(
            "/gateways", what="gateways", operation="list", params=params, per_page=per_page
        ):
            yield GatewayInfo.model_validate(item)

    def get(self, gateway_id: str) -> GatewayInfo:
        result = self._client.call(
            "GET", f"/gateways/{gateway_id}", what=f"gateway {gateway_id!r}", operation="read"
        )
        return GatewayInfo.model_validate(result)

    def create(self, body: GatewayCreate) -> GatewayInfo:
        result = self._client.call(
            "POST",
            "/gateways",
            what=f"gateway {body.id!r}",
            operation="create",
            json=body.body(),
            secrets=_secrets(body),
        )
        return GatewayInfo.model_validate(result)

    def update(self, gateway_id: str, body: GatewaySettings) -> GatewayInfo:
        """Replace every setting (the API resets what the body leaves out)."""
        result = self._client.call(
            "PUT",
            f"/gateways/{gateway_id}",
            what=f"gateway {gateway_id!r}",
            operation="update",
            json=body.body(),
            secrets=_secrets(body),
        )
        return GatewayInfo.model_validate(result)

    def delete(self, gateway_id: str) -> GatewayInfo:
        result = self._client.call(
            "DELETE", f"/gateways/{gateway_id}", what=f"gateway {gateway_id!r}", operation="delete"
        )
        return GatewayInfo.model_validate(result)

    def url(self, gateway_id: str, provider: str) -> str:
        """The gateway's endpoint for ``provider`` (``https://gateway.ai.cloudflare.com/v1/...``)."""
        result = self._client.call(
            "GET",
            f"/gateways/{gateway_id}/url/{provider}",
            what=f"gateway {gateway_id!r}",
            operation=f"get URL for {provider!r}",
        )
        return str(result)


# The Pulumi resource ---------------------------------------------------------------------------------------

_OFF_WHEN_ZERO = ("cache_ttl", "rate_limiting_interval", "rate_limiting_limit")
_UPDATE_ONLY = ("dlp", "guardrails", "otel", "spend_limits", "stripe", "log_classification")
_REQUIRED_NULLABLE = frozenset(_OFF_WHEN_ZERO)


class GatewayInputs(ResourceInputs, GatewaySettings):
    """Validated inputs of a Gateway. Defaults are what the API stores when a setting is left out."""

    gateway_id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+(?:-[a-z0-9_]+)*$")]
    cache_invalidate_on_update: bool = False
    cache_ttl: NonNegative | None = None
    collect_logs: bool = True
    rate_limiting_interval: NonNegative | None = None
    rate_limiting_limit: NonNegative | None = None
    authentication: bool = False
    logpush: bool = False
    zdr: bool = False
    rate_limiting_technique: Literal["fixed", "sliding"] | None = "fixed"
    workers_ai_billing_mode: Literal["postpaid", "unified"] = "postpaid"

    @field_validator(*_OFF_WHEN_ZERO)
    @classmethod
    def _zero_is_off(cls, value: int | None) -> int | None:
        # The API treats 0 and null alike ("off") and may answer either: store one spelling, no false drift.
        return None if value == 0 else value

    def settings(self, *, include_update_only: bool = True) -> GatewaySettings:
        """The full-replacement body: every setting, null only where the API needs it spelled out."""
        excluded = {
            "gateway_id",
            "account_id",
            "adopt_existing",
            *(() if include_update_only else _UPDATE_ONLY),
        }
        data = self.model_dump(exclude=excluded, exclude_none=True)
        return GatewaySettings.model_validate({**{key: None for key in _REQUIRED_NULLABLE}, **data})

    def has_update_only_settings(self) -> bool:
        return any(getattr(self, key) is not None for key in _UPDATE_ONLY)


class GatewayProvider(Provider[GatewayInputs]):
    """Dynamic provider of ``Gateway``."""

    inputs_model = GatewayInputs
    kind = "gateway"
    natural_key = ("gateway_id",)
    replace_on = frozenset({"gateway_id"})
    computed = ("created_at", "modified_at", "is_default")

    def _name(self, inputs: GatewayInputs) -> str:
        return f"gateway {inputs.gateway_id!r}"

    @staticmethod
    def _computed(info: GatewayInfo) -> dict[str, object]:
        return {"created_at": info.created_at, "modified_at": info.modified_at, "is_default": info.is_default}

    def _create(self, api: AIGatewayClient, inputs: GatewayInputs) -> tuple[str, dict[str, object]]:
        base = inputs.settings(include_update_only=False)
        info = api.gateways.create(GatewayCreate(id=inputs.gateway_id, **base.body()))
        if inputs.has_update_only_settings():
            # dlp, guardrails, otel, spend_limits, stripe and log_classification are accepted on update only.
            info = api.gateways.update(inputs.gateway_id, inputs.settings())
        return inputs.gateway_id, self._computed(info)

    def _find(self, api: AIGatewayClient, inputs: GatewayInputs) -> str | None:
        try:
            return api.gateways.get(inputs.gateway_id).id
        except NotFoundError:
            return None

    def _read(
        self, api: AIGatewayClient, id_: str, inputs: GatewayInputs
    ) -> tuple[GatewayInputs, dict[str, object]]:
        info = api.gateways.get(id_)
        observed = info.model_dump(include=set(GatewaySettings.model_fields), exclude_none=True)
        for index, rule in enumerate((observed.get("spend_limits") or {}).get("rules") or []):
            # Rule ids the API assigned are not drift when the program set none.
            desired = inputs.spend_limits.rules if inputs.spend_limits else []
            if index < len(desired) and desired[index].id is None:
                rule.pop("id", None)
        state = self._observed(
            {
                **observed,
                "gateway_id": info.id,
                "account_id": inputs.account_id,
                "adopt_existing": inputs.adopt_existing,
            }
        )
        return state, self._computed(info)

    def _update(
        self, api: AIGatewayClient, id_: str, olds: GatewayInputs | None, news: GatewayInputs
    ) -> dict[str, object]:
        return self._computed(api.gateways.update(id_, news.settings()))

    def _delete(self, api: AIGatewayClient, id_: str, inputs: GatewayInputs) -> None:
        api.gateways.delete(id_)


@dataclass
class GatewayArgs:
    """Inputs of a ``Gateway``. Every setting left unset takes the API's default."""

    gateway_id: pulumi.Input[str]
    """The gateway id: 1-64 lowercase letters, digits, ``_`` and ``-``. Changing it replaces the gateway."""
    account_id: pulumi.Input[str] | None = None
    """Cloudflare account id; defaults to ``aigateway:accountId`` / ``cloudflare:accountId`` /
    ``CLOUDFLARE_ACCOUNT_ID``. Changing it replaces the gateway."""
    adopt_existing: pulumi.Input[bool] | None = None
    """Take over a gateway with this id that already exists (e.g. ``default``) instead of failing."""
    cache_ttl: pulumi.Input[int] | None = None
    """Seconds to cache responses; unset or 0 turns caching off."""
    cache_invalidate_on_update: pulumi.Input[bool] | None = None
    """Invalidate the cache when the gateway is updated (default false)."""
    collect_logs: pulumi.Input[bool] | None = None
    """Store request logs (default true)."""
    rate_limiting_limit: pulumi.Input[int] | None = None
    """Requests allowed per interval; unset or 0 turns rate limiting off."""
    rate_limiting_interval: pulumi.Input[int] | None = None
    """Rate-limit interval in seconds."""
    rate_limiting_technique: pulumi.Input[str] | None = None
    """``fixed`` (default) or ``sliding`` window."""
    authentication: pulumi.Input[bool] | None = None
    """Require an ``cf-aig-authorization`` token on every request (default false)."""
    log_management: pulumi.Input[int] | None = None
    """Maximum number of stored logs (10,000-10,000,000)."""
    log_management_strategy: pulumi.Input[str] | None = None
    """What happens at the limit: ``STOP_INSERTING`` or ``DELETE_OLDEST``."""
    logpush: pulumi.Input[bool] | None = None
    """Push logs with Logpush (default false)."""
    logpush_public_key: pulumi.Input[str] | None = None
    """Public key that encrypts pushed logs (16-1024 characters)."""
    retry_backoff: pulumi.Input[str] | None = None
    """Backoff between upstream retries: ``constant``, ``linear`` or ``exponential``."""
    retry_delay: pulumi.Input[int] | None = None
    """Delay between upstream retries in milliseconds."""
    retry_max_attempts: pulumi.Input[int] | None = None
    """Upstream attempts (1-5)."""
    store_id: pulumi.Input[str] | None = None
    """Secrets Store id used for BYOK keys."""
    workers_ai_billing_mode: pulumi.Input[str] | None = None
    """How Workers AI calls are billed: ``postpaid`` (default)."""
    zdr: pulumi.Input[bool] | None = None
    """Zero data retention: keep no request or response bodies (default false)."""
    byok_only: pulumi.Input[bool] | None = None
    """Only allow requests that use stored provider keys."""
    dlp: DlpSimple | DlpPolicySet | pulumi.Input[dict[str, object]] | None = None
    """Data loss prevention settings."""
    guardrails: Guardrails | pulumi.Input[dict[str, object]] | None = None
    """Guardrails for prompts and responses."""
    log_classification: pulumi.Input[bool] | None = None
    """Classify logged requests."""
    otel: Sequence[OtelExporter] | pulumi.Input[Sequence[object]] | None = None
    """OpenTelemetry exporters (at most 5); stored as a secret output (headers and authorization)."""
    spend_limits: SpendLimits | pulumi.Input[dict[str, object]] | None = None
    """Spend limits."""
    stripe: Stripe | pulumi.Input[dict[str, object]] | None = None
    """Stripe usage-based billing; stored as a secret output (authorization)."""


class Gateway(AIGatewayResource, module="aigateway", name="Gateway"):
    """A Cloudflare AI Gateway (type token ``pulumi-python:dynamic/aigateway:Gateway``)."""

    gateway_id: pulumi.Output[str]
    """The gateway id."""
    created_at: pulumi.Output[str]
    """When the gateway was created."""
    modified_at: pulumi.Output[str]
    """When its settings last changed."""
    is_default: pulumi.Output[bool]
    """Whether this is the account's ``default`` gateway."""

    @overload
    def __init__(
        self, resource_name: str, args: GatewayArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None: ...
    @overload
    def __init__(
        self, resource_name: str, opts: pulumi.ResourceOptions | None = None, **fields: Any
    ) -> None: ...
    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """``Gateway(name, GatewayArgs(...), opts)``, or ``Gateway(name, opts=None, **fields)``
        with the fields of ``GatewayArgs`` as keywords."""
        super().__init__(
            GatewayProvider(), resource_name, GatewayArgs, args, kwargs, secret_outputs=["otel", "stripe"]
        )
