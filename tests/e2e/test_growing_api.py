"""The every-resource lifecycle under the real engine against an API that answers fields we never modelled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import seed_legacy_limit

pytestmark = pytest.mark.e2e

PROGRAM = Path(__file__).parent / "programs" / "every_resource"
GATEWAY = "grow-gw"
SECRETS = {
    "otelAuthorization": "Bearer otel-growing-api-SECRET-4410",
    "datasetModel": "model-growing-api-SECRET-4410",
    "stripeKey": "sk_live_growing_api_SECRET_9921",
    "providerKey": "sk-growing-api-provider-SECRET-0001",
}
TYPE = "pulumi-python:dynamic/aigateway:"


def _state(stack: Any, kind: str) -> list[dict[str, Any]]:
    return [r for r in stack.resources() if r["type"] == TYPE + kind]


def test_every_resource_against_an_api_that_grows(
    pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    seed_legacy_limit(emulator.base_url, EMULATOR_ACCOUNT)
    emulator.control("POST", "/unknown-fields", json={"enabled": True})
    try:
        stack = pulumi_stack(
            PROGRAM,
            config={
                "aigateway:baseUrl": emulator.base_url,
                "aigateway:accountId": EMULATOR_ACCOUNT,
                "prefix": "grow",
            },
            secrets={"aigateway:apiToken": EMULATOR_TOKEN, **SECRETS},
        )
        api = emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN).http
        gateway_path = f"/gateways/{GATEWAY}"
        assert "emulator_future_flag" in api.request("GET", "/gateways", what="g", operation="list")

        stack.up()
        stack.preview("--refresh", "--expect-no-changes")

        # Changed behind Pulumi's back: refresh shows it, up repairs it.
        current = api.request("GET", gateway_path, what="g", operation="read")["result"]
        api.request("PUT", gateway_path, what="g", operation="update", json={**current, "cache_ttl": 5})
        stack.refresh()
        assert _state(stack, "Gateway")[0]["outputs"]["cache_ttl"] == 5
        stack.up()
        assert api.request("GET", gateway_path, what="g", operation="read")["result"]["cache_ttl"] == 300
        stack.preview("--refresh", "--expect-no-changes")

        # Deleted behind Pulumi's back: refresh drops it, up makes it again.
        dataset_id = _state(stack, "Dataset")[0]["id"]
        api.request("DELETE", f"{gateway_path}/datasets/{dataset_id}", what="d", operation="delete")
        stack.refresh()
        assert _state(stack, "Dataset") == []
        stack.up()
        assert len(_state(stack, "Dataset")) == 1
        assert emulator.control("GET", "/objects")["result"]["dataset"] == 1
        stack.preview("--refresh", "--expect-no-changes")

        stack.destroy()
        assert not {k: n for k, n in emulator.control("GET", "/objects")["result"].items() if n}
    finally:
        emulator.control("POST", "/unknown-fields", json={"enabled": False})
