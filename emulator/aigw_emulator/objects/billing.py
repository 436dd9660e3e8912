"""Billing (``/billing/...``): the account's credit, top-ups, auto top-up, the legacy spending limit, invoices
and usage. Amounts are in cents throughout, as the description's bodies say.

What the description fixes, and the emulator follows:

- ``POST /billing/spending-limit`` is deprecated and always answers 403: a spending limit can no longer be
  created or changed, only read and deleted. An account that still has one (made before the deprecation) is
  seeded through the control API (``POST /__emulator/billing``).
- Bodies take no field they do not describe (``additionalProperties: false``).
- Every answer, errors included, is the full envelope; an error's ``result`` is null.

The emulator's own choices (Cloudflare is silent): a top-up is paid at once from the account's card (402 when
the control API declined the card), credits the balance and is ``completed``; usage (recorded through the
control API) is taken from the balance, and when the balance falls below an auto top-up's ``threshold``, a
top-up of its ``amount`` follows (or, with a declined card, the configuration records the error).
"""

from __future__ import annotations

import calendar
import time
import uuid
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from aigw_emulator.common import Body, Context, envelope, parse_body, query_str
from aigw_emulator.errors import INVALID, NOT_FOUND, ApiError

__all__ = ["BillingState", "SpendingLimitBody", "TopupBody", "TopupConfigBody", "TopupStatusBody", "routes"]

ACCOUNT, SPENDING_LIMIT, TOPUP_CONFIG, INVOICE, USAGE = (
    "billing_account",
    "spending_limit",
    "topup_config",
    "invoice",
    "usage",
)
MIN_TOPUP, MAX_TOPUP = 1000, 100_000
_FORBIDDEN = 10403  # the code a deprecated write answers with (the emulator's choice)


class _Closed(Body):
    model_config = ConfigDict(strict=True, extra="forbid")


class SpendingLimitBody(_Closed):
    amount: Annotated[int, Field(ge=100)]
    duration: Literal["daily", "weekly", "monthly"]
    strategy: Literal["fixed", "sliding"]


class TopupConfigBody(_Closed):
    amount: Annotated[int, Field(ge=MIN_TOPUP, le=MAX_TOPUP)]
    threshold: Annotated[int, Field(ge=500)]


class TopupBody(_Closed):
    amount: Annotated[int, Field(ge=MIN_TOPUP, le=MAX_TOPUP)]


class TopupStatusBody(_Closed):
    payment_intent_id: Annotated[str, Field(min_length=1)]


class PaymentMethod(Body):
    brand: str
    last4: str


class BillingState(Body):
    """What the control API sets (every field optional: the others stay)."""

    model_config = ConfigDict(strict=False, extra="forbid")

    account_id: str
    spending_limit: SpendingLimitBody | None = None
    """A limit made before the deprecation; ``null`` removes it."""
    payment_method: PaymentMethod | None = None
    declined: bool | None = None
    """Whether the card declines the next charges."""
    usage_cents: Annotated[int, Field(ge=0)] | None = None
    """Usage to record now: taken from the balance (an auto top-up may follow)."""


def _error(status: int, code: int, message: str) -> ApiError:
    return ApiError(status, code, message, result=None)


def _account(ctx: Context) -> dict[str, Any]:
    found = ctx.store.get(ACCOUNT, ctx.account, "", "account")
    return found or {
        "balance": 0,
        "first_topup_success": False,
        "payment_method": {"brand": "visa", "last4": "4242"},
        "declined": False,
    }


def _config_answer(ctx: Context) -> dict[str, Any]:
    config = ctx.store.get(TOPUP_CONFIG, ctx.account, "", "config") or {}
    keys = ("amount", "threshold", "error", "disabledReason", "lastFailedAt")
    return {key: config.get(key) for key in keys}


def _charge(ctx: Context, amount: int, origin: str) -> dict[str, Any] | None:
    """Charge the account's card ``amount`` and credit the balance; None when the card declines."""
    account = _account(ctx)
    if account["declined"] or account["payment_method"] is None:
        return None
    invoice_id = f"in_{uuid.uuid4().hex[:24]}"
    invoice: dict[str, Any] = {
        "id": invoice_id,
        "amount_due": amount,
        "amount_paid": amount,
        "amount_remaining": 0,
        "attempt_count": 1,
        "attempted": True,
        "auto_advance": False,
        "created": int(time.time()),
        "created_by": "auto_topup" if origin == "auto" else "user",
        "currency": "usd",
        "description": "AI Gateway credits",
        "invoice_origin": origin,
        "invoice_pdf": None,
        "status": "paid",
    }
    ctx.store.put(INVOICE, ctx.account, "", invoice_id, invoice)
    account.update(balance=account["balance"] + amount, first_topup_success=True)
    ctx.store.put(ACCOUNT, ctx.account, "", "account", account)
    return invoice


