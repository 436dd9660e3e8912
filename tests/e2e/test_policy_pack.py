"""The policy pack under the real engine: violations block, the quickstart passes, advisory config passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import StackFactory
from tests.harness.pulumi_cli import REPO_ROOT

pytestmark = pytest.mark.e2e

PACK = str(REPO_ROOT / "policies")
NONCOMPLIANT = Path(__file__).parent / "programs" / "noncompliant"
VIOLATED = [
    "gateway-authentication",
    "gateway-rate-limiting",
    "gateway-logs-collected",
    "gateway-log-retention",
    "gateway-cache-ttl",
    "gateway-dlp-block",
    "gateway-guardrails",
    "gateway-zero-data-retention",
    "provider-config-single-default",
    "custom-provider-https",
    "custom-domain-tls",
    "topup-bounded",
]


def test_mandatory_violations_block_the_preview(pulumi_stack: StackFactory) -> None:
    preview = pulumi_stack(NONCOMPLIANT).preview("--policy-pack", PACK, check=False)
    assert preview.returncode != 0
    for name in VIOLATED:
        assert f"[mandatory]  {name}" in preview.output, name
    assert "Gateway 'open': field authentication must be true" in preview.output
    assert "ProviderConfig first, second" in preview.output
    assert "CustomProvider 'plain': field base_url must use https" in preview.output
    assert "CustomDomain 'old-tls': field min_tls is 1.0" in preview.output
    assert "TopupConfig 'uncapped': field amount is 100000 cents, above the 10000" in preview.output
    assert "TopupConfig 'uncapped': auto top-up without a monthly cap (uncapped: open)" in preview.output
    # Advisory by default: nothing caps the gateway's spend.
    assert "[advisory]  spending-limit-set" in preview.output
    assert "Gateway 'open' (prod-open): nothing caps its spend" in preview.output


def test_advisory_config_lets_the_stack_pass_with_warnings(
    pulumi_stack: StackFactory, tmp_path: Path
) -> None:
    config = tmp_path / "policy-config.json"
    config.write_text(json.dumps(dict.fromkeys(VIOLATED, "advisory")))
    preview = pulumi_stack(NONCOMPLIANT).preview("--policy-pack", PACK, "--policy-pack-config", str(config))
    for name in VIOLATED:
        assert f"[advisory]  {name}" in preview.output, name


def test_the_quickstart_complies(pulumi_stack: StackFactory) -> None:
    preview = pulumi_stack(REPO_ROOT).preview("--policy-pack", PACK)
    assert "[mandatory]" not in preview.output and "[advisory]" not in preview.output


def test_the_example_config_is_valid(pulumi_stack: StackFactory) -> None:
    preview = pulumi_stack(REPO_ROOT).preview(
        "--policy-pack",
        PACK,
        "--policy-pack-config",
        str(REPO_ROOT / "policies" / "config.example.json"),
        check=False,
    )
    assert "invalid" not in preview.output.lower(), preview.output


def test_a_mistake_in_the_config_is_an_error_naming_the_closest_name(
    pulumi_stack: StackFactory, tmp_path: Path
) -> None:
    config = tmp_path / "policy-config.json"
    config.write_text(
        json.dumps({"gateway-authentification": "advisory", "gateway-cache-ttl": {"maxTTL": 10}})
    )
    preview = pulumi_stack(NONCOMPLIANT).preview(
        "--policy-pack", PACK, "--policy-pack-config", str(config), check=False
    )
    assert preview.returncode != 0
    assert (
        "unknown policy 'gateway-authentification' in the policy pack config; did you mean "
        "'gateway-authentication'?" in preview.output
    ), preview.output
    assert (
        "unknown parameter 'maxTTL' of policy 'gateway-cache-ttl'; did you mean 'maxTtl'?" in preview.output
    )
