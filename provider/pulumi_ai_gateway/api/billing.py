"""The account's billing that is read, not managed: credit balance, invoices, usage, top-up limits; and one-off
top-ups (``/billing/...``). Amounts are in cents. The two billing objects a program manages have modules of
their own: ``spending_limit`` and ``topup_config``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import RequestModel, ResponseModel, read_answer

__all__ = [
    "BillingApi",
    "CreditBalanceInfo",
    "InvoiceHistoryInfo",
    "InvoiceInfo",
    "InvoiceKind",
    "InvoicePreviewInfo",
    "TopupBody",
    "TopupInfo",
    "TopupLimitsInfo",
    "TopupStatusBody",
    "TopupStatusInfo",
    "UsageHistoryInfo",
    "UsageWindow",
]

InvoiceKind = Literal["all", "auto", "manual"]
"""Which invoices: those of automatic top-ups, of manual ones, or all."""
UsageWindow = Literal["day", "hour"]
"""How usage is grouped."""


class PaymentMethodInfo(ResponseModel):
    """The card top-ups are charged to."""

    brand: str | None = Field(default=None, description="Card brand (visa, mastercard, ...).")
    last4: str | None = Field(default=None, description="The card's last four digits.")


class TopupStateInfo(ResponseModel):
    """The auto top-up as the balance reports it (null settings: none is configured)."""

    amount: float | None = Field(default=None, description="What each automatic top-up charges, in cents.")
    threshold: float | None = Field(default=None, description="The balance, in cents, that triggers one.")
    error: str | None = Field(default=None, description="Why the last automatic top-up failed.")
    disabled_reason: str | None = Field(
        default=None, alias="disabledReason", description="Why automatic top-ups are disabled."
    )
    last_failed_at: float | None = Field(
        default=None, alias="lastFailedAt", description="When the last one failed (epoch ms)."
    )


class CreditBalanceInfo(ResponseModel):
    """The account's AI Gateway credit, its card and its auto top-up."""

    balance: float = Field(description="The credit balance, in cents.")
    first_topup_success: bool | None = Field(default=None, description="Whether a top-up has succeeded.")
    has_default_payment_method: bool = Field(description="Whether the account has a card to charge.")
    payment_method: PaymentMethodInfo | None = Field(default=None, description="The card top-ups charge.")
    topup_config: TopupStateInfo = Field(description="The auto top-up (null settings when there is none).")


class _Amounts(ResponseModel):
    """What an invoice, past or upcoming, charges."""

    amount_due: float = Field(description="Amount due, in cents.")
    amount_paid: float = Field(description="Amount paid, in cents.")
    amount_remaining: float = Field(description="Amount still due, in cents.")
    currency: str = Field(description="ISO 4217 currency code.")


class InvoiceInfo(_Amounts):
    """One invoice of the account (a top-up's, manual or automatic)."""

    id: str | None = Field(default=None, description="The invoice id (a top-up's ``payment_intent_id``).")
    status: str | None = Field(default=None, description="``draft``, ``open``, ``paid``, ``void``, ...")
    created: float | None = Field(default=None, description="When it was created (epoch seconds).")
    created_by: str | None = Field(default=None, description="Who or what created it.")
    invoice_origin: str | None = Field(default=None, description="``auto`` or ``manual`` top-up.")
    description: str | None = Field(default=None, description="What the invoice is for.")
    invoice_pdf: str | None = Field(default=None, description="Where its PDF is.")
    attempted: bool | None = Field(default=None, description="Whether payment was attempted.")
    attempt_count: float | None = Field(default=None, description="How many payment attempts were made.")
    auto_advance: bool | None = Field(default=None, description="Whether it finalises automatically.")


class PaginationInfo(ResponseModel):
    """Which page of the list this is."""

    has_more: bool = Field(description="Whether more pages follow.")
    page: float = Field(description="This page's number.")
    per_page: float = Field(description="Items per page.")
    total_count: float = Field(description="Items in every page.")


class InvoiceHistoryInfo(ResponseModel):
    """Past invoices, newest first."""

    invoices: list[InvoiceInfo] = Field(description="The invoices.")
    pagination: PaginationInfo = Field(description="Which page of them this is.")


class PeriodInfo(ResponseModel):
    """A billing period."""

    start: float = Field(description="Start (epoch seconds).")
    end: float = Field(description="End (epoch seconds).")


class CreditAmountInfo(ResponseModel):
    """Credit applied to an invoice line before tax."""

    amount: float = Field(description="The credit, in cents.")
    type: str = Field(description="What kind of credit.")
    credit_balance_transaction: str | None = Field(default=None, description="The credit transaction's id.")
    discount: str | None = Field(default=None, description="The discount's id.")


class PricingInfo(ResponseModel):
    """How a line is priced."""

    unit_amount_decimal: str | None = Field(default=None, description="The price of one unit, in cents.")


