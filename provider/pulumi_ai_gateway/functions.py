"""Lookups (data sources): gateways, gateway URL, dynamic routes, custom providers and domains, evaluation
types, logs; plain and ``_output`` forms. And the log actions (feedback, deletion, payloads) as plain functions.

The plain forms call the API at once, work in any Python code and return the typed models. The ``_output``
forms take Pulumi inputs and return an Output of plain data (dicts and lists, which export as maps; secret
where the resources keep the same fields secret); during ``pulumi preview`` they make no API call and their
value is unknown (the gateway may not exist yet, and a preview should cost no requests).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, TypeVar

import pulumi
import pulumi.runtime
from pydantic import BaseModel, ValidationError

from pulumi_ai_gateway._resource import unknown_output, unreadable
from pulumi_ai_gateway._session import program_config, settings_for
from pulumi_ai_gateway.client import AIGatewayClient
from pulumi_ai_gateway.custom_domain import CustomDomainInfo
from pulumi_ai_gateway.custom_provider import CustomProviderInfo
from pulumi_ai_gateway.dynamic_route import RouteInfo
from pulumi_ai_gateway.evaluation import EvaluationTypeInfo
from pulumi_ai_gateway.gateway import GatewayInfo
from pulumi_ai_gateway.log import LogFilter, LogInfo, LogPatch

__all__ = [
    "delete_logs",
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
    "get_log_request",
    "get_log_response",
    "get_logs",
    "get_logs_output",
    "set_log_feedback",
]

T = TypeVar("T")
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


def _client(account_id: str | None) -> AIGatewayClient:
    """A client configured like the resources: stack config (inside a program), then the environment."""
    program_config()
    return AIGatewayClient(settings_for(account_id))


@_readable
def get_gateway(gateway_id: str, account_id: str | None = None) -> GatewayInfo:
    """The gateway ``gateway_id`` as the API returns it (raises NotFoundError when missing)."""
    return _client(account_id).gateways.get(gateway_id)


@_readable
def get_gateways(search: str | None = None, account_id: str | None = None) -> list[GatewayInfo]:
    """The account's gateways (``search`` as the API matches it)."""
    return list(_client(account_id).gateways.list(search=search))


@_readable
def get_dynamic_route(gateway_id: str, route_id: str, account_id: str | None = None) -> RouteInfo:
    """A dynamic route with its deployed graph (``elements``), version and deployment."""
    return _client(account_id).routes.get(gateway_id, route_id)


@_readable
def get_custom_domain(gateway_id: str, hostname: str, account_id: str | None = None) -> CustomDomainInfo:
    """A custom domain of a gateway, with its status (raises NotFoundError when missing)."""
    return _client(account_id).custom_domains.get(gateway_id, hostname)


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
) -> list[CustomProviderInfo]:
    """The account's custom providers, filtered as the API filters them (``search`` matches id, name and
    slug)."""
    return list(_client(account_id).custom_providers.list(search=search, enable=enable, beta=beta))


@_readable
def get_evaluation_types(account_id: str | None = None) -> list[EvaluationTypeInfo]:
    """The evaluators the account offers (``mandatory`` ones run on every evaluation)."""
    return list(_client(account_id).evaluations.list_types())


@_readable
def get_logs(
    gateway_id: str, filters: Sequence[LogFilter] = (), limit: int = 50, account_id: str | None = None
) -> list[LogInfo]:
    """The newest ``limit`` logs of a gateway that match every filter."""
    return list(_client(account_id).logs.list(gateway_id, filters=filters, limit=limit))


# Log actions: plain functions (they change logs, which no program declares).


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


def _plain(value: Any) -> Any:
    """Lookup results as plain data: they export as maps and lists (a model would export as key-value pairs)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _gateway_data(info: GatewayInfo) -> pulumi.Output[dict[str, Any]] | dict[str, Any]:
    data: dict[str, Any] = _plain(info)
    # OTel headers/authorization and the Stripe key are secrets, as on the Gateway resource.
    return pulumi.Output.secret(data) if info.otel or info.stripe else data


def get_gateway_output(
    gateway_id: pulumi.Input[str], account_id: pulumi.Input[str] | None = None
) -> pulumi.Output[dict[str, Any]]:
    """``get_gateway`` over Pulumi inputs (unknown during preview), as a dict of the API's fields; secret when
    the gateway holds OTel or Stripe credentials."""
    return _lookup(get_gateway, gateway_id, account_id).apply(_gateway_data)


def get_gateways_output(
    search: pulumi.Input[str] | None = None, account_id: pulumi.Input[str] | None = None
) -> pulumi.Output[list[dict[str, Any]]]:
    """``get_gateways`` over Pulumi inputs (unknown during preview); secret, as gateways may hold OTel or
    Stripe credentials."""
    return pulumi.Output.secret(_lookup(get_gateways, search, account_id).apply(_plain))


def get_dynamic_route_output(
    gateway_id: pulumi.Input[str], route_id: pulumi.Input[str], account_id: pulumi.Input[str] | None = None
) -> pulumi.Output[dict[str, Any]]:
    """``get_dynamic_route`` over Pulumi inputs (unknown during preview), as a dict."""
    return _lookup(get_dynamic_route, gateway_id, route_id, account_id).apply(_plain)


def get_custom_domain_output(
    gateway_id: pulumi.Input[str], hostname: pulumi.Input[str], account_id: pulumi.Input[str] | None = None
) -> pulumi.Output[dict[str, Any]]:
    """``get_custom_domain`` over Pulumi inputs (unknown during preview), as a dict."""
    return _lookup(get_custom_domain, gateway_id, hostname, account_id).apply(_plain)


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
) -> pulumi.Output[list[dict[str, Any]]]:
    """``get_custom_providers`` over Pulumi inputs (unknown during preview), as a list of dicts; secret, as
    the providers' ``headers`` carry upstream credentials."""
    found = _lookup(lambda s, a: get_custom_providers(s, enable, beta, a), search, account_id)
    return pulumi.Output.secret(found.apply(_plain))


def get_evaluation_types_output(
    account_id: pulumi.Input[str] | None = None,
) -> pulumi.Output[list[dict[str, Any]]]:
    """``get_evaluation_types`` over Pulumi inputs (unknown during preview), as a list of dicts."""
    return _lookup(get_evaluation_types, account_id).apply(_plain)


def get_logs_output(
    gateway_id: pulumi.Input[str],
    filters: Sequence[LogFilter] = (),
    limit: int = 50,
    account_id: pulumi.Input[str] | None = None,
) -> pulumi.Output[list[dict[str, Any]]]:
    """``get_logs`` over Pulumi inputs (unknown during preview), as a list of dicts."""
    return _lookup(lambda g, a: get_logs(g, filters, limit, a), gateway_id, account_id).apply(_plain)
