"""Gateways: models and API calls (``/gateways``), and gateway URLs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from pulumi_ai_gateway._http import ApiClient
from pulumi_ai_gateway._models import RequestModel, ResponseModel

__all__ = [
    "DlpPolicy",
    "DlpPolicySet",
    "DlpSimple",
    "GatewayApi",
    "GatewayCreate",
    "GatewayInfo",
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
    content_type: Literal["json", "protobuf"] | None = Field(default=None, description="Payload encoding.")


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
    enabled: bool | None = Field(default=None, description="Whether the rule is on (API default true).")
    technique: Literal["fixed", "sliding"] | None = Field(default=None, description="Window technique.")
    model: SpendLimitFilter | None = Field(default=None, description="Only these models.")
    provider: SpendLimitFilter | None = Field(default=None, description="Only these providers.")


class SpendLimits(RequestModel):
    """Spend limits of a gateway."""

    enabled: bool | None = Field(default=None, description="Whether spend limits are enforced.")
    rules: Annotated[list[SpendLimitRule], Field(max_length=20)] | None = Field(
        default=None, description="Rules."
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
