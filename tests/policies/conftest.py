"""The pack imports its rules as `aigw_rules` (the pack directory is on sys.path when it runs): so do the tests."""

import sys

from tests.harness.pulumi_cli import REPO_ROOT

if str(REPO_ROOT / "policies") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "policies"))
