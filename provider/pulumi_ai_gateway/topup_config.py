"""The ``TopupConfig`` resource: the account's auto top-up. The wire models and API calls are in
``pulumi_ai_gateway.api.topup_config`` (re-exported here, so both import paths work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from pulumi_ai_gateway._exports import generated_names
from pulumi_ai_gateway._models import ComputedOutputs
from pulumi_ai_gateway._provider import AccountSingleton, ResourceInputs
from pulumi_ai_gateway.api.topup_config import (
    TOPUP_CONFIG_ID,
    TopupConfigApi,
    TopupConfigBody,
    TopupConfigInfo,
)

if TYPE_CHECKING:
    from pulumi_ai_gateway._inputs import TopupConfig, TopupConfigArgs, TopupConfigArgsDict

__all__ = [
    "TopupConfig",
    "TopupConfigApi",
    "TopupConfigArgs",
    "TopupConfigArgsDict",
    "TopupConfigBody",
    "TopupConfigComputed",
    "TopupConfigInfo",
    "TopupConfigProvider",
]


class TopupConfigInputs(ResourceInputs, TopupConfigBody):
    """Inputs of a ``TopupConfig``."""


class TopupConfigComputed(ComputedOutputs):
    """Why automatic top-ups last failed, as the API last said (a refresh reads it)."""

    error: str | None = Field(default=None, description="Why the last automatic top-up failed.")
    disabled_reason: str | None = Field(default=None, description="Why automatic top-ups are disabled.")
    last_failed_at: float | None = Field(
        default=None, description="When the last automatic top-up failed (epoch ms)."
    )


class TopupConfigProvider(AccountSingleton[TopupConfigInputs, TopupConfigApi]):
    """Dynamic provider of ``TopupConfig``: a POST sets it whole, create and update alike."""

    resource_doc = """The account's auto top-up (one per account): when the credit balance falls below
    ``threshold`` cents, Cloudflare charges the account's card ``amount`` cents.

    Every change is applied in place; deleting the resource turns auto top-up off. One already set (in the
    dashboard) is taken over with ``adopt_existing=True``, never overwritten unasked.
    """

    inputs_model = TopupConfigInputs
    outputs_model = TopupConfigComputed
    api_type = TopupConfigApi
    kind = "auto top-up"
    object_id = TOPUP_CONFIG_ID

    def _create(self, api: TopupConfigApi, inputs: TopupConfigInputs) -> tuple[str, dict[str, Any]]:
        return TOPUP_CONFIG_ID, self._update(api, TOPUP_CONFIG_ID, None, inputs)

    def _update(
        self, api: TopupConfigApi, id_: str, olds: TopupConfigInputs | None, news: TopupConfigInputs
    ) -> dict[str, Any]:
        return self._computed(api.set(news.as_body(TopupConfigBody)))


__getattr__ = generated_names(__name__, "TopupConfig")
