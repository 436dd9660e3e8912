"""The account's legacy spending limit, under the program.

Cloudflare no longer creates or changes account spending limits; an account that has one declares the values it
has and adopts it (nothing is written). `pulumi refresh` shows when it was removed outside the program, and
`pulumi destroy` removes it. Caps on new spend are a gateway's `spend_limits`.
"""

import pulumi

import pulumi_ai_gateway as aig

config = pulumi.Config()
limit = aig.SpendingLimit(
    "legacy-limit",
    amount=config.get_int("amount") or 5000,
    duration="monthly",
    strategy="fixed",
    adopt_existing=True,
)
pulumi.export("spending_limit_enabled", limit.enabled)
