"""The account's legacy spending limit: models and API calls (``/billing/spending-limit``), account level.

Cloudflare deprecated it: ``POST /billing/spending-limit`` "always responds 403", so a limit can no longer be
created or changed; an account that has one (made before) can read it and delete it. New limits are a gateway's
``spend_limits``. The API holds at most one per account and answers ``{enabled, config}``, ``enabled: false``
with null settings when there is none.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from pulumi_ai_gateway._http import SingletonApi
from pulumi_ai_gateway._models import Answer, RequestModel, read_answer
from pulumi_ai_gateway.errors import NotFoundError

__all__ = ["SPENDING_LIMIT_ID", "SpendingLimitApi", "SpendingLimitBody", "SpendingLimitInfo"]

SPENDING_LIMIT_ID = "spending-limit"
"""The id of the account's one limit (the API gives it none)."""
_PATH = "/billing/spending-limit"


class SpendingLimitBody(RequestModel):
    """A spending limit's settings (the body the deprecated ``POST`` described)."""

    amount: int = Field(ge=100, description="The limit in cents (at least 100).")
    duration: Literal["daily", "weekly", "monthly"] = Field(description="The window the limit applies to.")
    strategy: Literal["fixed", "sliding"] = Field(
        description="``fixed``: calendar windows; ``sliding``: the last ``duration`` at any moment."
    )


class SpendingLimitInfo(SpendingLimitBody, Answer):
    """The account's spending limit as the API answers it (its ``config``, and ``enabled``)."""

    enabled: bool = Field(description="Whether the limit applies.")


class SpendingLimitApi(SingletonApi):
    """``/billing/spending-limit`` of one account: read and delete (Cloudflare refuses every write)."""

    def get(self) -> SpendingLimitInfo:
        """The account's limit; NotFoundError when it has none."""
        what = "the account's spending limit"
        answer = self._client.call("GET", _PATH, what=what, operation="read")
        config: Any = answer.get("config") if isinstance(answer, dict) else None
        if not isinstance(answer, dict) or not isinstance(config, dict) or config.get("amount") is None:
            raise NotFoundError(what, "read", 404, None, "the account has no spending limit")
        return read_answer(SpendingLimitInfo, {**config, "enabled": answer.get("enabled")})

    def delete(self) -> None:
        self._client.call("DELETE", _PATH, what="the account's spending limit", operation="delete")
