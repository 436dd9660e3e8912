"""Two resources of one program for one object are refused at preview, naming both, before anything is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer

pytestmark = pytest.mark.e2e

PROGRAM = Path(__file__).parent / "programs" / "declared_twice"
REFUSED = {
    "gateway": "gateway 'twice-gw' is declared by two resources of this program, 'edge' and 'edge-again'",
    "provider_config": "provider config openai/primary of gateway 'twice-gw' is declared by two resources of "
    "this program, 'key' and 'key-again'",
}


@pytest.mark.parametrize("twice", sorted(REFUSED))
def test_one_object_declared_twice_is_refused_at_preview(
    twice: str, pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    stack = pulumi_stack(
        PROGRAM,
        config={
            "aigateway:baseUrl": emulator.base_url,
            "aigateway:accountId": EMULATOR_ACCOUNT,
            "twice": twice,
        },
        secrets={"aigateway:apiToken": EMULATOR_TOKEN, "providerKey": "sk-declared-twice-SECRET-5150"},
    )
    # `up` previews first: refused there, nothing is made.
    for result in (stack.preview(check=False), stack.up(check=False, skip_preview=False)):
        assert result.returncode != 0
        assert REFUSED[twice] in result.output
        assert "adopt_existing" not in result.output and "Traceback" not in result.output
        assert not {kind: n for kind, n in emulator.control("GET", "/objects")["result"].items() if n}
