"""The ``CustomDomain`` resource: its inputs, outputs and dynamic provider. The wire models and API calls are in
``pulumi_ai_gateway.api.custom_domain`` (re-exported here, so both import paths work).
"""

from __future__ import annotations

import contextlib
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pulumi
from pydantic import Field, field_validator

from pulumi_ai_gateway._exports import generated_names
from pulumi_ai_gateway._models import ComputedOutputs
from pulumi_ai_gateway._provider import GatewayScoped, Provider, or_last
from pulumi_ai_gateway.api.custom_domain import (
    CustomDomainApi,
    CustomDomainBody,
    CustomDomainInfo,
)
from pulumi_ai_gateway.errors import NotActiveError, NotFoundError

if TYPE_CHECKING:
    from pulumi_ai_gateway._inputs import CustomDomain, CustomDomainArgs, CustomDomainArgsDict

__all__ = [
    "CustomDomain",
    "CustomDomainApi",
    "CustomDomainArgs",
    "CustomDomainArgsDict",
    "CustomDomainBody",
    "CustomDomainComputed",
    "CustomDomainInfo",
    "CustomDomainProvider",
]


class CustomDomainInputs(GatewayScoped, CustomDomainBody):
    """Inputs of a ``CustomDomain``. Any change of the domain replaces it (the API has no update); the two
    waiting inputs change in place without a request."""

    wait_until_active: bool = Field(
        default=False,
        description="Make ``pulumi up`` wait, up to ``active_timeout`` seconds, until the status is ``active`` "
        "(progress in the engine's output); it fails with the status and the CNAME record to create otherwise, "
        "and a domain it had just created is removed again so that nothing is left outside the state. Leave it "
        "off when the program itself creates the CNAME from ``cname_target``: that record can only be made "
        "after this resource, so waiting here would always time out.",
    )
    active_timeout: int = Field(
        default=600,
        ge=1,
        le=3600,
        description="Seconds ``wait_until_active`` waits for the status ``active``.",
    )