def _record_usage(ctx: Context, cents: int) -> None:
    account = _account(ctx)
    account["balance"] -= cents
    ctx.store.put(ACCOUNT, ctx.account, "", "account", account)
    at = int(time.time() * 1000)
    ctx.store.put(USAGE, ctx.account, "", uuid.uuid4().hex, {"at": at, "cents": cents})
    config = ctx.store.get(TOPUP_CONFIG, ctx.account, "", "config")
    if config is None or account["balance"] >= config["threshold"]:
        return
    if _charge(ctx, config["amount"], "auto") is None:
        config.update(error="card_declined", disabledReason="payment_failed", lastFailedAt=at)
    else:
        config.update(error=None, disabledReason=None, lastFailedAt=None)
    ctx.store.put(TOPUP_CONFIG, ctx.account, "", "config", config)


# Spending limit (legacy) ----------------------------------------------------------------------------------


async def get_spending_limit(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    found = ctx.store.get(SPENDING_LIMIT, ctx.account, "", "limit")
    config = {key: (found or {}).get(key) for key in ("amount", "duration", "strategy")}
    return envelope({"enabled": found is not None, "config": config})


async def set_spending_limit(request: Request) -> JSONResponse:
    raise _error(
        403,
        _FORBIDDEN,
        "Spending limits can no longer be created, enabled or modified; use the AI Gateway spend limits "
        "of a gateway instead. An existing limit can be removed with DELETE /spending-limit.",
    )


async def delete_spending_limit(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    if not ctx.store.delete(SPENDING_LIMIT, ctx.account, "", "limit"):
        raise _error(404, NOT_FOUND, "Not Found: the account has no spending limit")
    return envelope({})


# Auto top-up -----------------------------------------------------------------------------------------------


async def get_topup_config(request: Request) -> JSONResponse:
    return envelope(_config_answer(Context.of(request)))


async def set_topup_config(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    body = await parse_body(request, TopupConfigBody)
    config = {**body.model_dump(), "error": None, "disabledReason": None, "lastFailedAt": None}
    ctx.store.put(TOPUP_CONFIG, ctx.account, "", "config", config)
    return envelope(body.model_dump())


async def delete_topup_config(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    if not ctx.store.delete(TOPUP_CONFIG, ctx.account, "", "config"):
        raise _error(404, NOT_FOUND, "Not Found: the account has no auto top-up configuration")
    return envelope({})


# Top-ups ---------------------------------------------------------------------------------------------------


async def create_topup(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    body = await parse_body(request, TopupBody)
    with ctx.store.transaction():
        invoice = _charge(ctx, body.amount, "manual")
    if invoice is None:
        raise _error(402, 402, "Payment required: the payment method was declined")
    card = _account(ctx)["payment_method"]
    return envelope({"onboarding": True, "payment_intent_id": invoice["id"], "client_secret": None, **card})


async def topup_status(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    body = await parse_body(request, TopupStatusBody)
    if ctx.store.get(INVOICE, ctx.account, "", body.payment_intent_id) is None:
        raise _error(404, NOT_FOUND, f"Not Found: top-up {body.payment_intent_id}")
    return envelope({"status": "completed", "payment_intent_id": body.payment_intent_id})


async def topup_limits(request: Request) -> JSONResponse:
    return envelope({"min_cents": MIN_TOPUP, "max_cents": MAX_TOPUP, "currency": "USD"})


# Balance, invoices, usage ----------------------------------------------------------------------------------


async def credit_balance(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    account = _account(ctx)
    return envelope(
        {
            "balance": account["balance"],
            "first_topup_success": account["first_topup_success"],
            "has_default_payment_method": account["payment_method"] is not None,
            "payment_method": account["payment_method"],
            "topup_config": _config_answer(ctx),
        }
    )


def _choice(request: Request, name: str, allowed: tuple[str, ...], default: str | None) -> str | None:
    value = query_str(request, name) or default
    if value is not None and value not in allowed:
        raise _error(400, INVALID, f"Invalid query parameter {name}: one of {', '.join(allowed)}")
    return value


async def invoice_history(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    kind = _choice(request, "type", ("auto", "all", "manual"), "all")
    invoices = [i for i in ctx.store.list(INVOICE, ctx.account, "") if kind in ("all", i["invoice_origin"])]
    invoices.sort(key=lambda invoice: invoice["created"], reverse=True)
    pagination = {
        "has_more": False,
        "page": 1,
        "per_page": max(len(invoices), 1),
        "total_count": len(invoices),
    }
    return envelope({"invoices": invoices, "pagination": pagination})


def _month() -> tuple[int, int]:
    """The current calendar month (UTC) in unix seconds."""
    now = time.gmtime()
    year, month = (now.tm_year + 1, 1) if now.tm_mon == 12 else (now.tm_year, now.tm_mon + 1)
    return calendar.timegm((now.tm_year, now.tm_mon, 1, 0, 0, 0)), calendar.timegm((year, month, 1, 0, 0, 0))


async def invoice_preview(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    start, end = _month()
    used = [u for u in ctx.store.list(USAGE, ctx.account, "") if start * 1000 <= u["at"] < end * 1000]
    amount = sum(u["cents"] for u in used)
    line = {
        "amount": amount,
        "currency": "usd",
        "description": "AI Gateway usage",
        "period": {"start": start, "end": end},
        "pretax_credit_amounts": [],
        "pricing": {"unit_amount_decimal": "1"},
        "quantity": amount,
    }
    return envelope(
        {
            "id": "upcoming",
            "amount_due": amount,
            "amount_paid": 0,
            "amount_remaining": amount,
            "currency": "usd",
            "period_start": start,
            "period_end": end,
            "status": "draft",
            "invoice_lines": [line] if used else [],
        }
    )


def _query_ms(request: Request, name: str) -> int | None:
    raw = query_str(request, name)
    if raw is None:
        return None
    try:
        return int(float(raw))
    except ValueError:
        raise _error(400, INVALID, f"Invalid query parameter {name}: expected a number") from None


async def usage_history(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    window = _choice(request, "value_grouping_window", ("day", "hour"), "day")
    size = 86_400_000 if window == "day" else 3_600_000
    start, end = _query_ms(request, "start_time"), _query_ms(request, "end_time")
    buckets: dict[int, int] = {}
    for used in ctx.store.list(USAGE, ctx.account, ""):
        if (start is None or used["at"] >= start) and (end is None or used["at"] < end):
            bucket = used["at"] - used["at"] % size
            buckets[bucket] = buckets.get(bucket, 0) + used["cents"]
    history = [
        {"id": f"{window}-{at}", "aggregated_value": value, "start_time": at, "end_time": at + size}
        for at, value in sorted(buckets.items())
    ]
    return envelope({"history": history})


# Control ---------------------------------------------------------------------------------------------------


def apply_state(ctx: Context, state: BillingState) -> dict[str, Any]:
    """Set what only Cloudflare (or the past) decides: a legacy spending limit, the card, usage."""
    given = state.model_fields_set
    with ctx.store.transaction():
        if "spending_limit" in given:
            if state.spending_limit is None:
                ctx.store.delete(SPENDING_LIMIT, ctx.account, "", "limit")
            else:
                ctx.store.put(SPENDING_LIMIT, ctx.account, "", "limit", state.spending_limit.model_dump())
        if given & {"payment_method", "declined"}:
            account = _account(ctx)
            if "payment_method" in given:
                account["payment_method"] = state.payment_method and state.payment_method.model_dump()
            if state.declined is not None:
                account["declined"] = state.declined
            ctx.store.put(ACCOUNT, ctx.account, "", "account", account)
        if state.usage_cents:
            _record_usage(ctx, state.usage_cents)
    return {**_account(ctx), "topup_config": _config_answer(ctx)}


routes = [
    Route("/billing/credit-balance", credit_balance, methods=["GET"]),
    Route("/billing/invoice-history", invoice_history, methods=["GET"]),
    Route("/billing/invoice-preview", invoice_preview, methods=["GET"]),
    Route("/billing/usage-history", usage_history, methods=["GET"]),
    Route("/billing/spending-limit", get_spending_limit, methods=["GET"]),
    Route("/billing/spending-limit", set_spending_limit, methods=["POST"]),
    Route("/billing/spending-limit", delete_spending_limit, methods=["DELETE"]),
    Route("/billing/topup", create_topup, methods=["POST"]),
    Route("/billing/topup/config", get_topup_config, methods=["GET"]),
    Route("/billing/topup/config", set_topup_config, methods=["POST"]),
    Route("/billing/topup/config", delete_topup_config, methods=["DELETE"]),
    Route("/billing/topup/limits", topup_limits, methods=["GET"]),
    Route("/billing/topup/status", topup_status, methods=["POST"]),
]
