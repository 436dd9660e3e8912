"""The account's auto top-up: when the credit balance falls below $10, charge the card $50.

The credit balance, as billing sees it, is exported from the lookup (read after the top-up is set).
"""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
topup = aig.TopupConfig(
    "auto-topup",
    amount=config.get_int("amountCents") or 5000,
    threshold=1000,
)
balance = aig.get_credit_balance_output(account_id=topup.account_id)
pulumi.export("topup_amount_cents", topup.amount)
pulumi.export("credit_balance_cents", balance.apply(lambda b: b.balance))
pulumi.export("auto_topup_threshold", balance.apply(lambda b: b.topup_config.threshold))