def _iso(value: Any) -> Any:
    """Epoch milliseconds (this API's timestamps) as the ISO strings every other object has."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (
            datetime.fromtimestamp(value / 1000, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
    return value


class CustomDomainComputed(ComputedOutputs):
    """What the API computes about a custom domain."""

    hostname: str = Field(description="The hostname the gateway is served on.")
    status: str = Field(
        description="``initializing``, ``pending_dcv``, ``active``, ``blocked`` or ``error``; ``active`` once "
        "the hostname's proxied CNAME points at ``cname_target`` (``pulumi refresh`` updates it)."
    )
    cname_target: str | None = Field(
        default=None, description="Where the hostname's proxied CNAME record must point (answered by create)."
    )
    ssl_hostname_id: str | None = Field(default=None, description="The hostname's certificate id.")
    created_at: str = Field(description="When the domain was added.")
    modified_at: str = Field(description="When its status last changed.")

    @field_validator("created_at", "modified_at", mode="before")
    @classmethod
    def _timestamps(cls, value: Any) -> Any:
        return _iso(value)


class CustomDomainProvider(Provider[CustomDomainInputs, CustomDomainApi]):
    """Dynamic provider of ``CustomDomain``: create, read and delete; every change replaces."""

    resource_doc = """A hostname of the customer's serving a gateway.

    Point a proxied CNAME record of ``domain`` at ``cname_target``; ``status`` turns ``active`` when Cloudflare
    has validated it. Any change replaces the domain.
    """

    inputs_model = CustomDomainInputs
    outputs_model = CustomDomainComputed
    api_type = CustomDomainApi
    kind = "custom domain"
    natural_key = ("gateway_id", "domain")
    replace_on = frozenset({"gateway_id", "domain", "zone_id", "min_tls"})

    def _delete_first(self, replaces: list[str]) -> bool:
        # The same hostname cannot be added twice: unless it changes, the old domain goes first.
        return "domain" not in replaces

    def _name(self, inputs: CustomDomainInputs) -> str:
        return f"custom domain {inputs.domain!r} of gateway {inputs.gateway_id!r}"

    def _create(self, api: CustomDomainApi, inputs: CustomDomainInputs) -> tuple[str, dict[str, Any]]:
        info = api.create(inputs.gateway_id, inputs.as_body(CustomDomainBody))
        return info.hostname, self._computed(info)

    def _find(self, api: CustomDomainApi, inputs: CustomDomainInputs) -> str | None:
        try:
            return api.get(inputs.gateway_id, inputs.domain).hostname
        except NotFoundError:
            return None

    def _get(self, api: CustomDomainApi, id_: str, inputs: CustomDomainInputs) -> CustomDomainInfo:
        return api.get(inputs.gateway_id, id_)

    def _answered(self, info: CustomDomainInfo, inputs: CustomDomainInputs) -> dict[str, Any]:
        # Its answer names the domain ``hostname``; the zone and minimum TLS version are never answered, so the
        # values applied stand.
        return {**inputs.model_dump(), "domain": info.hostname}

    def _update(
        self, api: CustomDomainApi, id_: str, olds: CustomDomainInputs | None, news: CustomDomainInputs
    ) -> dict[str, Any]:
        # Every setting replaces: only adopt_existing changes in place, and it needs no request but a read.
        return self._computed(api.get(news.gateway_id, id_))

    def _delete(self, api: CustomDomainApi, id_: str, inputs: CustomDomainInputs) -> None:
        api.delete(inputs.gateway_id, id_)

    def _settle(
        self,
        api: CustomDomainApi,
        id_: str,
        inputs: CustomDomainInputs,
        computed: dict[str, Any],
        *,
        made: bool,
    ) -> dict[str, Any]:
        if not inputs.wait_until_active or computed.get("status") == "active":
            return computed
        try:
            info = _wait_until_active(api, id_, inputs, computed.get("cname_target"))
        except NotActiveError as failure:
            if not made:  # it was in the state (or the account) before this step: it stays
                raise
            # The engine records nothing of a failed create: a domain left behind would block the next run.
            with contextlib.suppress(NotFoundError):
                api.delete(inputs.gateway_id, id_)
            raise NotActiveError(
                f"{failure} It has been removed again; run `pulumi up` once it can be validated."
            ) from None
        return or_last(self._computed(info), computed)  # only create answers the CNAME target: it stays


_POLL_FIRST_S, _POLL_MAX_S = 1.0, 15.0
_FAILED = frozenset({"blocked", "error"})  # statuses that waiting does not change


def _wait_until_active(
    api: CustomDomainApi, hostname: str, inputs: CustomDomainInputs, cname_target: str | None
) -> CustomDomainInfo:
    """Poll the domain until it is active; NotActiveError naming its status and the record to create."""
    what = f"custom domain {hostname!r} of gateway {inputs.gateway_id!r}"
    record = f"a proxied CNAME record {hostname} -> {cname_target or '(its cname_target)'} in zone {inputs.zone_id}"
    deadline = time.monotonic() + inputs.active_timeout
    pause = _POLL_FIRST_S
    while True:
        info = api.get(inputs.gateway_id, hostname)
        if info.status == "active":
            return info
        left = deadline - time.monotonic()
        if info.status in _FAILED or left <= 0:
            why = f"did not become active within active_timeout={inputs.active_timeout} s"
            if info.status in _FAILED:
                why = "cannot become active as it is"
            raise NotActiveError(
                f"{what} is {info.status!r} and {why}: Cloudflare validates it once {record} exists."
            )
        pulumi.log.info(
            f"{what} is {info.status!r}; waiting up to {left:.0f} s more for it to turn active ({record})"
        )
        time.sleep(min(pause, left))
        pause = min(pause * 2, _POLL_MAX_S)


__getattr__ = generated_names(__name__, "CustomDomain")
