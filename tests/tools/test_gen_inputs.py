"""The generated input types are what tools/gen_inputs.py writes from the inputs models today."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pulumi_ai_gateway as aig
from tests.harness.pulumi_cli import REPO_ROOT
from tools.gen_inputs import RESOURCES


def test_the_checked_in_input_types_are_current() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tools" / "gen_inputs.py"), "--check"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr


def test_every_input_of_every_resource_has_its_args_field() -> None:
    for resource, provider in RESOURCES.items():
        args = getattr(aig, f"{resource}Args")
        assert {f.name for f in dataclasses.fields(args)} == set(provider.inputs_model.model_fields), resource
        required = {n for n, i in provider.inputs_model.model_fields.items() if i.is_required()}
        missing = {f.name for f in dataclasses.fields(args) if f.default is dataclasses.MISSING}
        assert missing == required, resource
