"""Adopting an object made elsewhere, under the engine: preview says what changes, nothing else is reset."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_ai_gateway.gateway import GatewayCreate
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer

pytestmark = pytest.mark.e2e

PROGRAM = Path(__file__).parent / "programs" / "adopt"


def test_adoption_previews_its_changes_and_keeps_the_rest(
    pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    api = emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN)
    api.gateways.create(
        GatewayCreate(
            id="console-made",
            cache_invalidate_on_update=False,
            cache_ttl=60,
            collect_logs=True,
            rate_limiting_interval=60,
            rate_limiting_limit=50,
            authentication=True,
            zdr=True,
        )
    )
    stack = pulumi_stack(
        PROGRAM,
        config={"aigateway:baseUrl": emulator.base_url, "aigateway:accountId": EMULATOR_ACCOUNT},
        secrets={"aigateway:apiToken": EMULATOR_TOKEN},
    )
    preview = stack.preview()
    assert "adopting gateway 'console-made' changes cache_ttl: 60 -> 120" in preview.output, preview.output
    assert "authentication" not in preview.output

    up = stack.up(skip_preview=False)
    assert "adopting gateway 'console-made' changes cache_ttl: 60 -> 120" in up.output, up.output
    gateway = api.gateways.get("console-made")
    assert (gateway.cache_ttl, gateway.authentication, gateway.zdr, gateway.rate_limiting_limit) == (
        120, True, True, 50,
    )  # fmt: skip

    # Managed now: no adoption warning, no diff (also after a refresh), and an update keeps the rest.
    again = stack.preview("--refresh", "--expect-no-changes")
    assert "adopting" not in again.output
    stack.set_config("cacheTtl", "300")
    stack.up()
    gateway = api.gateways.get("console-made")
    assert (gateway.cache_ttl, gateway.authentication, gateway.zdr) == (300, True, True)
    stack.destroy()
