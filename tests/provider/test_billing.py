"""The billing objects' providers and lookups, against the emulator: what no other object does (a legacy
spending limit is adopted only, never written; one object per account) and the lookups' typed results."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_ai_gateway import TopupResult, functions
from pulumi_ai_gateway._control import NAME_KEY
from pulumi_ai_gateway.errors import ApiError, NoLongerSupported
from pulumi_ai_gateway.spending_limit import SpendingLimitProvider
from pulumi_ai_gateway.topup_config import TopupConfigProvider
from tests.conftest import EMULATOR_ACCOUNT
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import LEGACY_LIMIT, Parent

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _writes(emulator: EmulatorServer) -> list[str]:
    return [e["path"] for e in emulator.requests_made() if e["method"] in WRITES and "/billing/" in e["path"]]


def _reasons(provider: Any, olds: dict[str, Any], news: dict[str, Any]) -> dict[str, str]:
    return {f.property: f.reason for f in provider.check(olds, news).failures or []}


def test_a_spending_limit_is_only_adopted(parent: Parent) -> None:
    provider = SpendingLimitProvider()
    # Cloudflare creates none any more: without adoption, preview says so next to the field.
    refused = _reasons(provider, {}, dict(LEGACY_LIMIT))
    assert list(refused) == ["adopt_existing"] and "always answers 403" in refused["adopt_existing"]
    adopting = {**LEGACY_LIMIT, "adopt_existing": True}
    assert _reasons(provider, {}, adopting) == {}
    # Nor changes one: a new value fails at check, naming the value it keeps.
    changed = _reasons(provider, adopting, {**adopting, "amount": 9000, "strategy": "sliding"})
    assert sorted(changed) == ["amount", "strategy"]
    assert "the limit's amount stays 5000" in changed["amount"]


def test_a_spending_limit_the_account_lacks_or_that_differs_is_not_written(
    parent: Parent, emulator: EmulatorServer
) -> None:
    provider = SpendingLimitProvider()
    adopting = {**LEGACY_LIMIT, "adopt_existing": True}
    emulator.control("DELETE", "/requests")
    with pytest.raises(NoLongerSupported, match=r"amount: 5000.*declare the values it has"):
        provider.create({**adopting, "amount": 6000})
    provider.delete("spending-limit", adopting)
    with pytest.raises(NoLongerSupported, match="has none to take over"):
        provider.create(adopting)
    assert _writes(emulator) == [
        f"/accounts/{EMULATOR_ACCOUNT}/ai-gateway/billing/spending-limit"
    ]  # the delete


@pytest.mark.parametrize("provider", [SpendingLimitProvider(), TopupConfigProvider()], ids=["limit", "topup"])
def test_one_per_account_in_a_program(provider: Any, parent: Parent) -> None:
    news = {
        "amount": 5000,
        "threshold": 1000,
        "duration": "monthly",
        "strategy": "fixed",
        "adopt_existing": True,
    }
    news = {k: v for k, v in news.items() if k in provider.inputs_model.model_fields}
    assert provider.check({}, {**news, NAME_KEY: "one"}).failures == []
    [twice] = provider.check({}, {**news, NAME_KEY: "two"}).failures
    assert twice.property == "account_id" and "declared by two resources of this program" in twice.reason


def test_the_billing_lookups_and_topups(parent: Parent, emulator: EmulatorServer) -> None:
    made = functions.topup(2500)
    assert isinstance(made, TopupResult) and made.last4 == "4242"
    assert functions.topup_status(made.payment_intent_id) == {
        "payment_intent_id": made.payment_intent_id,
        "status": "completed",
    }
    balance = functions.get_credit_balance()
    assert balance.balance == 2500 and balance.topup_config.threshold is None
    assert balance.payment_method is not None and balance.payment_method.brand == "visa"
    history = functions.get_invoice_history("manual")
    assert [(i.id, i.amount_paid, i.invoice_origin) for i in history.invoices] == [
        (made.payment_intent_id, 2500, "manual")
    ]
    assert functions.get_invoice_history("auto").invoices == []
    assert functions.get_topup_limits().min_cents == 1000
    emulator.control("POST", "/billing", json={"account_id": EMULATOR_ACCOUNT, "usage_cents": 700})
    assert [u.aggregated_value for u in functions.get_usage_history("hour").history] == [700]
    preview = functions.get_invoice_preview()
    assert (
        preview.amount_due == 700
        and preview.invoice_lines[0].period.end > preview.invoice_lines[0].period.start
    )
    # Money refused: an API error naming the top-up, never a traceback from reading the answer.
    emulator.control("POST", "/billing", json={"account_id": EMULATOR_ACCOUNT, "declined": True})
    with pytest.raises(ApiError, match="a top-up: create failed: HTTP 402"):
        functions.topup(1000)
