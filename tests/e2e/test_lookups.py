"""The ``_output`` lookups under the engine: plain maps as stack outputs, and secrets kept secret."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer

pytestmark = pytest.mark.e2e

PROGRAM = Path(__file__).parent / "programs" / "lookups"
AUTHORIZATION = "Bearer otel-lookups-SECRET-6021"


def test_lookup_outputs_are_maps_and_keep_secrets(
    pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    stack = pulumi_stack(
        PROGRAM,
        config={"aigateway:baseUrl": emulator.base_url, "aigateway:accountId": EMULATOR_ACCOUNT},
        secrets={"aigateway:apiToken": EMULATOR_TOKEN, "otelAuthorization": AUTHORIZATION},
    )
    up = stack.up()
    assert AUTHORIZATION not in up.output
    assert AUTHORIZATION not in json.dumps(stack.export_state())
    shown = stack.outputs()
    assert shown["gateway"] == "[secret]"
    assert shown["plain"]["id"] == "lookups-plain" and shown["plain"]["collect_logs"] is True
    assert all(isinstance(t, dict) and "id" in t for t in shown["evaluation_types"]), shown[
        "evaluation_types"
    ]
    # A changed secret shows in `preview --diff` by name only.
    stack.set_config("otelAuthorization", "Bearer otel-lookups-SECRET-6022", secret=True)
    diff = stack.preview("--diff").output
    assert "changed_secrets: [\n" in diff and '"otel"' in diff, diff
    assert "SECRET-602" not in diff
    stack.up()
    stack.preview("--expect-no-changes")  # the name does not linger as a change
    stack.destroy()
