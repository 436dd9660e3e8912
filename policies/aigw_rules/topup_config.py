"""Rules over the account's auto top-up, which charges the card again each time the balance runs low."""

from __future__ import annotations

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from aigw_rules._base import TYPES, integer, view
from aigw_rules.spending_limit import MONTH_S, limited_accounts, uncapped_gateways
from pulumi_ai_gateway.topup_config import TopupConfigInputs

__all__ = ["POLICIES"]

_PARAMS = {"maxAmountCents": integer(10_000, "The most one top-up may charge, in cents.", minimum=1000)}


def topup_bounded(args: StackValidationArgs, report: ReportViolation) -> None:
    """An auto top-up charges at most ``maxAmountCents`` at a time, and a monthly cap bounds how often: the
    account's spending limit, or spend limits on every gateway of the stack (and the stack has some)."""
    config = {key: schema["default"] for key, schema in _PARAMS.items()} | {
        k: v for k, v in args.get_config().items() if k in _PARAMS
    }
    limited = limited_accounts(args)
    uncapped = [name for name, _ in uncapped_gateways(args)]
    gateways = [r for r in args.resources if r.resource_type == TYPES["Gateway"]]
    for resource in args.resources:
        if resource.resource_type != TYPES["TopupConfig"]:
            continue
        topup = view(TopupConfigInputs, resource.props)
        where = f"TopupConfig '{resource.name}'"
        if topup.amount is not None and topup.amount > config["maxAmountCents"]:
            report(
                f"{where}: field amount is {topup.amount} cents, above the {config['maxAmountCents']} a top-up "
                "may charge",
                None,
            )
        if topup.account_id in limited:
            continue
        if not gateways or uncapped:
            which = f" (uncapped: {', '.join(sorted(uncapped))})" if uncapped else ""
            report(
                f"{where}: auto top-up without a monthly cap{which}; give every gateway of the stack spend_limits "
                f"with an enabled rule whose window is at most {MONTH_S} s, or manage the account's spending "
                "limit in this stack",
                None,
            )


POLICIES = [
    StackValidationPolicy(
        name="topup-bounded",
        description="Auto top-up charges a bounded amount, under a monthly cap on spend.",
        validate=topup_bounded,
        enforcement_level=EnforcementLevel.MANDATORY,
        config_schema=PolicyConfigSchema(properties=_PARAMS),
    ),
]
