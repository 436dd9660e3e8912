"""The account's legacy spending limit (adopted), its auto top-up, and every billing lookup in its ``_output``
form, exported whole."""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
limit = aig.SpendingLimit(
    "legacy-limit",
    amount=config.get_int("limitAmount") or 5000,
    duration="monthly",
    strategy="fixed",
    adopt_existing=True,
)
topup = aig.TopupConfig("topup", amount=config.get_int("topupAmount") or 5000, threshold=1000)
# Read once the top-up is set: the balance reports it.
account = topup.account_id
pulumi.export("limit_enabled", limit.enabled)
pulumi.export("balance", aig.get_credit_balance_output(account_id=account))
pulumi.export(
    "threshold", aig.get_credit_balance_output(account_id=account).apply(lambda b: b.topup_config.threshold)
)
pulumi.export("invoices", aig.get_invoice_history_output("manual", account_id=account))
pulumi.export(
    "invoice_ids",
    aig.get_invoice_history_output(account_id=account).apply(lambda h: [i.id for i in h.invoices]),
)
pulumi.export("preview", aig.get_invoice_preview_output(account_id=account))
pulumi.export("usage", aig.get_usage_history_output("hour", account_id=account))
pulumi.export("limits", aig.get_topup_limits_output(account_id=account))
