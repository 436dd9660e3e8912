"""The real engine, offline: a dynamic resource lifecycle and a policy pack, through the shared harness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import StackFactory
from tests.harness.pulumi_cli import REPO_ROOT

pytestmark = pytest.mark.e2e

HERE = Path(__file__).parent
PROGRAM = HERE / "programs" / "smoke_dynamic"
POLICY_PACK = HERE / "policies" / "smoke_policy"
FILE_TYPE = "pulumi-python:dynamic/smoke:File"


def _preview_steps(preview_json: dict[str, object]) -> dict[str, str]:
    steps = preview_json.get("steps") or []
    assert isinstance(steps, list)
    return {step["urn"].rsplit("::", 1)[-1]: step["op"] for step in steps}


def test_engine_version_matches_python_sdk() -> None:
    """The CLI, its version stamp and the Python `pulumi` package are one pinned version."""
    import importlib.metadata
    import subprocess

    pinned = (REPO_ROOT / "tools" / "pulumi" / "VERSION").read_text().strip()
    cli = subprocess.run(
        [str(REPO_ROOT / "tools" / "pulumi-env"), "pulumi", "version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert cli.stdout.strip() == f"v{pinned}"
    assert importlib.metadata.version("pulumi") == pinned
    constraints = (REPO_ROOT / "constraints.txt").read_text().splitlines()
    assert f"pulumi=={pinned}" in constraints, "constraints.txt pins another pulumi than the CLI"
    assert f"github.com/pulumi/pulumi/pkg/v3 v{pinned}" in (REPO_ROOT / "tools/pulumi/go.mod").read_text()


def test_runtime_requirements_are_ranges() -> None:
    """The package installs beside a user's own pulumi: no exact pins among its runtime requirements."""
    import importlib.metadata

    requirements = importlib.metadata.requires("pulumi-ai-gateway") or []
    runtime = [r for r in requirements if "extra ==" not in r]
    assert {r.split(">")[0].split("<")[0].split("=")[0] for r in runtime} == {"pulumi", "httpx", "pydantic"}
    assert not any("==" in r for r in runtime), runtime
    assert any(r.startswith("pulumi") and ">=3.139.0" in r and "<4" in r for r in runtime), runtime


def test_dynamic_resource_lifecycle(pulumi_stack: StackFactory, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stack = pulumi_stack(PROGRAM, config={"directory": str(out), "content": "hello"})

    stack.up()
    assert (out / "smoke.txt").read_text() == "hello"
    assert stack.outputs() == {"content": "hello"}
    [resource] = stack.resources(FILE_TYPE)
    assert resource["outputs"]["content"] == "hello"

    # Nothing changed: the engine must agree.
    stack.preview("--expect-no-changes")

    # An input change is an in-place update, seen by preview and applied by up.
    stack.set_config("content", "world")
    assert _preview_steps(stack.preview("--json").json())["smoke"] == "update"
    up = stack.up()
    assert "1 updated" in up.output
    assert (out / "smoke.txt").read_text() == "world"

    stack.destroy()
    assert not (out / "smoke.txt").exists()
    assert stack.resources(FILE_TYPE) == []


def test_policy_pack_mandatory_then_advisory(pulumi_stack: StackFactory, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stack = pulumi_stack(PROGRAM, config={"directory": str(out), "content": "a forbidden word"})

    mandatory = stack.preview("--policy-pack", str(POLICY_PACK), check=False)
    assert mandatory.returncode != 0
    assert "[mandatory]  smoke-no-forbidden" in mandatory.output
    assert "smoke File content must not contain the word 'forbidden'" in mandatory.output

    config = tmp_path / "policy-config.json"
    config.write_text(json.dumps({"smoke-no-forbidden": "advisory"}))
    advisory = stack.preview("--policy-pack", str(POLICY_PACK), "--policy-pack-config", str(config))
    assert "[advisory]  smoke-no-forbidden" in advisory.output

    # A compliant program passes the mandatory pack.
    stack.set_config("content", "allowed")
    compliant = stack.preview("--policy-pack", str(POLICY_PACK))
    assert "smoke-no-forbidden" not in compliant.output
