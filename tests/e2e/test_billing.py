"""The account's billing under the real engine: the legacy spending limit (adopted, never written), the auto
top-up's whole lifecycle, and every billing lookup against what the emulator holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_ai_gateway import functions
from pulumi_ai_gateway.topup_config import TopupConfigBody
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import seed_legacy_limit

pytestmark = pytest.mark.e2e

PROGRAM = Path(__file__).parent / "programs" / "billing"
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _writes(emulator: EmulatorServer) -> list[str]:
    """The billing writes the API was asked for since the request log was last cleared."""
    return [
        f"{entry['method']} {entry['path'].split('/ai-gateway')[-1]}"
        for entry in emulator.requests_made()
        if entry["method"] in WRITES and "/billing/" in entry["path"]
    ]


def test_billing_objects_and_lookups_under_the_engine(
    pulumi_stack: StackFactory, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    emulator.control("POST", "/reset")
    client = emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN)
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", EMULATOR_TOKEN)
    monkeypatch.setenv("CLOUDFLARE_ACCOUNT_ID", EMULATOR_ACCOUNT)
    monkeypatch.setenv("CLOUDFLARE_BASE_URL", emulator.base_url)
    seed_legacy_limit(emulator.base_url, EMULATOR_ACCOUNT)
    # A top-up made by hand (a plain function: it spends money), and usage below the auto top-up's threshold.
    made = functions.topup(2500)
    assert functions.topup_status(made.payment_intent_id).status == "completed"
    stack = pulumi_stack(
        PROGRAM,
        config={"aigateway:baseUrl": emulator.base_url, "aigateway:accountId": EMULATOR_ACCOUNT},
        secrets={"aigateway:apiToken": EMULATOR_TOKEN},
    )

    # A limit other than the account's: Cloudflare changes none, so adopting it fails, naming what it has.
    stack.set_config("limitAmount", "6000")
    emulator.control("DELETE", "/requests")
    refused = stack.up(check=False)
    assert refused.returncode != 0
    assert "the spending limit of account" in refused.output and "amount: 5000" in refused.output
    assert "always answers 403" in refused.output
    assert _writes(emulator) == ["POST /billing/topup/config"]  # the top-up only: the limit is untouched
    assert client.spending_limit.get().amount == 5000

    # The values it has: adopted with zero writes.
    stack.set_config("limitAmount", "5000")
    emulator.control("DELETE", "/requests")
    stack.up()
    assert _writes(emulator) == []
    stack.preview("--expect-no-changes")
    outputs = stack.outputs()
    assert outputs["limit_enabled"] is True
    balance = client.billing.credit_balance()
    assert outputs["balance"]["balance"] == balance.balance == 2500
    assert outputs["balance"]["payment_method"] == {"brand": "visa", "last4": "4242"}
    assert outputs["threshold"] == 1000
    assert [i["id"] for i in outputs["invoices"]["invoices"]] == [made.payment_intent_id]
    assert outputs["invoice_ids"] == [made.payment_intent_id]
    assert outputs["limits"] == {"min_cents": 1000, "max_cents": 100_000, "currency": "USD"}
    assert outputs["preview"]["status"] == "draft" and outputs["usage"] == {"history": []}

    # Update in place: one POST of the whole configuration.
    stack.set_config("topupAmount", "7500")
    emulator.control("DELETE", "/requests")
    stack.up()
    assert _writes(emulator) == ["POST /billing/topup/config"]
    assert client.topup_config.get().amount == 7500

    # A change of the limit is refused at preview, next to the field, before any call.
    stack.set_config("limitAmount", "9000")
    emulator.control("DELETE", "/requests")
    changed = stack.preview(check=False)
    assert changed.returncode != 0
    assert "the limit's amount stays 5000" in changed.output, changed.output
    assert _writes(emulator) == []
    stack.set_config("limitAmount", "5000")

    # Usage drains the balance below the threshold: an automatic top-up follows; the lookups see it.
    emulator.control("POST", "/billing", json={"account_id": EMULATOR_ACCOUNT, "usage_cents": 2000})
    assert client.billing.credit_balance().balance == 500 + 7500
    stack.up()
    outputs = stack.outputs()
    assert outputs["balance"]["balance"] == 8000
    assert (
        len(outputs["invoice_ids"]) == 2
        and outputs["invoices"]["invoices"][0]["id"] == made.payment_intent_id
    )
    assert [u["aggregated_value"] for u in outputs["usage"]["history"]] == [2000]
    assert outputs["preview"]["amount_due"] == 2000

    # Changed and removed behind Pulumi's back: refresh shows both, up repairs (the limit is adopted again).
    client.topup_config.set(TopupConfigBody(amount=2000, threshold=600))
    client.spending_limit.delete()
    stack.refresh()
    assert stack.resources("pulumi-python:dynamic/aigateway:SpendingLimit") == []
    [topup] = stack.resources("pulumi-python:dynamic/aigateway:TopupConfig")
    assert (topup["outputs"]["amount"], topup["outputs"]["threshold"]) == (2000, 600)
    seed_legacy_limit(emulator.base_url, EMULATOR_ACCOUNT)
    stack.up()
    assert (client.topup_config.get().amount, client.topup_config.get().threshold) == (7500, 1000)
    stack.preview("--refresh", "--expect-no-changes")

    # Destroy removes both; made again outside the program, a run with the adoption switch takes them over
    # without a write.
    stack.destroy()
    assert emulator.control("GET", "/objects")["result"].get("topup_config", 0) == 0
    assert emulator.control("GET", "/objects")["result"].get("spending_limit", 0) == 0
    seed_legacy_limit(emulator.base_url, EMULATOR_ACCOUNT)
    client.topup_config.set(TopupConfigBody(amount=7500, threshold=1000))
    refused = stack.up(check=False)
    assert refused.returncode != 0 and "AIGATEWAY_ADOPT_EXISTING=true" in refused.output
    emulator.control("DELETE", "/requests")
    stack.env["AIGATEWAY_ADOPT_EXISTING"] = "true"
    stack.up()
    del stack.env["AIGATEWAY_ADOPT_EXISTING"]
    assert _writes(emulator) == []
    stack.preview("--refresh", "--expect-no-changes")
    stack.destroy()
