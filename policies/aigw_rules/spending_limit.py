"""Rules over what caps an account's spend: its legacy ``SpendingLimit``, or its gateways' ``spend_limits``."""

from __future__ import annotations

from collections.abc import Iterable

from pulumi_policy import EnforcementLevel, ReportViolation, StackValidationArgs, StackValidationPolicy

from aigw_rules._base import TYPES, view
from pulumi_ai_gateway.gateway import GatewayInputs
from pulumi_ai_gateway.spending_limit import SpendingLimitInputs

__all__ = ["MONTH_S", "POLICIES", "limited_accounts", "uncapped_gateways"]

MONTH_S = 31 * 86_400
"""The longest month, in seconds: a spend-limit rule whose window is no longer caps every month."""


def limited_accounts(args: StackValidationArgs) -> set[str | None]:
    """The accounts (None: the configured one) whose legacy spending limit the stack manages."""
    return {
        view(SpendingLimitInputs, r.props).account_id
        for r in args.resources
        if r.resource_type == TYPES["SpendingLimit"]
    }


def uncapped_gateways(args: StackValidationArgs) -> Iterable[tuple[str, GatewayInputs]]:
    """The stack's gateways whose spend nothing caps within a month: no enabled spend-limit rule with a window
    of a month or less, in an account without a spending limit in the stack."""
    limited = limited_accounts(args)
    for resource in args.resources:
        if resource.resource_type != TYPES["Gateway"]:
            continue
        gateway = view(GatewayInputs, resource.props)
        if gateway.account_id in limited:
            continue
        limits = gateway.spend_limits
        rules = limits.rules if limits is not None and limits.enabled else []
        if not any(rule.enabled and rule.window <= MONTH_S for rule in rules):
            yield resource.name, gateway


def spending_limit_set(args: StackValidationArgs, report: ReportViolation) -> None:
    """Every gateway's spend is capped: by the account's spending limit, or by its own spend limits."""
    for name, gateway in uncapped_gateways(args):
        report(
            f"Gateway '{name}' ({gateway.gateway_id}): nothing caps its spend; give it spend_limits (enabled, "
            f"with an enabled rule whose window is at most {MONTH_S} s), or manage the account's spending "
            "limit in this stack (new ones cannot be created: Cloudflare deprecated them for gateway spend "
            "limits)",
            None,
        )


POLICIES = [
    StackValidationPolicy(
        name="spending-limit-set",
        description="The spend of every gateway is capped (gateway spend limits, or the account's limit).",
        validate=spending_limit_set,
        # Advisory: most stacks predate spend limits, and Cloudflare has no account-wide limit to add any more.
        enforcement_level=EnforcementLevel.ADVISORY,
    ),
]
