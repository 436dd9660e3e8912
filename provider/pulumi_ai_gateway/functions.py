"""Lookups (data sources): gateways, gateway URL, dynamic routes, custom providers and domains, evaluation
types, logs, the account's billing (credit balance, invoices, usage, top-up limits); plain and ``_output``
forms. And actions as plain functions: on logs (feedback, deletion, payloads) and top-ups (which spend money,
so no resource makes them).

Both forms of a lookup give the same typed result (``GetGatewayResult``, a list of ``GetLogResult``, ...): a
dict of the API's fields, each also a typed attribute, which ``pulumi.export`` exports as a map. The plain
forms call the API at once and work in any Python code. The ``_output`` forms take Pulumi inputs and return an
Output of the result, secret where the resources keep the same fields secret; during ``pulumi preview`` they
make no API call and their value is unknown (the gateway may not exist yet, and a preview should cost no
requests).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, TypeVar

import pulumi
import pulumi.runtime
from pydantic import BaseModel, ValidationError

from pulumi_ai_gateway._program import unknown_output
from pulumi_ai_gateway._provider import unreadable
from pulumi_ai_gateway._result import LookupResult
from pulumi_ai_gateway._results import (
    GetCreditBalanceResult,
    GetCustomDomainResult,
    GetCustomProviderResult,
    GetDynamicRouteResult,
    GetEvaluationTypeResult,
    GetGatewayResult,
    GetInvoiceHistoryResult,
    GetInvoicePreviewResult,
    GetLogResult,
    GetTopupLimitsResult,
    GetUsageHistoryResult,
    TopupResult,
    TopupStatusResult,
)
from pulumi_ai_gateway._session import program_config, settings_for
from pulumi_ai_gateway.api.billing import InvoiceKind, UsageWindow
from pulumi_ai_gateway.client import AIGatewayClient
from pulumi_ai_gateway.log import LogFilter, LogPatch

__all__ = [
    "delete_logs",
    "get_credit_balance",
    "get_credit_balance_output",
    "get_custom_domain",
    "get_custom_domain_output",
    "get_custom_providers",
    "get_custom_providers_output",
    "get_dynamic_route",
    "get_dynamic_route_output",
    "get_evaluation_types",
    "get_evaluation_types_output",
    "get_gateway",
    "get_gateway_output",
    "get_gateway_url",
    "get_gateway_url_output",
    "get_gateways",
    "get_gateways_output",
    "get_invoice_history",
    "get_invoice_history_output",
    "get_invoice_preview",
    "get_invoice_preview_output",
    "get_log_request",
    "get_log_response",
    "get_logs",
    "get_logs_output",
    "get_topup_limits",
    "get_topup_limits_output",
    "get_usage_history",
    "get_usage_history_output",
    "set_log_feedback",
    "topup",
    "topup_status",
]

T = TypeVar("T")
R = TypeVar("R", bound=LookupResult)
P = ParamSpec("P")


def _readable(lookup: Callable[P, T]) -> Callable[P, T]:
    """An answer the lookup cannot read is an UnreadableAnswerError naming the lookup and the field."""

    @functools.wraps(lookup)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return lookup(*args, **kwargs)
        except ValidationError as exc:
            raise unreadable(exc, lookup.__name__, "lookup") from None

    return wrapper


def _result(kind: type[R], info: BaseModel) -> R:
    """The read model's fields (those the package knows: a field the API added is left out) as ``kind``, by
    their names on the wire (a route's ``elementId``)."""
    return kind(info.model_dump(mode="json", by_alias=True))


def _client(account_id: str | None) -> AIGatewayClient:
    """A client configured like the resources: stack config (inside a program), then the environment."""
    program_config()
    return AIGatewayClient(settings_for(account_id))


@_readable
def get_gateway(gateway_id: str, account_id: str | None = None) -> GetGatewayResult:
    """The gateway ``gateway_id`` as the API returns it (raises NotFoundError when missing)."""
    return _result(GetGatewayResult, _client(account_id).gateways.get(gateway_id))


@_readable
def get_gateways(search: str | None = None, account_id: str | None = None) -> list[GetGatewayResult]:
    """The account's gateways (``search`` as the API matches it)."""
    return [_result(GetGatewayResult, info) for info in _client(account_id).gateways.list(search=search)]


@_readable
def get_dynamic_route(gateway_id: str, route_id: str, account_id: str | None = None) -> GetDynamicRouteResult:
    """A dynamic route with its deployed graph (``elements``), version and deployment."""
    return _result(GetDynamicRouteResult, _client(account_id).routes.get(gateway_id, route_id))


@_readable
def get_custom_domain(gateway_id: str, hostname: str, account_id: str | None = None) -> GetCustomDomainResult:
    """A custom domain of a gateway, with its status (raises NotFoundError when missing)."""
    return _result(GetCustomDomainResult, _client(account_id).custom_domains.get(gateway_id, hostname))


@_readable
def get_gateway_url(gateway_id: str, provider: str, account_id: str | None = None) -> str:
    """The endpoint applications call for ``provider`` through the gateway (``compat`` for the OpenAI-compatible
    endpoint that takes ``provider/model`` and ``dynamic/<route name>`` models). Against the emulator, the URL
    answers locally with the gateway's deployed behaviour."""
    return _client(account_id).gateways.url(gateway_id, provider)


@_readable
def get_custom_providers(
    search: str | None = None,
    enable: bool | None = None,
    beta: bool | None = None,
    account_id: str | None = None,
) -> list[GetCustomProviderResult]:
    """The account's custom providers, filtered as the API filters them (``search`` matches id, name and
    slug)."""
    found = _client(account_id).custom_providers.list(search=search, enable=enable, beta=beta)
    return [_result(GetCustomProviderResult, info) for info in found]


@_readable
def get_evaluation_types(account_id: str | None = None) -> list[GetEvaluationTypeResult]:
    """The evaluators the account offers (``mandatory`` ones run on every evaluation)."""
    return [_result(GetEvaluationTypeResult, info) for info in _client(account_id).evaluations.list_types()]


@_readable
def get_logs(
    gateway_id: str, filters: Sequence[LogFilter] = (), limit: int = 50, account_id: str | None = None
) -> list[GetLogResult]:
    """The newest ``limit`` logs of a gateway that match every filter."""
    found = _client(account_id).logs.list(gateway_id, filters=filters, limit=limit)
    return [_result(GetLogResult, info) for info in found]


@_readable
def get_credit_balance(account_id: str | None = None) -> GetCreditBalanceResult:
    """The account's credit balance (cents), its card, and its auto top-up as billing sees it."""
    return _result(GetCreditBalanceResult, _client(account_id).billing.credit_balance())


@_readable
def get_invoice_history(kind: InvoiceKind = "all", account_id: str | None = None) -> GetInvoiceHistoryResult:
    """The account's past invoices, newest first: ``kind`` ``auto`` (automatic top-ups), ``manual`` or
    ``all``."""
    return _result(GetInvoiceHistoryResult, _client(account_id).billing.invoice_history(kind))


@_readable
def get_invoice_preview(account_id: str | None = None) -> GetInvoicePreviewResult:
    """The account's upcoming invoice, with its lines."""
    return _result(GetInvoicePreviewResult, _client(account_id).billing.invoice_preview())


@_readable
def get_usage_history(
    window: UsageWindow = "day",
    start_time_ms: int | None = None,
    end_time_ms: int | None = None,
    account_id: str | None = None,
) -> GetUsageHistoryResult:
    """The account's usage (cents) per ``day`` or ``hour``, between two epoch-millisecond times."""
    found = _client(account_id).billing.usage_history(window, start_time_ms, end_time_ms)
    return _result(GetUsageHistoryResult, found)


@_readable
def get_topup_limits(account_id: str | None = None) -> GetTopupLimitsResult:
    """The smallest and largest top-up the account may make, in cents."""
    return _result(GetTopupLimitsResult, _client(account_id).billing.topup_limits())


# Actions: plain functions. Log actions change logs, which no program declares; top-ups spend money, which no
# `pulumi up` should do again on every run, so neither is a resource.


@_readable
def topup(amount_cents: int, account_id: str | None = None) -> TopupResult:
    """Charge the account's card ``amount_cents`` now and add it to the credit balance. This spends money on
    every call: it is a plain function, never a resource, so no ``pulumi up`` repeats it. Raises
    ``ApiError`` (HTTP 402) when the card is declined."""
    return _result(TopupResult, _client(account_id).billing.topup(amount_cents))


@_readable
def topup_status(payment_intent_id: str, account_id: str | None = None) -> TopupStatusResult:
    """Where the payment of a top-up stands (``pending`` or ``completed``), by the id ``topup`` returned. A
    plain function, as ``topup`` is."""
    return _result(TopupStatusResult, _client(account_id).billing.topup_status(payment_intent_id))


def set_log_feedback(
    gateway_id: str,
    log_id: str,
    *,
    feedback: float | None = None,
    score: float | None = None,
    metadata: dict[str, str | float | bool] | None = None,
    account_id: str | None = None,
) -> None:
    """Annotate one log: ``feedback`` (-1..1), ``score`` (0..100), ``metadata``; only those given change."""
    given = {
        k: v for k, v in {"feedback": feedback, "score": score, "metadata": metadata}.items() if v is not None
    }
    _client(account_id).logs.edit(gateway_id, log_id, LogPatch.model_validate(given))


def delete_logs(
    gateway_id: str,
    filters: Sequence[LogFilter] = (),
    limit: int | None = None,
    account_id: str | None = None,
) -> None:
    """Delete the logs of a gateway that match every filter (every log without filters), at most ``limit``."""
    _client(account_id).logs.delete(gateway_id, filters=filters, limit=limit)


def get_log_request(gateway_id: str, log_id: str, account_id: str | None = None) -> Any:
    """The stored request payload of a log."""
    return _client(account_id).logs.request_body(gateway_id, log_id)


def get_log_response(gateway_id: str, log_id: str, account_id: str | None = None) -> Any:
    """The stored response payload of a log."""
    return _client(account_id).logs.response_body(gateway_id, log_id)


def _lookup(fn: Callable[..., T], *args: pulumi.Input[Any]) -> pulumi.Output[T]:
    def call(values: list[Any]) -> Any:
        return unknown_output() if pulumi.runtime.is_dry_run() else fn(*values)

    return pulumi.Output.all(*args).apply(call)


def _secret(value: T) -> pulumi.Output[T]:
    """``value`` as a secret Output, unchanged (``Output.secret(value)`` would rebuild a result as a plain
    dict, losing its class)."""
    return pulumi.Output.secret(None).apply(lambda _: value)


def _gateway_secret(result: GetGatewayResult) -> pulumi.Input[GetGatewayResult]:
    # OTel headers/authorization and the Stripe key are secrets, as on the Gateway resource.
    return _secret(result) if result.otel or result.stripe else result


def get_gateway_output(
    gateway_id: pulumi.Input[str], account_id: pulumi.Input[str] | None = None
) -> pulumi.Output[GetGatewayResult]:
    """``get_gateway`` over Pulumi inputs (unknown during preview); secret when the gateway holds OTel or Stripe
    credentials."""
    return _lookup(get_gateway, gateway_id, account_id).apply(_gateway_secret)


def get_gateways_output(
    search: pulumi.Input[str] | None = None, account_id: pulumi.Input[str] | None = None
) -> pulumi.Output[list[GetGatewayResult]]:
    """``get_gateways`` over Pulumi inputs (unknown during preview); secret, as gateways may hold OTel or
    Stripe credentials."""
    return _lookup(get_gateways, search, account_id).apply(_secret)


def get_dynamic_route_output(
    gateway_id: pulumi.Input[str], route_id: pulumi.Input[str], account_id: pulumi.Input[str] | None = None
) -> pulumi.Output[GetDynamicRouteResult]:
    """``get_dynamic_route`` over Pulumi inputs (unknown during preview)."""
    return _lookup(get_dynamic_route, gateway_id, route_id, account_id)


def get_custom_domain_output(
    gateway_id: pulumi.Input[str], hostname: pulumi.Input[str], account_id: pulumi.Input[str] | None = None
) -> pulumi.Output[GetCustomDomainResult]:
    """``get_custom_domain`` over Pulumi inputs (unknown during preview)."""
    return _lookup(get_custom_domain, gateway_id, hostname, account_id)


def get_gateway_url_output(
    gateway_id: pulumi.Input[str], provider: pulumi.Input[str], account_id: pulumi.Input[str] | None = None
) -> pulumi.Output[str]:
    """``get_gateway_url`` over Pulumi inputs (unknown during preview): export it as a stack output."""
    return _lookup(get_gateway_url, gateway_id, provider, account_id)


def get_custom_providers_output(
    search: pulumi.Input[str] | None = None,
    enable: bool | None = None,
    beta: bool | None = None,
    account_id: pulumi.Input[str] | None = None,
) -> pulumi.Output[list[GetCustomProviderResult]]:
    """``get_custom_providers`` over Pulumi inputs (unknown during preview); secret, as the providers'
    ``headers`` carry upstream credentials."""
    found = _lookup(lambda s, a: get_custom_providers(s, enable, beta, a), search, account_id)
    return found.apply(_secret)


def get_evaluation_types_output(
    account_id: pulumi.Input[str] | None = None,
) -> pulumi.Output[list[GetEvaluationTypeResult]]:
    """``get_evaluation_types`` over Pulumi inputs (unknown during preview)."""
    return _lookup(get_evaluation_types, account_id)


def get_credit_balance_output(
    account_id: pulumi.Input[str] | None = None,
) -> pulumi.Output[GetCreditBalanceResult]:
    """``get_credit_balance`` over Pulumi inputs (unknown during preview)."""
    return _lookup(get_credit_balance, account_id)


def get_invoice_history_output(
    kind: InvoiceKind = "all", account_id: pulumi.Input[str] | None = None
) -> pulumi.Output[GetInvoiceHistoryResult]:
    """``get_invoice_history`` over Pulumi inputs (unknown during preview)."""
    return _lookup(lambda a: get_invoice_history(kind, a), account_id)


def get_invoice_preview_output(
    account_id: pulumi.Input[str] | None = None,
) -> pulumi.Output[GetInvoicePreviewResult]:
    """``get_invoice_preview`` over Pulumi inputs (unknown during preview)."""
    return _lookup(get_invoice_preview, account_id)


def get_usage_history_output(
    window: UsageWindow = "day",
    start_time_ms: pulumi.Input[int] | None = None,
    end_time_ms: pulumi.Input[int] | None = None,
    account_id: pulumi.Input[str] | None = None,
) -> pulumi.Output[GetUsageHistoryResult]:
    """``get_usage_history`` over Pulumi inputs (unknown during preview)."""
    return _lookup(lambda s, e, a: get_usage_history(window, s, e, a), start_time_ms, end_time_ms, account_id)


def get_topup_limits_output(
    account_id: pulumi.Input[str] | None = None,
) -> pulumi.Output[GetTopupLimitsResult]:
    """``get_topup_limits`` over Pulumi inputs (unknown during preview)."""
    return _lookup(get_topup_limits, account_id)


def get_logs_output(
    gateway_id: pulumi.Input[str],
    filters: Sequence[LogFilter] = (),
    limit: int = 50,
    account_id: pulumi.Input[str] | None = None,
) -> pulumi.Output[list[GetLogResult]]:
    """``get_logs`` over Pulumi inputs (unknown during preview)."""
    return _lookup(lambda g, a: get_logs(g, filters, limit, a), gateway_id, account_id)
