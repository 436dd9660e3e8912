"""The generated input types are what tools/gen_inputs.py writes from the inputs models today."""

from __future__ import annotations

import subprocess
import sys

from tests.harness.pulumi_cli import REPO_ROOT


def test_the_checked_in_input_types_are_current() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tools" / "gen_inputs.py"), "--check"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
