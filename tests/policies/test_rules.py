"""Every policy: a compliant baseline passes; changing one field violates it, naming resource and field."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from aigw_rules import ALL_POLICIES, TYPES, config_problems
from pulumi_policy import (
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)

from tests.harness.objects import one_model_graph as graph

POLICIES = {policy.name: policy for policy in ALL_POLICIES}
OPTS = PolicyResourceOptions(False, [], None, [], PolicyCustomTimeouts(0, 0, 0), [])

BASELINE: dict[str, dict[str, Any]] = {
    "Gateway": {
        "gateway_id": "edge",
        "authentication": True,
        "collect_logs": True,
        "rate_limiting_limit": 100,
        "rate_limiting_interval": 60,
        "log_management": 100_000,
        "log_management_strategy": "DELETE_OLDEST",
        "cache_ttl": 300,
        "dlp": {"enabled": True, "action": "BLOCK", "profiles": ["pii"]},
        "guardrails": {"prompt": {"S1": "BLOCK"}, "response": {"P1": "FLAG"}},
        "zdr": False,
        "logpush": False,
        "otel": [{"url": "https://otel.example.com/v1/traces", "headers": {}, "authorization": "t"}],
        "retry_max_attempts": 3,
        "retry_delay": 1000,
    },
    "DynamicRoute": {
        "gateway_id": "edge",
        "name": "chat",
        "elements": [
            {"id": "start", "type": "start", "outputs": {"next": {"element_id": "m"}}},
            {
                "id": "m",
                "type": "model",
                "properties": {"provider": "openai", "model": "a", "timeout": 1, "retries": 1},
                "outputs": {"success": {"element_id": "end"}, "fallback": {"element_id": "backup"}},
            },
            {
                "id": "backup",
                "type": "model",
                "properties": {"provider": "x", "model": "b", "timeout": 1, "retries": 0},
                "outputs": {"success": {"element_id": "end"}, "fallback": {"element_id": "end"}},
            },
            {"id": "end", "type": "end", "outputs": {}},
        ],
    },
    "CustomProvider": {"name": "Acme", "slug": "acme", "base_url": "https://llm.acme.example/v1"},
    "CustomDomain": {"gateway_id": "prod-eu", "domain": "ai.acme.example", "zone_id": "z", "min_tls": "1.2"},
    "Evaluation": {
        "gateway_id": "edge",
        "name": "e",
        "dataset_ids": ["d"],
        "evaluation_type_ids": ["cost", "speed"],
    },
}


def run(
    policy_name: str, kind: str, props: dict[str, Any], config: dict[str, Any] | None = None
) -> list[str]:
    policy = POLICIES[policy_name]
    assert isinstance(policy, ResourceValidationPolicy)
    found: list[str] = []
    args = ResourceValidationArgs(
        TYPES[kind], props, f"urn:pulumi:s::p::{TYPES[kind]}::res", "res", OPTS, None, config or {}
    )

    def report(message: str, urn: str | None = None) -> None:
        found.append(message)

    for validate in policy.validate if isinstance(policy.validate, list) else [policy.validate]:
        validate(args, report)
    return found


def changed(kind: str, **fields: Any) -> dict[str, Any]:
    props = copy.deepcopy(BASELINE[kind])
    props.update(fields)
    return {k: v for k, v in props.items() if v is not ...}


KIND_BY_PREFIX = {
    "gateway": "Gateway",
    "route": "DynamicRoute",
    "evaluation": "Evaluation",
    "custom-provider": "CustomProvider",
    "custom-domain": "CustomDomain",
}
RESOURCE_POLICIES = [
    (p.name, KIND_BY_PREFIX.get(p.name.split("-")[0]) or KIND_BY_PREFIX["-".join(p.name.split("-")[:2])])
    for p in ALL_POLICIES
    if isinstance(p, ResourceValidationPolicy)
]


def test_at_least_twelve_policies_each_configurable() -> None:
    assert len(ALL_POLICIES) >= 12
    assert len({p.name for p in ALL_POLICIES}) == len(ALL_POLICIES)
    assert all(p.description and p.enforcement_level is not None for p in ALL_POLICIES)


@pytest.mark.parametrize(("policy", "kind"), RESOURCE_POLICIES)
def test_the_baseline_complies(policy: str, kind: str) -> None:
    assert run(policy, kind, BASELINE[kind]) == []


def test_other_resource_types_are_ignored() -> None:
    assert run("gateway-authentication", "Evaluation", {"authentication": False}) == []


VIOLATIONS = [
    ("gateway-authentication", "Gateway", {"authentication": False}, "authentication"),
    ("gateway-rate-limiting", "Gateway", {"rate_limiting_limit": None}, "rate_limiting_limit"),
    ("gateway-rate-limiting", "Gateway", {"rate_limiting_limit": 1_000_000}, "rate_limiting_limit"),
    ("gateway-rate-limiting", "Gateway", {"rate_limiting_interval": 5}, "rate_limiting_interval"),
    ("gateway-logs-collected", "Gateway", {"collect_logs": False}, "collect_logs"),
    ("gateway-log-retention", "Gateway", {"log_management": ...}, "log_management"),
    ("gateway-log-retention", "Gateway", {"log_management_strategy": None}, "log_management_strategy"),
    ("gateway-cache-ttl", "Gateway", {"cache_ttl": 10}, "cache_ttl"),
    (
        "gateway-dlp-block",
        "Gateway",
        {"dlp": {"enabled": True, "action": "FLAG", "profiles": ["pii"]}},
        "dlp.action",
    ),
    ("gateway-dlp-block", "Gateway", {"dlp": ...}, "dlp"),
    (
        "gateway-guardrails",
        "Gateway",
        {"guardrails": {"prompt": {"S1": "BLOCK"}, "response": {}}},
        "guardrails.response",
    ),
    ("gateway-zero-data-retention", "Gateway", {"gateway_id": "prod-eu"}, "zdr"),
    ("gateway-logpush-encrypted", "Gateway", {"logpush": True}, "logpush_public_key"),
    (
        "gateway-otel-https",
        "Gateway",
        {"otel": [{"url": "http://otel.example.com", "headers": {}}]},
        "otel[0].url",
    ),
    (
        "gateway-otel-https",
        "Gateway",
        {"otel": [{"url": "https://o.example.com?api_key=x", "headers": {}}]},
        "otel[0].url",
    ),
    ("gateway-retry-bounds", "Gateway", {"retry_max_attempts": 5}, "retry_max_attempts"),
    ("gateway-retry-bounds", "Gateway", {"retry_delay": 9000}, "retry_delay"),
    ("route-graph-valid", "DynamicRoute", {"elements": graph("m")[1:]}, "elements"),
    ("route-model-fallback", "DynamicRoute", {"elements": graph("m")}, "elements"),
    ("evaluation-mandatory-types", "Evaluation", {"evaluation_type_ids": ["cost"]}, "evaluation_type_ids"),
    ("custom-provider-https", "CustomProvider", {"base_url": "http://llm.acme.example/v1"}, "base_url"),
    ("custom-domain-tls", "CustomDomain", {"min_tls": "1.0"}, "min_tls"),
    ("custom-domain-tls", "CustomDomain", {"min_tls": ...}, "min_tls"),
]


@pytest.mark.parametrize(("policy", "kind", "change", "field"), VIOLATIONS)
def test_one_field_violates(policy: str, kind: str, change: dict[str, Any], field: str) -> None:
    problems = run(policy, kind, changed(kind, **change))
    assert problems, f"{policy} accepted {change}"
    assert all(p.startswith(f"{kind} 'res': ") for p in problems)
    assert any(f"field {field}" in p or f"fields {field}" in p for p in problems), problems


@pytest.mark.parametrize(
    ("policy", "kind", "config"),
    [
        ("gateway-rate-limiting", "Gateway", {"maxLimit": 50}),
        ("gateway-log-retention", "Gateway", {"minLogs": 500_000}),
        ("gateway-cache-ttl", "Gateway", {"maxTtl": 120}),
        ("gateway-dlp-block", "Gateway", {"profiles": ["pii", "credentials"]}),
        ("gateway-zero-data-retention", "Gateway", {"gatewayIdPattern": "^edge$"}),
        ("gateway-retry-bounds", "Gateway", {"maxAttempts": 2}),
        ("evaluation-mandatory-types", "Evaluation", {"mandatoryTypes": ["cost", "speed", "performance"]}),
        ("custom-domain-tls", "CustomDomain", {"minTls": "1.3"}),
    ],
)
def test_parameters_change_the_outcome(policy: str, kind: str, config: dict[str, Any]) -> None:
    assert run(policy, kind, BASELINE[kind]) == []
    assert run(policy, kind, BASELINE[kind], config) != []


def test_loosened_parameters_accept_what_defaults_refuse() -> None:
    many = changed("Gateway", retry_max_attempts=5)
    assert run("gateway-retry-bounds", "Gateway", many) != []
    assert run("gateway-retry-bounds", "Gateway", many, {"maxAttempts": 5}) == []
    uncached = changed("Gateway", cache_ttl=None)
    assert run("gateway-cache-ttl", "Gateway", uncached) == []
    assert run("gateway-cache-ttl", "Gateway", uncached, {"requireCache": True}) != []


def _config(name: str, default: bool, provider: str = "openai", gateway: str = "edge") -> PolicyResource:
    props = {"gateway_id": gateway, "provider_slug": provider, "alias": name, "default_config": default}
    return PolicyResource(TYPES["ProviderConfig"], props, f"urn:{name}", name, OPTS, None, None, [], {})


def test_at_most_one_default_key_per_provider_and_gateway() -> None:
    policy = POLICIES["provider-config-single-default"]
    assert isinstance(policy, StackValidationPolicy) and policy.validate is not None

    def check(*resources: PolicyResource) -> list[str]:
        found: list[str] = []
        policy.validate(StackValidationArgs(list(resources)), lambda message, urn=None: found.append(message))  # type: ignore[misc]
        return found

    assert check(_config("a", True), _config("b", False), _config("c", True, provider="anthropic")) == []
    assert check(_config("a", True), _config("b", True, gateway="other")) == []
    [problem] = check(_config("a", True), _config("b", True))
    assert "ProviderConfig a, b" in problem and "default_config" in problem


def _resource(kind: str, resource_name: str, **props: Any) -> PolicyResource:
    return PolicyResource(TYPES[kind], props, f"urn:{resource_name}", resource_name, OPTS, None, None, [], {})


def test_one_resource_per_object() -> None:
    policy = POLICIES["one-resource-per-object"]
    assert isinstance(policy, StackValidationPolicy) and policy.validate is not None

    def check(*resources: PolicyResource) -> list[str]:
        found: list[str] = []
        policy.validate(StackValidationArgs(list(resources)), lambda message, urn=None: found.append(message))  # type: ignore[misc]
        return found

    distinct = [
        _resource("Gateway", "a", gateway_id="edge"),
        _resource("Gateway", "b", gateway_id="core"),
        _resource("Gateway", "c", gateway_id="edge", account_id="other-account"),
        _resource("DynamicRoute", "r1", gateway_id="edge", name="chat"),
        _resource("DynamicRoute", "r2", gateway_id="core", name="chat"),
        _resource("ProviderConfig", "k1", gateway_id="edge", provider_slug="openai", alias="primary"),
        _resource("ProviderConfig", "k2", gateway_id="edge", provider_slug="openai", alias="backup"),
        _resource("Dataset", "d1", gateway_id="edge", name="failures"),
        _resource("Evaluation", "e1", gateway_id="edge", name="failures"),
        _resource("Gateway", "unknown-yet"),  # a key unknown during preview is not judged
    ]
    assert check(*distinct) == []
    problems = check(
        *distinct,
        _resource("Gateway", "a2", gateway_id="edge"),
        _resource("DynamicRoute", "r3", gateway_id="edge", name="chat"),
        _resource("ProviderConfig", "k3", gateway_id="edge", provider_slug="openai", alias="primary"),
    )
    assert sorted(problems) == sorted(
        [
            "Gateway a, a2: 2 resources manage the same object (gateway_id='edge'); each object may have one "
            "resource only",
            "DynamicRoute r1, r3: 2 resources manage the same object (gateway_id='edge', name='chat'); each "
            "object may have one resource only",
            "ProviderConfig k1, k3: 2 resources manage the same object (gateway_id='edge', "
            "provider_slug='openai', alias='primary'); each object may have one resource only",
        ]
    )


def test_config_mistakes_name_the_closest_valid_name() -> None:
    assert config_problems(
        {"gateway-authentification": {}, "gateway-cache-ttl": {"maxTTL": 10, "enforcementLevel": "advisory"}}
    ) == [
        "unknown policy 'gateway-authentification' in the policy pack config; did you mean 'gateway-authentication'?",
        "unknown parameter 'maxTTL' of policy 'gateway-cache-ttl'; did you mean 'maxTtl'? "
        "(valid: maxTtl, minTtl, requireCache)",
    ]
    valid: dict[str, dict[str, Any]] = {
        "gateway-cache-ttl": {"maxTtl": 3600},
        "gateway-guardrails": {"enforcementLevel": "disabled"},
    }
    assert config_problems(valid) == []


def test_rules_read_the_providers_defaults_and_types() -> None:
    from aigw_rules._base import view

    from pulumi_ai_gateway.gateway import DlpPolicySet, GatewayInputs

    gateway = view(GatewayInputs, {"gateway_id": "g", "dlp": {"enabled": True, "policies": []}})
    assert gateway.collect_logs is True and gateway.authentication is False  # the provider's defaults
    assert isinstance(gateway.dlp, DlpPolicySet)
    # A value the provider would refuse is left at its default; the rest is still judged.
    assert view(GatewayInputs, {"gateway_id": "g", "cache_ttl": "soon"}).cache_ttl is None
    # Both spellings of a route target (the API's elementId too), as the provider reads them.
    route = changed("DynamicRoute")
    route["elements"][1]["outputs"]["fallback"] = {"elementId": "backup"}
    assert run("route-model-fallback", "DynamicRoute", route) == []
    route["elements"][1]["outputs"]["fallback"] = {"elementId": "end"}
    assert run("route-model-fallback", "DynamicRoute", route) != []


def test_a_value_unknown_during_preview_is_unknown_to_the_rule_that_reads_it() -> None:
    from aigw_rules._base import view
    from pulumi.runtime import rpc
    from pulumi_policy.proxy import UnknownValueError, unknown_checking_proxy

    from pulumi_ai_gateway.gateway import GatewayInputs

    props = unknown_checking_proxy({"gateway_id": "g", "authentication": rpc.UNKNOWN})
    gateway = view(GatewayInputs, props)
    assert gateway.gateway_id == "g"
    with pytest.raises(UnknownValueError):
        _ = gateway.authentication


def _stack(policy_name: str, *resources: PolicyResource, config: dict[str, Any] | None = None) -> list[str]:
    policy = POLICIES[policy_name]
    assert isinstance(policy, StackValidationPolicy) and policy.validate is not None
    found: list[str] = []
    args = StackValidationArgs(list(resources), config or {})
    policy.validate(args, lambda message, urn=None: found.append(message))  # type: ignore[misc]
    return found


CAPPED = {"enabled": True, "rules": [{"limit": 50, "window": 86_400}]}


def test_every_gateways_spend_is_capped() -> None:
    capped = _resource("Gateway", "capped", gateway_id="edge", spend_limits=CAPPED)
    assert _stack("spending-limit-set", capped) == []
    yearly = {"enabled": True, "rules": [{"limit": 50, "window": 365 * 86_400}]}
    off = {"enabled": False, "rules": [{"limit": 50, "window": 86_400}]}
    problems = _stack(
        "spending-limit-set",
        capped,
        _resource("Gateway", "bare", gateway_id="core"),
        _resource("Gateway", "yearly", gateway_id="y", spend_limits=yearly),
        _resource("Gateway", "off", gateway_id="o", spend_limits=off),
    )
    assert [p.split(":")[0] for p in problems] == [
        "Gateway 'bare' (core)",
        "Gateway 'yearly' (y)",
        "Gateway 'off' (o)",
    ]
    # The account's legacy limit caps every gateway of the account.
    legacy = _resource("SpendingLimit", "legacy", amount=5000, duration="monthly", strategy="fixed")
    assert _stack("spending-limit-set", legacy, _resource("Gateway", "bare", gateway_id="core")) == []
    other = _resource("Gateway", "elsewhere", gateway_id="core", account_id="other-account")
    assert len(_stack("spending-limit-set", legacy, other)) == 1


def test_auto_topup_is_bounded() -> None:
    capped = _resource("Gateway", "capped", gateway_id="edge", spend_limits=CAPPED)
    topup = _resource("TopupConfig", "topup", amount=5000, threshold=1000)
    assert _stack("topup-bounded", capped, topup) == []
    [alone] = _stack("topup-bounded", topup)  # no gateway: nothing caps the month
    assert alone.startswith("TopupConfig 'topup': auto top-up without a monthly cap;")
    [uncapped] = _stack("topup-bounded", capped, _resource("Gateway", "bare", gateway_id="core"), topup)
    assert "(uncapped: bare)" in uncapped
    legacy = _resource("SpendingLimit", "legacy", amount=5000, duration="monthly", strategy="fixed")
    assert _stack("topup-bounded", legacy, topup) == []
    large = _resource("TopupConfig", "large", amount=50_000, threshold=1000)
    [too_much] = _stack("topup-bounded", capped, large)
    assert too_much == "TopupConfig 'large': field amount is 50000 cents, above the 10000 a top-up may charge"
    assert _stack("topup-bounded", capped, large, config={"maxAmountCents": 50_000}) == []
