"""The AI Gateway policy rules, importable without starting a policy server (tests call ``validate`` directly).

Each rule is a small function from a resource's props (and the policy's config) to problem messages; ``_policy``
turns it into a ``ResourceValidationPolicy`` that only looks at one resource type, fills config defaults, and
reports every problem naming the resource and the field. Resources are recognised by their type tokens.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pydantic import ValidationError

from pulumi_ai_gateway._models import field_path
from pulumi_ai_gateway._objects import OBJECTS
from pulumi_ai_gateway._resource import AnyProvider
from pulumi_ai_gateway.dynamic_route import DynamicRouteInputs, graph_failures

__all__ = ["ALL_POLICIES", "TYPES", "config_problems"]

PROVIDERS: dict[str, type[AnyProvider]] = {spec.resource: spec.provider for spec in OBJECTS}
TYPES = {spec.resource: spec.type_token for spec in OBJECTS}

Props = Mapping[str, Any]
Config = Mapping[str, Any]
Rule = Callable[[Props, Config], Iterable[str]]


def _policy(
    name: str,
    resource: str,
    description: str,
    rule: Rule,
    params: Mapping[str, dict[str, Any]] | None = None,
    level: EnforcementLevel = EnforcementLevel.MANDATORY,
) -> ResourceValidationPolicy:
    """A policy over one resource type; ``params`` are JSON-schema properties, each with a ``default``."""
    defaults = {key: schema["default"] for key, schema in (params or {}).items()}

    def validate(args: ResourceValidationArgs, report: ReportViolation) -> None:
        if args.resource_type != TYPES[resource]:
            return
        config = {**defaults, **{k: v for k, v in args.get_config().items() if k in defaults}}
        for problem in rule(args.props, config):
            report(f"{resource} '{args.name}': {problem}", None)

    return ResourceValidationPolicy(
        name=name,
        description=description,
        validate=validate,
        enforcement_level=level,
        config_schema=PolicyConfigSchema(properties=dict(params)) if params else None,
    )


def _int(default: int, description: str, minimum: int = 0) -> dict[str, Any]:
    return {"type": "integer", "minimum": minimum, "default": default, "description": description}


# Gateways ---------------------------------------------------------------------------------------------------


def authentication(props: Props, _: Config) -> Iterable[str]:
    if props.get("authentication") is not True:
        yield "field authentication must be true: requests must carry a gateway token"


def rate_limiting(props: Props, config: Config) -> Iterable[str]:
    limit, interval = props.get("rate_limiting_limit"), props.get("rate_limiting_interval")
    if not limit or not interval:
        yield "fields rate_limiting_limit and rate_limiting_interval must be set (rate limiting is off)"
        return
    if not config["minLimit"] <= limit <= config["maxLimit"]:
        yield f"field rate_limiting_limit is {limit}, outside {config['minLimit']}..{config['maxLimit']}"
    if not config["minInterval"] <= interval <= config["maxInterval"]:
        yield f"field rate_limiting_interval is {interval}s, outside {config['minInterval']}..{config['maxInterval']}s"


def logs_collected(props: Props, _: Config) -> Iterable[str]:
    if props.get("collect_logs") is False:
        yield "field collect_logs must be true: requests must be logged"


def log_retention(props: Props, config: Config) -> Iterable[str]:
    kept = props.get("log_management")
    if kept is None:
        yield "field log_management must be set: choose how many logs to keep"
    elif not config["minLogs"] <= kept <= config["maxLogs"]:
        yield f"field log_management is {kept}, outside {config['minLogs']}..{config['maxLogs']}"
    if props.get("log_management_strategy") not in ("STOP_INSERTING", "DELETE_OLDEST"):
        yield "field log_management_strategy must be STOP_INSERTING or DELETE_OLDEST"


def cache_ttl(props: Props, config: Config) -> Iterable[str]:
    ttl = props.get("cache_ttl") or 0
    if ttl == 0 and config["requireCache"]:
        yield "field cache_ttl must be set: caching is off"
    elif ttl and not config["minTtl"] <= ttl <= config["maxTtl"]:
        yield f"field cache_ttl is {ttl}s, outside {config['minTtl']}..{config['maxTtl']}s"


def dlp_blocking(props: Props, config: Config) -> Iterable[str]:
    dlp = props.get("dlp") or {}
    if not dlp.get("enabled"):
        yield "field dlp must be enabled"
        return
    policies = dlp.get("policies")
    blocked: set[str] = set()
    if policies is None:
        if dlp.get("action") != "BLOCK":
            yield f"field dlp.action is {dlp.get('action')!r}; it must be BLOCK"
        blocked = set(dlp.get("profiles") or [])
    else:
        blocked = {
            p
            for policy in policies
            if policy.get("enabled") and policy.get("action") == "BLOCK"
            for p in policy.get("profiles") or []
        }
    missing = [profile for profile in config["profiles"] if profile not in blocked]
    if missing:
        yield f"field dlp must BLOCK the DLP profiles {', '.join(missing)}"


def guardrails(props: Props, _: Config) -> Iterable[str]:
    rails = props.get("guardrails") or {}
    for side in ("prompt", "response"):
        if not any(rails.get(side) or {}):
            yield f"field guardrails.{side} must set at least one category action"


def zero_data_retention(props: Props, config: Config) -> Iterable[str]:
    gateway_id = str(props.get("gateway_id") or "")
    if re.search(config["gatewayIdPattern"], gateway_id) and props.get("zdr") is not True:
        yield f"field zdr must be true for gateways matching {config['gatewayIdPattern']!r}"


def logpush_key(props: Props, _: Config) -> Iterable[str]:
    if props.get("logpush") and not props.get("logpush_public_key"):
        yield "field logpush_public_key must be set when logpush is on: pushed logs must be encrypted"


_CREDENTIAL_QUERY = re.compile(r"(key|token|secret|password|auth)", re.IGNORECASE)


def otel_exporters(props: Props, _: Config) -> Iterable[str]:
    for index, exporter in enumerate(props.get("otel") or []):
        url = urlsplit(str(exporter.get("url") or ""))
        if url.scheme != "https":
            yield f"field otel[{index}].url must use https, not {url.scheme or 'no scheme'}"
        if url.username or url.password or any(_CREDENTIAL_QUERY.search(key) for key in parse_qs(url.query)):
            yield f"field otel[{index}].url carries credentials: pass them in authorization or headers (secrets)"


def retry_bounds(props: Props, config: Config) -> Iterable[str]:
    attempts, delay = props.get("retry_max_attempts"), props.get("retry_delay")
    if attempts is not None and attempts > config["maxAttempts"]:
        yield f"field retry_max_attempts is {attempts}, above {config['maxAttempts']}"
    if delay is not None and delay > config["maxDelayMs"]:
        yield f"field retry_delay is {delay}ms, above {config['maxDelayMs']}ms"


# Routes and evaluations ---------------------------------------------------------------------------------------


def _target(output: Any) -> str | None:
    if not isinstance(output, Mapping):
        return None
    value = output.get("element_id", output.get("elementId"))
    return str(value) if value is not None else None


def model_fallbacks(props: Props, _: Config) -> Iterable[str]:
    """Every model on the primary path falls back to another model (fallback models themselves are exempt)."""
    elements = {str(e.get("id")): e for e in props.get("elements") or []}
    fallback_targets = {_target((e.get("outputs") or {}).get("fallback")) for e in elements.values()}
    for element_id, element in elements.items():
        if element.get("type") != "model" or element_id in fallback_targets:
            continue
        seen, current = set(), _target((element.get("outputs") or {}).get("fallback"))
        while (
            current is not None and current not in seen and elements.get(current, {}).get("type") != "model"
        ):
            seen.add(current)
            outputs = elements.get(current, {}).get("outputs") or {}
            nexts = [t for t in (_target(o) for o in outputs.values()) if t]
            current = nexts[0] if len(nexts) == 1 else None
        if current is None or elements.get(current, {}).get("type") != "model":
            yield f"field elements: model element {element_id!r} has no fallback path to another model"


def route_graph(props: Props, _: Config) -> Iterable[str]:
    values = {k: _plain(props.get(k)) for k in ("gateway_id", "name", "elements") if props.get(k) is not None}
    try:
        inputs = DynamicRouteInputs.model_validate(values)
    except ValidationError as exc:
        for error in exc.errors():
            yield f"field {field_path(DynamicRouteInputs, error['loc'])}: {error['msg']}"
        return
    for field, reason in graph_failures(inputs.elements):
        yield f"field {field}: {reason}"


def _plain(value: Any) -> Any:
    """A property as plain data (the policy SDK hands out read-only proxies, which strict models refuse)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(v) for v in value]
    return value


