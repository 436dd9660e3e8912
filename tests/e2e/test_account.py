"""The account is part of the state: a change of it replaces, and destroy deletes where the object was made."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_ai_gateway.errors import NotFoundError
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer

pytestmark = pytest.mark.e2e

PROGRAM = Path(__file__).parent / "programs" / "many_gateways"


def test_the_account_is_recorded_and_a_changed_account_replaces(
    pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    stack = pulumi_stack(
        PROGRAM,
        config={
            "aigateway:baseUrl": emulator.base_url,
            "aigateway:accountId": EMULATOR_ACCOUNT,
            "count": "1",
        },
        secrets={"aigateway:apiToken": EMULATOR_TOKEN},
    )
    stack.up()
    (gateway,) = stack.resources("pulumi-python:dynamic/aigateway:Gateway")
    assert gateway["outputs"]["account_id"] == EMULATOR_ACCOUNT

    stack.set_config("aigateway:accountId", "another-account")
    steps = stack.preview("--json").json()["steps"]
    assert [s["op"] for s in steps if s["urn"] == gateway["urn"]] == ["replace"], steps

    stack.set_config("aigateway:accountId", f"{EMULATOR_ACCOUNT} ")
    bad = stack.preview(check=False)
    assert bad.returncode != 0
    assert (
        f"account id '{EMULATOR_ACCOUNT} ' from Pulumi config aigateway:accountId has whitespace"
        in bad.output
    )
    assert "Traceback" not in bad.output

    # Destroy under another configured account deletes the gateway where it was made.
    stack.set_config("aigateway:accountId", "another-account")
    stack.destroy()
    with pytest.raises(NotFoundError):
        emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN).gateways.get("load-000")