class InvoiceLineInfo(ResponseModel):
    """One line of an invoice."""

    description: str | None = Field(default=None, description="What the line charges for.")
    amount: float = Field(description="Its amount, in cents.")
    currency: str = Field(description="ISO 4217 currency code.")
    quantity: float = Field(description="How many units.")
    period: PeriodInfo = Field(description="The period it covers.")
    pricing: PricingInfo | None = Field(default=None, description="How it is priced.")
    pretax_credit_amounts: list[CreditAmountInfo] = Field(
        default=[], description="Credits applied before tax."
    )


class InvoicePreviewInfo(_Amounts):
    """The upcoming invoice."""

    id: str = Field(description="The invoice id.")
    period_start: float = Field(description="Start of the period (epoch seconds).")
    period_end: float = Field(description="End of the period (epoch seconds).")
    status: str = Field(description="``draft``, ``open``, ``paid``, ``uncollectible`` or ``void``.")
    invoice_lines: list[InvoiceLineInfo] = Field(description="Its lines.")


class UsageInfo(ResponseModel):
    """Usage in one window."""

    id: str = Field(description="The window's id.")
    aggregated_value: float = Field(description="Usage in the window, in cents.")
    start_time: float = Field(description="Start of the window (epoch ms).")
    end_time: float = Field(description="End of the window (epoch ms).")


class UsageHistoryInfo(ResponseModel):
    """Usage per window, oldest first."""

    history: list[UsageInfo] = Field(description="One entry per window with usage.")


class TopupLimitsInfo(ResponseModel):
    """What a top-up may charge."""

    min_cents: int = Field(description="The smallest top-up, in cents.")
    max_cents: int = Field(description="The largest top-up, in cents.")
    currency: str = Field(description="ISO 4217 currency code.")


class TopupBody(RequestModel):
    """A top-up to make."""

    amount: int = Field(ge=1000, description="What to charge, in cents (at least 1000).")


class TopupStatusBody(RequestModel):
    """Which top-up's status to check."""

    payment_intent_id: str = Field(min_length=1, description="The id ``topup`` returned.")


class TopupInfo(ResponseModel):
    """A top-up as it was started."""

    payment_intent_id: str = Field(description="Its invoice id: ``topup_status`` takes it.")
    onboarding: bool = Field(description="Whether the account was already onboarded.")
    client_secret: str | None = Field(default=None, description="Stripe's client secret, when it needs one.")
    brand: str | None = Field(default=None, description="The brand of the card charged.")
    last4: str | None = Field(default=None, description="The last four digits of the card charged.")


class TopupStatusInfo(ResponseModel):
    """Where a top-up's payment stands."""

    payment_intent_id: str = Field(description="The top-up's invoice id.")
    status: str = Field(description="``pending`` or ``completed``.")


class BillingApi(ObjectApi):
    """``/billing/...`` of one account, but the spending limit and the auto top-up (objects of their own)."""

    def _get(self, path: str, what: str, params: Mapping[str, object] | None = None) -> object:
        given = {k: v for k, v in (params or {}).items() if v is not None}
        return self._client.call("GET", f"/billing/{path}", what=what, operation="read", params=given)

    def credit_balance(self) -> CreditBalanceInfo:
        return read_answer(CreditBalanceInfo, self._get("credit-balance", "the account's credit balance"))

    def invoice_history(self, kind: InvoiceKind = "all") -> InvoiceHistoryInfo:
        answer = self._get("invoice-history", "the account's invoices", {"type": kind})
        return read_answer(InvoiceHistoryInfo, answer)

    def invoice_preview(self) -> InvoicePreviewInfo:
        return read_answer(InvoicePreviewInfo, self._get("invoice-preview", "the account's upcoming invoice"))

    def usage_history(
        self,
        window: UsageWindow = "day",
        start_time_ms: int | None = None,
        end_time_ms: int | None = None,
    ) -> UsageHistoryInfo:
        params = {"value_grouping_window": window, "start_time": start_time_ms, "end_time": end_time_ms}
        return read_answer(UsageHistoryInfo, self._get("usage-history", "the account's usage", params))

    def topup_limits(self) -> TopupLimitsInfo:
        return read_answer(TopupLimitsInfo, self._get("topup/limits", "the account's top-up limits"))

    def topup(self, amount_cents: int) -> TopupInfo:
        """Charge the account's card ``amount_cents`` and credit the balance: spends money, once per call."""
        body = TopupBody(amount=amount_cents).body()
        answer = self._client.call("POST", "/billing/topup", what="a top-up", operation="create", json=body)
        return read_answer(TopupInfo, answer)

    def topup_status(self, payment_intent_id: str) -> TopupStatusInfo:
        answer = self._client.call(
            "POST",
            "/billing/topup/status",
            what=f"top-up {payment_intent_id!r}",
            operation="read",
            json=TopupStatusBody(payment_intent_id=payment_intent_id).body(),
        )
        return read_answer(TopupStatusInfo, answer)
