"""The ``SpendingLimit`` resource: the account's legacy spending limit, which a program can take over and remove
but no longer create or change (Cloudflare answers every write 403). The wire models and API calls are in
``pulumi_ai_gateway.api.spending_limit`` (re-exported here, so both import paths work).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pulumi.dynamic as dyn
from pydantic import Field

from pulumi_ai_gateway._control import ADOPT_VARIABLE, adopting
from pulumi_ai_gateway._exports import generated_names
from pulumi_ai_gateway._models import ComputedOutputs
from pulumi_ai_gateway._provider import AccountSingleton, ResourceInputs
from pulumi_ai_gateway.api.spending_limit import (
    SPENDING_LIMIT_ID,
    SpendingLimitApi,
    SpendingLimitBody,
    SpendingLimitInfo,
)
from pulumi_ai_gateway.errors import NoLongerSupported

if TYPE_CHECKING:
    from pulumi_ai_gateway._inputs import SpendingLimit, SpendingLimitArgs, SpendingLimitArgsDict

__all__ = [
    "SpendingLimit",
    "SpendingLimitApi",
    "SpendingLimitArgs",
    "SpendingLimitArgsDict",
    "SpendingLimitBody",
    "SpendingLimitComputed",
    "SpendingLimitInfo",
    "SpendingLimitProvider",
]

_SETTINGS = tuple(SpendingLimitBody.model_fields)
_WHY = (
    "Cloudflare no longer creates or changes account spending limits (POST /billing/spending-limit always "
    "answers 403); give gateways spend_limits instead"
)


class SpendingLimitInputs(ResourceInputs, SpendingLimitBody):
    """Inputs of a ``SpendingLimit``: the values the account's limit has."""


class SpendingLimitComputed(ComputedOutputs):
    """What the API says about the limit beyond its settings."""

    enabled: bool = Field(description="Whether the limit applies.")


class SpendingLimitProvider(AccountSingleton[SpendingLimitInputs, SpendingLimitApi]):
    """Dynamic provider of ``SpendingLimit``: adopt, read and delete; every write is refused at preview."""

    resource_doc = """The account's legacy spending limit (one per account), deprecated by Cloudflare.

    Cloudflare no longer creates or changes these limits; an account that has one can bring it under the
    program with ``adopt_existing=True`` (declaring the values it has: nothing is written), watch it drift with
    ``pulumi refresh``, gate it with policies, and remove it by deleting the resource. New limits are a
    gateway's ``spend_limits``. A program that asks for a create or a change fails at preview, naming the field.
    """

    inputs_model = SpendingLimitInputs
    outputs_model = SpendingLimitComputed
    api_type = SpendingLimitApi
    kind = "spending limit"
    object_id = SPENDING_LIMIT_ID

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> dyn.CheckResult:
        result = super().check(olds, news)
        failures = list(result.failures or [])
        if not adopting(news.get("adopt_existing")):
            failures.append(
                dyn.CheckFailure(
                    "adopt_existing",
                    f"{_WHY}: a SpendingLimit can only take over the account's existing limit; set "
                    f"adopt_existing=True (or run with {ADOPT_VARIABLE}=true), or remove the resource",
                )
            )
        for key in _SETTINGS:
            if key in olds and key in news and olds[key] != news[key]:
                failures.append(
                    dyn.CheckFailure(
                        key,
                        f"{_WHY}: the limit's {key} stays {olds[key]!r}; declare that value, or delete the "
                        "resource to remove the limit",
                    )
                )
        return dyn.CheckResult(result.inputs, failures)

    def _create(self, api: SpendingLimitApi, inputs: SpendingLimitInputs) -> tuple[str, dict[str, Any]]:
        raise NoLongerSupported(f"{self._name(inputs)}: the account has none to take over, and {_WHY}")

    def _update(
        self,
        api: SpendingLimitApi,
        id_: str,
        olds: SpendingLimitInputs | None,
        news: SpendingLimitInputs,
    ) -> dict[str, Any]:
        found = api.get()
        differ = [
            f"{key}: {getattr(found, key)!r}"
            for key in _SETTINGS
            if getattr(found, key) != getattr(news, key)
        ]
        raise NoLongerSupported(
            f"{self._name(news)} has {', '.join(differ) or 'other values'}; {_WHY}: declare the values it has"
        )


__getattr__ = generated_names(__name__, "SpendingLimit")
