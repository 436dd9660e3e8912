"""Rules over gateways, on ``GatewayInputs`` as the provider reads them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qs, urlsplit

from pulumi_policy import ResourceValidationPolicy

from aigw_rules._base import Config, choices, integer, policy
from pulumi_ai_gateway.gateway import DlpPolicySet, DlpSimple, GatewayInputs, GatewaySettings

__all__ = ["POLICIES"]

Gateway = GatewayInputs


def authentication(gateway: Gateway, _: Config) -> Iterable[str]:
    if not gateway.authentication:
        yield "field authentication must be true: requests must carry a gateway token"


def rate_limiting(gateway: Gateway, config: Config) -> Iterable[str]:
    limit, interval = gateway.rate_limiting_limit, gateway.rate_limiting_interval
    if not limit or not interval:
        yield "fields rate_limiting_limit and rate_limiting_interval must be set (rate limiting is off)"
        return
    if not config["minLimit"] <= limit <= config["maxLimit"]:
        yield f"field rate_limiting_limit is {limit}, outside {config['minLimit']}..{config['maxLimit']}"
    if not config["minInterval"] <= interval <= config["maxInterval"]:
        yield f"field rate_limiting_interval is {interval}s, outside {config['minInterval']}..{config['maxInterval']}s"


def logs_collected(gateway: Gateway, _: Config) -> Iterable[str]:
    if not gateway.collect_logs:
        yield "field collect_logs must be true: requests must be logged"


def log_retention(gateway: Gateway, config: Config) -> Iterable[str]:
    kept = gateway.log_management
    if kept is None:
        yield "field log_management must be set: choose how many logs to keep"
    elif not config["minLogs"] <= kept <= config["maxLogs"]:
        yield f"field log_management is {kept}, outside {config['minLogs']}..{config['maxLogs']}"
    strategies = choices(GatewaySettings, "log_management_strategy")
    if gateway.log_management_strategy not in strategies:
        yield f"field log_management_strategy must be {' or '.join(strategies)}"


def cache_ttl(gateway: Gateway, config: Config) -> Iterable[str]:
    ttl = gateway.cache_ttl or 0
    if ttl == 0 and config["requireCache"]:
        yield "field cache_ttl must be set: caching is off"
    elif ttl and not config["minTtl"] <= ttl <= config["maxTtl"]:
        yield f"field cache_ttl is {ttl}s, outside {config['minTtl']}..{config['maxTtl']}s"


def dlp_blocking(gateway: Gateway, config: Config) -> Iterable[str]:
    dlp = gateway.dlp
    if dlp is None or not dlp.enabled:
        yield "field dlp must be enabled"
        return
    blocked: set[str] = set()
    if isinstance(dlp, DlpSimple):
        if dlp.action != "BLOCK":
            yield f"field dlp.action is {dlp.action!r}; it must be BLOCK"
        blocked = set(dlp.profiles)
    elif isinstance(dlp, DlpPolicySet):
        blocked = {p for one in dlp.policies if one.enabled and one.action == "BLOCK" for p in one.profiles}
    missing = [profile for profile in config["profiles"] if profile not in blocked]
    if missing:
        yield f"field dlp must BLOCK the DLP profiles {', '.join(missing)}"


def guardrails(gateway: Gateway, _: Config) -> Iterable[str]:
    rails = gateway.guardrails
    for side in ("prompt", "response"):
        actions = getattr(rails, side) if rails is not None else None
        if actions is None or not actions.model_dump(exclude_none=True):
            yield f"field guardrails.{side} must set at least one category action"


def zero_data_retention(gateway: Gateway, config: Config) -> Iterable[str]:
    if re.search(config["gatewayIdPattern"], gateway.gateway_id or "") and not gateway.zdr:
        yield f"field zdr must be true for gateways matching {config['gatewayIdPattern']!r}"


def logpush_key(gateway: Gateway, _: Config) -> Iterable[str]:
    if gateway.logpush and not gateway.logpush_public_key:
        yield "field logpush_public_key must be set when logpush is on: pushed logs must be encrypted"


_CREDENTIAL_QUERY = re.compile(r"(key|token|secret|password|auth)", re.IGNORECASE)


def otel_exporters(gateway: Gateway, _: Config) -> Iterable[str]:
    for index, exporter in enumerate(gateway.otel or []):
        url = urlsplit(exporter.url)
        if url.scheme != "https":
            yield f"field otel[{index}].url must use https, not {url.scheme or 'no scheme'}"
        if url.username or url.password or any(_CREDENTIAL_QUERY.search(key) for key in parse_qs(url.query)):
            yield f"field otel[{index}].url carries credentials: pass them in authorization or headers (secrets)"


def retry_bounds(gateway: Gateway, config: Config) -> Iterable[str]:
    attempts, delay = gateway.retry_max_attempts, gateway.retry_delay
    if attempts is not None and attempts > config["maxAttempts"]:
        yield f"field retry_max_attempts is {attempts}, above {config['maxAttempts']}"
    if delay is not None and delay > config["maxDelayMs"]:
        yield f"field retry_delay is {delay}ms, above {config['maxDelayMs']}ms"


POLICIES: list[ResourceValidationPolicy] = [
    policy(
        "gateway-authentication", "Gateway", "Every gateway requires an authentication token.", authentication
    ),
    policy(
        "gateway-rate-limiting",
        "Gateway",
        "Rate limiting is on, with limit and interval within bounds.",
        rate_limiting,
        {
            "minLimit": integer(1, "smallest allowed limit", 1),
            "maxLimit": integer(10_000, "largest allowed limit", 1),
            "minInterval": integer(10, "shortest allowed interval (s)", 1),
            "maxInterval": integer(3600, "longest allowed interval (s)", 1),
        },
    ),
    policy("gateway-logs-collected", "Gateway", "Gateways collect request logs.", logs_collected),
    policy(
        "gateway-log-retention",
        "Gateway",
        "Log retention is set within bounds, with a retention strategy.",
        log_retention,
        {
            "minLogs": integer(10_000, "fewest logs kept", 10_000),
            "maxLogs": integer(10_000_000, "most logs kept", 10_000),
        },
    ),
    policy(
        "gateway-cache-ttl",
        "Gateway",
        "The cache TTL is within bounds (and caching on, if required).",
        cache_ttl,
        {
            "minTtl": integer(60, "shortest TTL (s)"),
            "maxTtl": integer(86_400, "longest TTL (s)"),
            "requireCache": {
                "type": "boolean",
                "default": False,
                "description": "fail gateways without caching",
            },
        },
    ),
    policy(
        "gateway-dlp-block",
        "Gateway",
        "DLP is enabled and BLOCKs the configured profiles.",
        dlp_blocking,
        {
            "profiles": {
                "type": "array",
                "items": {"type": "string"},
                "default": [],
                "description": "DLP profiles that must be blocked",
            }
        },
    ),
    policy("gateway-guardrails", "Gateway", "Guardrails are set for prompts and for responses.", guardrails),
    policy(
        "gateway-zero-data-retention",
        "Gateway",
        "Matching gateways keep no request or response data (zdr).",
        zero_data_retention,
        {
            "gatewayIdPattern": {
                "type": "string",
                "default": "^prod",
                "description": "regex of gateway ids that need zdr",
            }
        },
    ),
    policy("gateway-logpush-encrypted", "Gateway", "Logpush is only on with a public key.", logpush_key),
    policy(
        "gateway-otel-https",
        "Gateway",
        "OpenTelemetry exporters use https and keep credentials out of URLs.",
        otel_exporters,
    ),
    policy(
        "gateway-retry-bounds",
        "Gateway",
        "Upstream retries stay within bounds.",
        retry_bounds,
        {"maxAttempts": integer(3, "most attempts", 1), "maxDelayMs": integer(5000, "longest delay (ms)")},
    ),
]