def mandatory_evaluators(props: Props, config: Config) -> Iterable[str]:
    missing = [t for t in config["mandatoryTypes"] if t not in (props.get("evaluation_type_ids") or [])]
    if missing:
        yield f"field evaluation_type_ids must include the mandatory evaluators {', '.join(missing)}"


def one_default_key(args: StackValidationArgs, report: ReportViolation) -> None:
    """At most one default provider config per provider per gateway, across the stack."""
    configs = [r for r in args.resources if r.resource_type == TYPES["ProviderConfig"]]
    defaults = Counter(
        (r.props.get("gateway_id"), r.props.get("provider_slug"))
        for r in configs
        if r.props.get("default_config")
    )
    for (gateway_id, slug), count in sorted(defaults.items()):
        if count > 1:
            names = ", ".join(
                sorted(
                    r.name
                    for r in configs
                    if r.props.get("default_config")
                    and (r.props.get("gateway_id"), r.props.get("provider_slug")) == (gateway_id, slug)
                )
            )
            report(
                f"ProviderConfig {names}: {count} configs have default_config=true for provider {slug!r} of "
                f"gateway {gateway_id!r}; at most one may",
                None,
            )


def one_resource_per_object(args: StackValidationArgs, report: ReportViolation) -> None:
    """No two resources of the stack manage one object: their natural keys (a gateway's id, a route's gateway
    and name, a provider config's gateway, slug and alias...) differ."""
    owners: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for resource in args.resources:
        kind = next((name for name, token in TYPES.items() if token == resource.resource_type), None)
        if kind is None:
            continue
        fields = PROVIDERS[kind].natural_key
        values = tuple(resource.props.get(field) for field in ("account_id", *fields))
        if all(value is None or isinstance(value, str) for value in values) and None not in values[1:]:
            owners[(kind, fields, *values)].append(resource.name)
    for (kind, fields, _account, *key_values), names in owners.items():
        if len(names) > 1:
            key = ", ".join(f"{field}={value!r}" for field, value in zip(fields, key_values, strict=True))
            report(
                f"{kind} {', '.join(sorted(names))}: {len(names)} resources manage the same object ({key}); "
                "each object may have one resource only",
                None,
            )


