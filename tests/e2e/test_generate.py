"""Bringing an existing account under management: generate the program, then `pulumi up` adopts with zero writes.

The estate is made through the API, as the dashboard and traffic make it; the generated program then runs under
the real engine from its own directory, and the account's objects must read byte for byte as before.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pulumi_ai_gateway import AIGatewayClient
from pulumi_ai_gateway._objects import OBJECTS
from pulumi_ai_gateway.dynamic_route import RouteBody
from pulumi_ai_gateway.generate import Program, generate
from pulumi_ai_gateway.settings import Settings
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import one_model_graph, seed_legacy_limit
from tests.harness.pulumi_cli import REPO_ROOT

pytestmark = pytest.mark.e2e

OTEL_AUTH = "Bearer otel-collector-token-SECRET"
OTEL_HEADER = "team-header-SECRET-value"
STRIPE_KEY = "sk_live_stripe-SECRET-4242"
UPSTREAM_HEADERS = '{"x-upstream-key": "upstream-SECRET-key"}'
PROVIDER_KEYS = {"prod-openai": "sk-openai-SECRET-prod-0001", "staging-claude": "sk-ant-SECRET-staging-0002"}
ZONE = "395566f4c8a5b9d2a5fc0d457b007c44"
POLICY = {
    "id": "p-1",
    "action": "FLAG",
    "check": ["REQUEST", "RESPONSE"],
    "enabled": True,
    "profiles": ["pii"],
}
POLICY = {
    "id": "p-1",
    "action": "FLAG",
    "check": ["REQUEST", "RESPONSE"],
    "enabled": True,
    "profiles": ["pii"],
}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _call(client: AIGatewayClient, method: str, path: str, body: Any = None) -> Any:
    return client.http.call(method, path, what=path, operation="seed", json=body)


def _graph(model: str) -> list[dict[str, Any]]:
    """A one-model route graph as the API takes it."""
    elements: list[dict[str, Any]] = RouteBody.model_validate(
        {"name": "x", "elements": one_model_graph(model)}
    ).body()["elements"]
    return elements


def _gateway(gateway_id: str, **settings: Any) -> dict[str, Any]:
    required = {"cache_invalidate_on_update": False, "cache_ttl": None, "collect_logs": True}
    return {
        **required,
        "rate_limiting_interval": None,
        "rate_limiting_limit": None,
        "id": gateway_id,
        **settings,
    }


def seed_estate(client: AIGatewayClient) -> None:
    """Three gateways with full settings, the `default` one, datasets, an evaluation, routes whose deployed
    version is not the newest, provider keys, a custom provider with a cost, a custom domain, the account's
    auto top-up and its legacy spending limit."""
    _call(client, "POST", "/gateways", _gateway("default"))
    prod = _gateway(
        "prod",
        cache_ttl=300,
        rate_limiting_interval=60,
        rate_limiting_limit=500,
        rate_limiting_technique="sliding",
        authentication=True,
        log_management=100_000,
        log_management_strategy="DELETE_OLDEST",
        dlp={"enabled": True, "action": "BLOCK", "profiles": ["pii", "secrets"]},
        guardrails={"prompt": {"P1": "BLOCK", "S1": "FLAG"}, "response": {"S10": "BLOCK"}},
        otel=[
            {
                "url": "https://otel.acme.example/v1/traces",
                "authorization": OTEL_AUTH,
                "headers": {"x-team": OTEL_HEADER},
                "content_type": "protobuf",
            }
        ],
        spend_limits={"enabled": True, "rules": [{"limit": 250.0, "limitType": "cost", "window": 86400}]},
    )
    _call(client, "POST", "/gateways", {k: v for k, v in prod.items() if k != "spend_limits"})
    _call(client, "PUT", "/gateways/prod", {k: v for k, v in prod.items() if k != "id"})
    staging = _gateway(
        "staging",
        cache_ttl=60,
        collect_logs=False,
        retry_max_attempts=3,
        retry_backoff="exponential",
        retry_delay=500,
        dlp={"enabled": True, "policies": [POLICY]},
    )
    _call(client, "POST", "/gateways", staging)
    research = _gateway(
        "research",
        zdr=True,
        workers_ai_billing_mode="unified",
        stripe={"authorization": STRIPE_KEY, "usage_events": [{"payload": '{"tokens": "{{tokens}}"}'}]},
    )
    _call(client, "POST", "/gateways", research)

    first = _call(client, "POST", "/gateways/prod/datasets", {"name": "all", "enable": True, "filters": []})
    filtered = {
        "name": "gpt-errors",
        "enable": False,
        "filters": [
            {"key": "model", "operator": "eq", "value": ["gpt-4.1"]},
        ],
    }
    second = _call(client, "POST", "/gateways/prod/datasets", filtered)
    types = _call(client, "GET", "/evaluation-types")
    evaluation = {
        "name": "quality",
        "dataset_ids": [first["id"], second["id"]],
        "evaluation_type_ids": [types[0]["id"]],
    }
    _call(client, "POST", "/gateways/prod/evaluations", evaluation)

    for name, models in (
        ("chat", ["gpt-4.1", "gpt-4.1-mini", "gpt-5"]),
        ("batch", ["gpt-4o", "gpt-4o-mini"]),
    ):
        route = _call(client, "POST", "/gateways/prod/routes", {"name": name, "elements": _graph(models[0])})
        for model in models[1:]:
            _call(
                client, "POST", f"/gateways/prod/routes/{route['id']}/versions", {"elements": _graph(model)}
            )
        versions = client.routes.list_versions("prod", route["id"])
        second_newest = sorted(versions, key=lambda v: v.created_at)[-2]
        client.routes.deploy("prod", route["id"], second_newest.version_id)

    for gateway_id, slug, alias in (
        ("prod", "openai", "prod-openai"),
        ("staging", "anthropic", "staging-claude"),
    ):
        key = {"provider_slug": slug, "alias": alias, "secret": PROVIDER_KEYS[alias], "default_config": True}
        _call(client, "POST", f"/gateways/{gateway_id}/provider_configs", key)

    upstream = {
        "name": "Acme LLM",
        "slug": "acme-llm",
        "base_url": "https://llm.acme.example",
        "headers": UPSTREAM_HEADERS,
        "enable": True,
    }
    provider = _call(client, "POST", "/custom-providers", upstream)
    cost = {
        "account_provider_id": provider["id"],
        "model": "acme-",
        "model_rule": "starts-with",
        "cost_in": 0.5,
        "cost_out": 1.5,
    }
    _call(client, "POST", "/custom-providers/costs", cost)
    _call(client, "POST", "/gateways/prod/custom-domains", {"domain": "ai.acme.example", "zone_id": ZONE})
    _call(client, "POST", "/billing/topup/config", {"amount": 5000, "threshold": 1000})
    seed_legacy_limit(client.http.settings.base_url, client.http.settings.account_id)


def snapshot(client: AIGatewayClient) -> dict[str, Any]:
    """Every object as the API answers it (the raw bodies), by path."""
    shot: dict[str, Any] = {}

    def get(path: str) -> Any:
        shot[path] = client.http.request("GET", path, what=path, operation="snapshot")
        return shot[path].get("result")

    for gateway in get("/gateways"):
        gw = f"/gateways/{gateway['id']}"
        get(gw)
        # A domain moves on from `initializing` once it is read (the emulator plays Cloudflare's progress).
        for domain in client.custom_domains.list(gateway["id"]):
            get(f"{gw}/custom-domains/{domain.hostname}")
        for kind in ("datasets", "evaluations", "provider_configs", "custom-domains"):
            get(f"{gw}/{kind}")
        get(f"{gw}/routes")
        for route in client.routes.list(gateway["id"]):
            for tail in ("", "/versions", "/deployments"):
                get(f"{gw}/routes/{route.id}{tail}")
    get("/custom-providers")
    get("/custom-providers/costs")
    get("/billing/topup/config")
    get("/billing/spending-limit")
    return shot


def _secret_values(program: Program, client: AIGatewayClient) -> dict[str, str]:
    """The value of each secret the generated program asks for: what the estate was made with."""
    by_suffix = {
        "-otel-0-authorization": OTEL_AUTH,
        "-otel-0-header-x-team": OTEL_HEADER,
        "-stripe-authorization": STRIPE_KEY,
        "-headers": UPSTREAM_HEADERS,
    }
    for gateway_id in ("prod", "staging"):
        for config in client.provider_configs.list(gateway_id):
            by_suffix[f"-provider-config-{config.id}-secret"] = PROVIDER_KEYS[config.alias]
    values = {}
    for key in program.secrets:
        [value] = [v for suffix, v in by_suffix.items() if key.endswith(suffix)]
        values[key] = value
    return values


def _generate_cli(out: Path, emulator: EmulatorServer) -> subprocess.CompletedProcess[str]:
    env = {"CLOUDFLARE_API_TOKEN": EMULATOR_TOKEN, "CLOUDFLARE_BASE_URL": emulator.base_url, "PATH": ""}
    command = [
        sys.executable,
        "-m",
        "pulumi_ai_gateway",
        "generate",
        "--account-id",
        EMULATOR_ACCOUNT,
        "--out",
        str(out),
        "--stack",
        "adopted",
        "--project",
        "acme-ai",
    ]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_generate_then_adopt_writes_nothing_but_the_secrets(
    pulumi_stack: StackFactory, emulator: EmulatorServer, tmp_path: Path
) -> None:
    emulator.control("POST", "/reset")
    client = emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN)
    seed_estate(client)
    emulator.control("POST", "/evaluations/process", json={"account_id": EMULATOR_ACCOUNT})
    before = snapshot(client)

    # The command, twice: byte-identical programs.
    out, again = tmp_path / "program", tmp_path / "again"
    for target in (out, again):
        ran = _generate_cli(target, emulator)
        assert ran.returncode == 0, ran.stderr
    files = sorted(p.name for p in out.iterdir())
    assert files == ["Pulumi.adopted.yaml", "Pulumi.yaml", "README.md", "__main__.py", "requirements.txt"]
    assert all((out / name).read_bytes() == (again / name).read_bytes() for name in files)
    source = (out / "__main__.py").read_text()
    # The estate holds one of every object of the registry: a new object the generator leaves out fails here.
    assert {f"aig.{spec.resource}(" for spec in OBJECTS if f"aig.{spec.resource}(" not in source} == set()
    for secret in (OTEL_AUTH, OTEL_HEADER, STRIPE_KEY, "upstream-SECRET-key", *PROVIDER_KEYS.values()):
        assert secret not in source and secret not in (out / "README.md").read_text()
    for checker in (["ruff", "check", "--no-cache", "--isolated"], ["mypy", "--strict", "--no-incremental"]):
        checked = subprocess.run(
            [sys.executable, "-m", *checker, str(out / "__main__.py")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr

    settings = Settings.resolve(
        account_id=EMULATOR_ACCOUNT, api_token=EMULATOR_TOKEN, base_url=emulator.base_url
    )
    program = generate(settings, project="acme-ai", stack="adopted")
    assert program.files["__main__.py"] == source
    readme = (out / "README.md").read_text()
    assert all(f"pulumi config set --secret {key} " in readme for key in program.secrets)
    assert set(program.settings) == {"prod-domain-ai-acme-example-zoneId"}

    # The user's project: its own directory, its virtualenv where Pulumi.yaml says.
    (out / "venv").symlink_to(REPO_ROOT / ".venv")
    stack = pulumi_stack(
        out,
        config={
            "aigateway:baseUrl": emulator.base_url,
            "aigateway:accountId": EMULATOR_ACCOUNT,
            "prod-domain-ai-acme-example-zoneId": ZONE,
        },
        secrets={"aigateway:apiToken": EMULATOR_TOKEN, **_secret_values(program, client)},
    )
    emulator.control("DELETE", "/requests")
    up = stack.up(skip_preview=False)
    requests = emulator.requests_made()
    by_method = Counter(r["method"] for r in requests)
    writes = [f"{r['method']} {r['path']}" for r in requests if r["method"] in WRITES]
    # The only writes: storing the two provider keys (a key cannot be compared, the API never shows it).
    assert len(writes) == 2 and all(w.startswith("PUT ") and "/provider_configs/" in w for w in writes), (
        writes
    )
    assert "its settings already match, nothing is written" in up.output
    print(
        f"adopting up: {dict(sorted(by_method.items()))}; program: {len(source)} bytes, "
        f"{source.count(chr(10))} lines, {source.count(' = aig.')} resources"
    )

    state = stack.resources()
    types = Counter(
        r["type"].rsplit(":", 1)[-1] for r in state if r["type"].startswith("pulumi-python:dynamic")
    )
    assert types == {
        "Gateway": 4,
        "Dataset": 2,
        "Evaluation": 1,
        "DynamicRoute": 2,
        "ProviderConfig": 2,
        "CustomProvider": 1,
        "CustomProviderCost": 1,
        "CustomDomain": 1,
        "SpendingLimit": 1,
        "TopupConfig": 1,
    }, types
    stack.preview("--refresh", "--expect-no-changes")

    after = snapshot(client)
    for path, answer in before.items():
        if path.endswith("/provider_configs"):  # the key stored again: its change time moves, nothing else
            was = [{k: v for k, v in item.items() if k != "modified_at"} for item in answer["result"]]
            now = [{k: v for k, v in item.items() if k != "modified_at"} for item in after[path]["result"]]
            assert now == was, path
        else:
            assert json.dumps(after[path], sort_keys=True) == json.dumps(answer, sort_keys=True), path
