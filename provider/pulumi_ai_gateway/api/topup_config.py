"""The account's auto top-up: models and API calls (``/billing/topup/config``), account level.

When the account's credit balance falls below ``threshold``, Cloudflare charges the account's card ``amount``
(both in cents). The API holds at most one per account; POST sets it whole (create and update alike) and GET
answers null settings when there is none. It records why auto top-up last failed (``error``,
``disabledReason``, ``lastFailedAt``).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from pulumi_ai_gateway._http import SingletonApi
from pulumi_ai_gateway._models import Answer, RequestModel, read_answer
from pulumi_ai_gateway.errors import NotFoundError

__all__ = ["TOPUP_CONFIG_ID", "TopupConfigApi", "TopupConfigBody", "TopupConfigInfo"]

TOPUP_CONFIG_ID = "topup-config"
"""The id of the account's one configuration (the API gives it none)."""
_PATH = "/billing/topup/config"
_WHAT = "the account's auto top-up"


class TopupConfigBody(RequestModel):
    """Auto top-up settings: the body of a POST (create and update)."""

    amount: int = Field(ge=1000, description="What each top-up charges, in cents (at least 1000).")
    threshold: int = Field(
        ge=500, description="The credit balance, in cents, below which a top-up is charged (at least 500)."
    )


class TopupConfigInfo(TopupConfigBody, Answer):
    """The auto top-up as the API answers it: its settings, and why it last failed (if it did)."""

    error: str | None = Field(default=None, description="Why the last automatic top-up failed.")
    disabled_reason: str | None = Field(
        default=None, alias="disabledReason", description="Why automatic top-ups are disabled, if they are."
    )
    last_failed_at: float | None = Field(
        default=None, alias="lastFailedAt", description="When the last automatic top-up failed (epoch ms)."
    )


class TopupConfigApi(SingletonApi):
    """``/billing/topup/config`` of one account."""

    def get(self) -> TopupConfigInfo:
        """The account's auto top-up; NotFoundError when it has none."""
        answer: Any = self._client.call("GET", _PATH, what=_WHAT, operation="read")
        if not isinstance(answer, dict) or answer.get("amount") is None:
            raise NotFoundError(_WHAT, "read", 404, None, "the account has no auto top-up configuration")
        return read_answer(TopupConfigInfo, answer)

    def set(self, body: TopupConfigBody) -> TopupConfigInfo:
        """Set the auto top-up whole (there is one per account): sending it twice sets it once, so it is repeated
        after a lost answer like an update. The answer holds the settings only."""
        answer = self._client.call(
            "POST", _PATH, what=_WHAT, operation="set", json=body.body(), idempotent=True
        )
        return read_answer(TopupConfigInfo, answer)

    def delete(self) -> None:
        self._client.call("DELETE", _PATH, what=_WHAT, operation="delete")