ALL_POLICIES = [
    _policy(
        "gateway-authentication", "Gateway", "Every gateway requires an authentication token.", authentication
    ),
    _policy(
        "gateway-rate-limiting",
        "Gateway",
        "Rate limiting is on, with limit and interval within bounds.",
        rate_limiting,
        {
            "minLimit": _int(1, "smallest allowed limit", 1),
            "maxLimit": _int(10_000, "largest allowed limit", 1),
            "minInterval": _int(10, "shortest allowed interval (s)", 1),
            "maxInterval": _int(3600, "longest allowed interval (s)", 1),
        },
    ),
    _policy("gateway-logs-collected", "Gateway", "Gateways collect request logs.", logs_collected),
    _policy(
        "gateway-log-retention",
        "Gateway",
        "Log retention is set within bounds, with a retention strategy.",
        log_retention,
        {
            "minLogs": _int(10_000, "fewest logs kept", 10_000),
            "maxLogs": _int(10_000_000, "most logs kept", 10_000),
        },
    ),
    _policy(
        "gateway-cache-ttl",
        "Gateway",
        "The cache TTL is within bounds (and caching on, if required).",
        cache_ttl,
        {
            "minTtl": _int(60, "shortest TTL (s)"),
            "maxTtl": _int(86_400, "longest TTL (s)"),
            "requireCache": {
                "type": "boolean",
                "default": False,
                "description": "fail gateways without caching",
            },
        },
    ),
    _policy(
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
    _policy("gateway-guardrails", "Gateway", "Guardrails are set for prompts and for responses.", guardrails),
    _policy(
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
    _policy("gateway-logpush-encrypted", "Gateway", "Logpush is only on with a public key.", logpush_key),
    _policy(
        "gateway-otel-https",
        "Gateway",
        "OpenTelemetry exporters use https and keep credentials out of URLs.",
        otel_exporters,
    ),
    _policy(
        "gateway-retry-bounds",
        "Gateway",
        "Upstream retries stay within bounds.",
        retry_bounds,
        {"maxAttempts": _int(3, "most attempts", 1), "maxDelayMs": _int(5000, "longest delay (ms)")},
    ),
    _policy(
        "route-model-fallback",
        "DynamicRoute",
        "Every model on a route's primary path has a fallback model.",
        model_fallbacks,
    ),
    _policy(
        "route-graph-valid",
        "DynamicRoute",
        "A route's graph is valid (one start, targets exist, no cycles).",
        route_graph,
    ),
    _policy(
        "evaluation-mandatory-types",
        "Evaluation",
        "Evaluations run every mandatory evaluator.",
        mandatory_evaluators,
        {
            "mandatoryTypes": {
                "type": "array",
                "items": {"type": "string"},
                "default": ["cost", "speed"],
                "description": "evaluator ids every evaluation runs",
            }
        },
    ),
    StackValidationPolicy(
        name="provider-config-single-default",
        description="At most one default provider config per provider per gateway.",
        validate=one_default_key,
        enforcement_level=EnforcementLevel.MANDATORY,
    ),
    StackValidationPolicy(
        name="one-resource-per-object",
        description="No two resources manage the same gateway, dataset, evaluation, route or provider config.",
        validate=one_resource_per_object,
        enforcement_level=EnforcementLevel.MANDATORY,
    ),
]


def config_problems(config: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Mistakes in a policy pack config (policy name -> its parameters), each naming the closest valid name.

    The engine checks parameter values against each policy's schema but passes unknown names through, so a
    typo would otherwise leave a policy mandatory, or a parameter at its default, without a word.
    """
    params = {
        policy.name: set(policy.config_schema.properties) if policy.config_schema else set()
        for policy in ALL_POLICIES
    }
    problems = []
    for name, values in sorted(config.items()):
        if name not in params:
            problems.append(f"unknown policy {name!r} in the policy pack config{_closest(name, params)}")
            continue
        for key in sorted(set(values) - params[name] - {"enforcementLevel"}):
            valid = ", ".join(sorted(params[name])) or "none"
            problems.append(
                f"unknown parameter {key!r} of policy {name!r}{_closest(key, params[name])} (valid: {valid})"
            )
    return problems


def _closest(word: str, choices: Iterable[str]) -> str:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not found:
        found = [c for c in choices if c.lower() == word.lower()]
    return f"; did you mean {found[0]!r}?" if found else ""
