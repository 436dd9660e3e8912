"""What a request through the gateway costs, as its log records it.

In order: the request's ``cf-aig-custom-cost`` header (``{"per_token_in": x, "per_token_out": y}`` or
``{"total_cost": z}``; the log says ``custom_cost: true``); the account's custom-provider costs, for a
provider named ``custom-<slug>`` (or by the custom provider's slug on a route), the first enabled cost whose
``model_rule`` matches the model, with ``cost_in`` / ``cost_out`` per token; else the stub's list price, the
same for every model (``LIST_PRICE``, dollars per token). A failed call costs nothing.
"""

from __future__ import annotations

import json
from typing import Any

from aigw_emulator.common import Context
from aigw_emulator.dataplane.upstream import Outcome

__all__ = ["LIST_PRICE", "price"]

LIST_PRICE = (0.000001, 0.000002)
"""Dollars per input and per output token: the stub's invented price, so costs are non-zero and exact."""


def _rule_matches(rule: str, wanted: str, model: str) -> bool:
    if rule == "starts-with":
        return model.startswith(wanted)
    if rule == "contains":
        return wanted in model
    return model == wanted


def _custom_provider_prices(ctx: Context, provider: str, model: str) -> tuple[float, float] | None:
    slug = provider.removeprefix("custom-")
    found = next((p for p in ctx.store.list("custom_provider", ctx.account, "") if p["slug"] == slug), None)
    if found is None:
        return None
    for cost in ctx.store.list("custom_provider_cost", ctx.account, ""):
        if (
            cost["account_provider_id"] == found["id"]
            and cost.get("enable", True)
            and _rule_matches(cost.get("model_rule", "equals"), cost["model"], model)
        ):
            return float(cost.get("cost_in") or 0), float(cost.get("cost_out") or 0)
    return None


def _header_prices(headers: Any) -> tuple[float, float] | float | None:
    raw = headers.get("cf-aig-custom-cost")
    if raw is None:
        return None
    try:
        given = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(given, dict):
        return None
    if isinstance(given.get("total_cost"), int | float):
        return float(given["total_cost"])
    return float(given.get("per_token_in") or 0), float(given.get("per_token_out") or 0)


def price(ctx: Context, headers: Any, provider: str, model: str, outcome: Outcome) -> tuple[float, bool]:
    """The cost of ``outcome`` and whether the request set it (``custom_cost``)."""
    if not outcome.ok:
        return 0.0, False
    custom = _header_prices(headers)
    if isinstance(custom, float):
        return custom, True
    prices = custom or _custom_provider_prices(ctx, provider, model) or LIST_PRICE
    return round(outcome.tokens_in * prices[0] + outcome.tokens_out * prices[1], 10), custom is not None
