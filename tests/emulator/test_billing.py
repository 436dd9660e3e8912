"""Billing: the legacy spending limit is read and deleted only, the auto top-up is one per account, top-ups
charge the card and credit the balance, usage drains it (and triggers the auto top-up)."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from tests.emulator.conftest import ACCOUNT, Api

LIMIT, CONFIG, TOPUP = "/billing/spending-limit", "/billing/topup/config", "/billing/topup"


def _control(client: TestClient, **state: Any) -> dict[str, Any]:
    answer = client.post("/__emulator/billing", json={"account_id": ACCOUNT, **state})
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()["result"]
    return result


def test_the_spending_limit_is_never_written_but_can_be_removed(api: Api, client: TestClient) -> None:
    assert api("GET", LIMIT).json()["result"] == {
        "enabled": False,
        "config": {"amount": None, "duration": None, "strategy": None},
    }
    refused = api("POST", LIMIT, json={"amount": 5000, "duration": "monthly", "strategy": "fixed"})
    assert refused.status_code == 403 and refused.json()["result"] is None
    assert "no longer be created" in refused.json()["errors"][0]["message"]
    assert api("DELETE", LIMIT).status_code == 404

    _control(client, spending_limit={"amount": 5000, "duration": "monthly", "strategy": "fixed"})
    assert api("GET", LIMIT).json()["result"] == {
        "enabled": True,
        "config": {"amount": 5000, "duration": "monthly", "strategy": "fixed"},
    }
    assert (
        api("POST", LIMIT, json={"amount": 9000, "duration": "daily", "strategy": "fixed"}).status_code == 403
    )
    assert api("GET", LIMIT).json()["result"]["config"]["amount"] == 5000
    assert api("DELETE", LIMIT).json()["result"] == {}
    assert api("GET", LIMIT).json()["result"]["enabled"] is False


def test_the_auto_topup_is_set_whole_and_validated(api: Api) -> None:
    empty = {"amount": None, "threshold": None, "error": None, "disabledReason": None, "lastFailedAt": None}
    assert api("GET", CONFIG).json()["result"] == empty
    assert api("POST", CONFIG, json={"amount": 5000, "threshold": 1000}).json()["result"] == {
        "amount": 5000,
        "threshold": 1000,
    }
    assert api("GET", CONFIG).json()["result"] == {**empty, "amount": 5000, "threshold": 1000}
    api("POST", CONFIG, json={"amount": 7500, "threshold": 500})
    assert api("GET", CONFIG).json()["result"]["amount"] == 7500
    for body, field in (
        ({"amount": 999, "threshold": 1000}, "amount"),
        ({"amount": 5000, "threshold": 499}, "threshold"),
        ({"amount": 5000}, "threshold"),
        ({"amount": 5000, "threshold": 1000, "currency": "usd"}, "currency"),  # additionalProperties: false
    ):
        wrong = api("POST", CONFIG, json=body)
        assert wrong.status_code == 400 and wrong.json()["errors"][0]["path"] == ["body", field], body
    assert api("DELETE", CONFIG).json()["result"] == {}
    assert api("GET", CONFIG).json()["result"] == empty
    assert api("DELETE", CONFIG).status_code == 404


def test_topups_invoices_usage_and_the_automatic_topup(api: Api, client: TestClient) -> None:
    limits = api("GET", "/billing/topup/limits").json()["result"]
    assert limits == {"min_cents": 1000, "max_cents": 100_000, "currency": "USD"}
    assert api("POST", TOPUP, json={"amount": 999}).status_code == 400
    assert api("POST", TOPUP, json={"amount": 100_001}).status_code == 400
    made = api("POST", TOPUP, json={"amount": 2500}).json()["result"]
    assert made["onboarding"] is True and made["payment_intent_id"].startswith("in_")
    status = api("POST", "/billing/topup/status", json={"payment_intent_id": made["payment_intent_id"]})
    assert status.json()["result"] == {"status": "completed", "payment_intent_id": made["payment_intent_id"]}
    assert api("POST", "/billing/topup/status", json={"payment_intent_id": "in_nope"}).status_code == 404

    api("POST", CONFIG, json={"amount": 5000, "threshold": 1000})
    _control(client, usage_cents=1000)  # 2500 -> 1500: above the threshold
    assert api("GET", "/billing/credit-balance").json()["result"]["balance"] == 1500
    _control(client, usage_cents=1000)  # 1500 -> 500: below it, so 5000 more
    balance = api("GET", "/billing/credit-balance").json()["result"]
    assert balance["balance"] == 5500 and balance["first_topup_success"] is True
    assert balance["topup_config"]["amount"] == 5000
    invoices = api("GET", "/billing/invoice-history").json()["result"]["invoices"]
    assert sorted(i["invoice_origin"] for i in invoices) == ["auto", "manual"]
    auto = api("GET", "/billing/invoice-history", params={"type": "auto"}).json()["result"]["invoices"]
    assert [i["amount_paid"] for i in auto] == [5000]
    assert api("GET", "/billing/invoice-history", params={"type": "weekly"}).status_code == 400
    hours = api("GET", "/billing/usage-history", params={"value_grouping_window": "hour"}).json()["result"]
    assert sum(h["aggregated_value"] for h in hours["history"]) == 2000
    assert all(h["end_time"] - h["start_time"] == 3_600_000 for h in hours["history"])
    later = api("GET", "/billing/usage-history", params={"start_time": 4_102_444_800_000}).json()["result"]
    assert later == {"history": []}
    preview = api("GET", "/billing/invoice-preview").json()["result"]
    assert preview["amount_due"] == 2000 and preview["status"] == "draft"

    # A declined card: a top-up is refused with 402, and the automatic one records why it failed.
    _control(client, declined=True)
    assert api("POST", TOPUP, json={"amount": 1000}).status_code == 402
    _control(client, usage_cents=5000)  # 5500 -> 500
    config = api("GET", CONFIG).json()["result"]
    assert config["error"] == "card_declined" and config["lastFailedAt"] is not None
    assert api("GET", "/billing/credit-balance").json()["result"]["balance"] == 500


def test_the_control_api_refuses_what_it_does_not_know(client: TestClient) -> None:
    wrong = client.post("/__emulator/billing", json={"account_id": ACCOUNT, "spending_limit": {"amount": 5}})
    assert wrong.status_code == 400
    unknown = client.post("/__emulator/billing", json={"account_id": ACCOUNT, "credit": 5})
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["path"] == ["body", "credit"]
