"""Gateways: models and API calls (``/gateways``), and gateway URLs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import SECRET, Answer, RequestModel, read_answer

__all__ = [
    "Action",
    "Dlp",
    "DlpPolicy",
    "DlpPolicySet",
    "DlpSimple",
    "GatewayApi",
    "GatewayCreate",
    "GatewayId",
    "GatewayInfo",
    "GatewaySettings",
    "GuardrailActions",
    "Guardrails",
    "NonNegative",
    "OtelExporter",
    "SpendLimitFilter",
    "SpendLimitPartition",
    "SpendLimitRule",
    "SpendLimits",
    "Stripe",
    "StripeUsageEvent",
]

Action = Literal["FLAG", "BLOCK"]
NonNegative = Annotated[int, Field(ge=0)]
GatewayId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+(?:-[a-z0-9_]+)*$")]


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


def _dlp_kind(value: Any) -> str:
    """Which DLP form a value is: with ``policies`` the policy set, else one action for some profiles."""
    if isinstance(value, dict):
        return "DlpPolicySet" if "policies" in value else "DlpSimple"
    return type(value).__name__


# One form is chosen before validating, so a mistake is reported once, against that form.
Dlp = Annotated[
    Annotated[DlpSimple, Tag("DlpSimple")] | Annotated[DlpPolicySet, Tag("DlpPolicySet")],
    Discriminator(_dlp_kind),
]


class GuardrailActions(RequestModel):
    """Action per Llama Guard category (P1 prompt injection, S1..S13 hazard categories)."""

    P1: Action | None = Field(default=None, description="Action on prompt injection (P1).")
    S1: Action | None = Field(default=None, description="Action on violent crimes (S1).")
    S2: Action | None = Field(default=None, description="Action on non-violent crimes (S2).")
    S3: Action | None = Field(default=None, description="Action on sex-related crimes (S3).")
    S4: Action | None = Field(default=None, description="Action on child sexual exploitation (S4).")
    S5: Action | None = Field(default=None, description="Action on defamation (S5).")
    S6: Action | None = Field(default=None, description="Action on specialized advice (S6).")
    S7: Action | None = Field(default=None, description="Action on privacy (S7).")
    S8: Action | None = Field(default=None, description="Action on intellectual property (S8).")
    S9: Action | None = Field(default=None, description="Action on indiscriminate weapons (S9).")
    S10: Action | None = Field(default=None, description="Action on hate (S10).")
    S11: Action | None = Field(default=None, description="Action on suicide and self-harm (S11).")
    S12: Action | None = Field(default=None, description="Action on sexual content (S12).")
    S13: Action | None = Field(default=None, description="Action on elections (S13).")


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


class SpendLimitPartition(RequestModel):
    """Apply a spend-limit rule to each value of a metadata key apart."""

    mode: Literal["partition"] = "partition"


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
    metadata: (
        dict[str, Annotated[SpendLimitPartition | SpendLimitFilter, Field(discriminator="mode")]] | None
    ) = Field(
        default=None,
        description="Per ``cf-aig-metadata`` key: a partition limits each of its values apart, a filter only the "
        "values listed.",
    )


class SpendLimits(RequestModel):
    """Spend limits of a gateway."""

    enabled: bool = Field(default=False, description="Whether spend limits are enforced.")
    # pydantic copies a list default per instance; ``default_factory=list`` would make the first schema build
    # parse ``list``'s text signature (~3 ms per process), so empty lists are plain defaults here and elsewhere.
    rules: Annotated[list[SpendLimitRule], Field(max_length=20)] = Field(default=[], description="Rules.")


class StripeUsageEvent(RequestModel):
    """A Stripe usage event template."""

    payload: str = Field(description="Event payload template.")


class Stripe(RequestModel):
    """Stripe usage-based billing."""

    authorization: str = Field(description="Stripe API key (secret).")
    usage_events: list[StripeUsageEvent] = Field(description="Usage events to report.")


# The API requires these in every create and update body (null where they may be off).
_REQUIRED_BY_API = frozenset(
    {
        "cache_invalidate_on_update",
        "cache_ttl",
        "collect_logs",
        "rate_limiting_interval",
        "rate_limiting_limit",
    }
)


class GatewaySettings(RequestModel):
    """Every setting of a gateway: the body of a (full-replacement) update. Unset settings take the API's
    defaults (the ones given here)."""

    cache_invalidate_on_update: bool = Field(
        default=False, description="Invalidate the cache when the gateway is updated."
    )
    cache_ttl: NonNegative | None = Field(
        default=None, description="Seconds to cache responses; unset or 0 turns caching off."
    )
    collect_logs: bool = Field(default=True, description="Store request logs.")
    rate_limiting_interval: NonNegative | None = Field(
        default=None, description="Rate-limit interval in seconds."
    )
    rate_limiting_limit: NonNegative | None = Field(
        default=None, description="Requests allowed per interval; unset or 0 turns rate limiting off."
    )
    authentication: bool = Field(
        default=False, description="Require a ``cf-aig-authorization`` token on every request."
    )
    byok_only: bool | None = Field(
        default=None, description="Only allow requests that use stored provider keys."
    )
    log_management: Annotated[int, Field(ge=10_000, le=10_000_000)] | None = Field(
        default=None, description="Maximum number of stored logs (10,000-10,000,000)."
    )
    log_management_strategy: Literal["STOP_INSERTING", "DELETE_OLDEST"] | None = Field(
        default=None, description="What happens when the stored logs reach ``log_management``."
    )
    logpush: bool = Field(default=False, description="Push logs with Logpush.")
    logpush_public_key: Annotated[str, Field(min_length=16, max_length=1024)] | None = Field(
        default=None, description="Public key that encrypts pushed logs (16-1024 characters)."
    )
    rate_limiting_technique: Literal["fixed", "sliding"] | None = Field(
        default="fixed", description="Rate-limit window technique."
    )
    retry_backoff: Literal["constant", "linear", "exponential"] | None = Field(
        default=None, description="Backoff between upstream retries."
    )
    retry_delay: Annotated[int, Field(ge=0, le=60_000)] | None = Field(
        default=None, description="Delay between upstream retries in milliseconds (0-60,000)."
    )
    retry_max_attempts: Annotated[int, Field(ge=1, le=5)] | None = Field(
        default=None, description="Upstream attempts (1-5)."
    )
    store_id: str | None = Field(default=None, description="Secrets Store id used for BYOK keys.")
    workers_ai_billing_mode: Literal["postpaid", "unified"] = Field(
        default="postpaid", description="How Workers AI calls are billed."
    )
    zdr: bool = Field(default=False, description="Zero data retention: keep no request or response bodies.")
    dlp: Dlp | None = Field(
        default=None,
        description="Data loss prevention: one action for a set of profiles, or several policies.",
    )
    guardrails: Guardrails | None = Field(default=None, description="Guardrails for prompts and responses.")
    log_classification: bool | None = Field(default=None, description="Classify logged requests.")
    otel: Annotated[Annotated[list[OtelExporter], Field(max_length=5)] | None, SECRET] = Field(
        default=None,
        description="OpenTelemetry exporters (at most 5); stored as a secret (headers and authorization).",
    )
    spend_limits: SpendLimits | None = Field(default=None, description="Spend limits.")
    stripe: Annotated[Stripe | None, SECRET] = Field(
        default=None, description="Stripe usage-based billing; stored as a secret (authorization)."
    )

    def body(self) -> dict[str, Any]:
        """The fields that were set, and those the API requires in every body."""
        return {**self.model_dump(mode="json", include=set(_REQUIRED_BY_API)), **super().body()}


class GatewayCreate(GatewaySettings):
    """The body of a create: the settings plus the immutable id."""

    id: GatewayId


class GatewayInfo(GatewaySettings, Answer):
    """A gateway as the API returns it: every setting, and what the API sets."""

    id: str = Field(description="The gateway's id (the last part of its URL).")
    created_at: str = Field(description="When the gateway was created.")
    modified_at: str = Field(description="When its settings last changed.")
    is_default: bool | None = Field(
        default=None, description="Whether this is the account's ``default`` gateway."
    )


def _secrets(body: GatewaySettings) -> list[str]:
    """Values that must not appear in error messages."""
    found = [exporter.authorization or "" for exporter in body.otel or []]
    found += [value for exporter in body.otel or [] for value in exporter.headers.values()]
    if body.stripe is not None:
        found.append(body.stripe.authorization)
    return found


class GatewayApi(ObjectApi):
    """``/gateways`` of one account."""

    def list(self, *, search: str | None = None, per_page: int = 100) -> Iterator[GatewayInfo]:
        params = {"search": search} if search else None
        for item in self._client.paginate(
            "/gateways", what="gateways", operation="list", params=params, per_page=per_page
        ):
            yield read_answer(GatewayInfo, item)

    def get(self, gateway_id: str) -> GatewayInfo:
        result = self._client.call(
            "GET", f"/gateways/{gateway_id}", what=f"gateway {gateway_id!r}", operation="read"
        )
        return read_answer(GatewayInfo, result)

    def create(self, body: GatewayCreate) -> GatewayInfo:
        result = self._client.call(
            "POST",
            "/gateways",
            what=f"gateway {body.id!r}",
            operation="create",
            json=body.body(),
            secrets=_secrets(body),
        )
        return read_answer(GatewayInfo, result)

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
        return read_answer(GatewayInfo, result)

    def delete(self, gateway_id: str) -> GatewayInfo:
        result = self._client.call(
            "DELETE", f"/gateways/{gateway_id}", what=f"gateway {gateway_id!r}", operation="delete"
        )
        return read_answer(GatewayInfo, result)

    def url(self, gateway_id: str, provider: str) -> str:
        """The gateway's endpoint for ``provider``, as the API answers it: on Cloudflare
        ``https://gateway.ai.cloudflare.com/v1/<account>/<gateway>/<provider>``; on the emulator, the same path
        where the emulator serves the gateway (``http://127.0.0.1:8787/v1/...``)."""
        result = self._client.call(
            "GET",
            f"/gateways/{gateway_id}/url/{provider}",
            what=f"gateway {gateway_id!r}",
            operation=f"get URL for {provider!r}",
        )
        return str(result)
