"""The ``TopupConfig`` resource: the account's auto top-up. The wire models and API calls are in
``pulumi_ai_gateway.api.topup_config`` (re-exported here, so both import paths work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from pulumi_ai_gateway._exports import generated_names
from pulumi_ai_gateway._http import Lost, post_recovering
from pulumi_ai_gateway._models import ComputedOutputs
from pulumi_ai_gateway._provider import Provider, ResourceInputs
from pulumi_ai_gateway.api.topup_config import (
    TOPUP_CONFIG_ID,
    TopupConfigApi,
    TopupConfigBody,
    TopupConfigInfo,
)
from pulumi_ai_gateway.errors import NotFoundError

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


class TopupConfigProvider(Provider[TopupConfigInputs, TopupConfigApi]):
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
    natural_key = ("account_id",)
    # A POST overwrites the account's one configuration: look before writing, so one set outside the program
    # is adopted (or refused) rather than replaced.
    check_existing_first = True

    def _name(self, inputs: TopupConfigInputs) -> str:
        return f"the auto top-up of account {inputs.account_id!r}"

    def _create(self, api: TopupConfigApi, inputs: TopupConfigInputs) -> tuple[str, dict[str, Any]]:
        return TOPUP_CONFIG_ID, self._computed(api.set(inputs.as_body(TopupConfigBody)))

    def _find(self, api: TopupConfigApi, inputs: TopupConfigInputs) -> str | None:
        try:
            api.get()
        except NotFoundError:
            return None
        return TOPUP_CONFIG_ID

    def _get(self, api: TopupConfigApi, id_: str, inputs: TopupConfigInputs) -> TopupConfigInfo:
        return api.get()

    def _update(
        self, api: TopupConfigApi, id_: str, olds: TopupConfigInputs | None, news: TopupConfigInputs
    ) -> dict[str, Any]:
        body = news.as_body(TopupConfigBody)

        def applied() -> TopupConfigInfo | None:
            # A POST whose answer was lost was applied when the account has its values: setting it whole
            # again would do no harm either, so one that was not is simply repeated.
            try:
                found = api.get()
            except NotFoundError:
                return None
            return found if (found.amount, found.threshold) == (body.amount, body.threshold) else None

        made = post_recovering(api.http, lambda: api.set(body), applied, repeat_would_duplicate=False)
        return self._computed(made.found if isinstance(made, Lost) else made)

    def _delete(self, api: TopupConfigApi, id_: str, inputs: TopupConfigInputs) -> None:
        api.delete()


__getattr__ = generated_names(__name__, "TopupConfig")
