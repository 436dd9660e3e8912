"""Cloudflare AI Gateway as Pulumi infrastructure: every object of the API as a Pulumi dynamic resource.

Resources: ``Gateway``, ``Dataset``, ``Evaluation``, ``DynamicRoute``, ``ProviderConfig``, ``CustomProvider``,
``CustomProviderCost``, ``CustomDomain``, each with its ``...Args`` class and ``...ArgsDict``; nested settings
likewise (``OtelExporterArgs``, ``TargetArgs``, ...). Lookups: ``get_gateway``, ``get_gateway_url``,
``get_custom_providers``, ``get_evaluation_types``, ``get_logs`` and their ``_output`` forms, both forms returning the
same typed result (``GetGatewayResult``, ...). The typed API client is
``AIGatewayClient``; errors derive from ``AIGatewayError``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pulumi_ai_gateway._input_names import INPUT_NAMES, RESULT_NAMES

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time each name loads on first use
    from pulumi_ai_gateway import _inputs, _results
    from pulumi_ai_gateway._inputs import *  # noqa: F403 (every generated input type; listed in its __all__)
    from pulumi_ai_gateway._results import *  # noqa: F403 (every lookup result type; listed in its __all__)
    from pulumi_ai_gateway.client import (
        AIGatewayClient,
        RetryPolicy,
    )
    from pulumi_ai_gateway.custom_provider_cost import (
        TokenPricing,
    )
    from pulumi_ai_gateway.dataset import (
        DatasetFilter,
    )
    from pulumi_ai_gateway.dynamic_route import (
        ConditionalElement,
        EndElement,
        ModelElement,
        ModelProperties,
        PercentageElement,
        RateElement,
        RateProperties,
        StartElement,
        Target,
    )
    from pulumi_ai_gateway.errors import (
        AIGatewayError,
        AlreadyExistsError,
        ApiError,
        AuthenticationError,
        ConfigurationError,
        NotFoundError,
        RateLimitedError,
        ServerError,
        TransportError,
        ValidationError,
    )
    from pulumi_ai_gateway.functions import (
        delete_logs,
        get_custom_domain,
        get_custom_domain_output,
        get_custom_providers,
        get_custom_providers_output,
        get_dynamic_route,
        get_dynamic_route_output,
        get_evaluation_types,
        get_evaluation_types_output,
        get_gateway,
        get_gateway_output,
        get_gateway_url,
        get_gateway_url_output,
        get_gateways,
        get_gateways_output,
        get_log_request,
        get_log_response,
        get_logs,
        get_logs_output,
        set_log_feedback,
    )
    from pulumi_ai_gateway.gateway import (
        DlpPolicy,
        DlpPolicySet,
        DlpSimple,
        GuardrailActions,
        Guardrails,
        OtelExporter,
        SpendLimitFilter,
        SpendLimitRule,
        SpendLimits,
        Stripe,
        StripeUsageEvent,
    )
    from pulumi_ai_gateway.log import (
        LogFilter,
    )
    from pulumi_ai_gateway.settings import (
        Settings,
    )

# Public name -> the module defining it. Importing the package loads none of them: a script that only wants
# the typed client (``pulumi_ai_gateway.client``) never loads the Pulumi SDK, and a program loads what it uses.
_MODULES: dict[str, str] = {
    "AIGatewayClient": "client",
    "AIGatewayError": "errors",
    "AlreadyExistsError": "errors",
    "ApiError": "errors",
    "AuthenticationError": "errors",
    "ConditionalElement": "dynamic_route",
    "ConfigurationError": "errors",
    "DatasetFilter": "dataset",
    "DlpPolicy": "gateway",
    "DlpPolicySet": "gateway",
    "DlpSimple": "gateway",
    "EndElement": "dynamic_route",
    "GuardrailActions": "gateway",
    "Guardrails": "gateway",
    "LogFilter": "log",
    "ModelElement": "dynamic_route",
    "ModelProperties": "dynamic_route",
    "NotFoundError": "errors",
    "OtelExporter": "gateway",
    "PercentageElement": "dynamic_route",
    "RateElement": "dynamic_route",
    "RateLimitedError": "errors",
    "RateProperties": "dynamic_route",
    "RetryPolicy": "client",
    "ServerError": "errors",
    "Settings": "settings",
    "SpendLimitFilter": "gateway",
    "SpendLimitRule": "gateway",
    "SpendLimits": "gateway",
    "StartElement": "dynamic_route",
    "Stripe": "gateway",
    "StripeUsageEvent": "gateway",
    "Target": "dynamic_route",
    "TokenPricing": "custom_provider_cost",
    "TransportError": "errors",
    "ValidationError": "errors",
    "delete_logs": "functions",
    "get_custom_domain": "functions",
    "get_custom_domain_output": "functions",
    "get_custom_providers": "functions",
    "get_custom_providers_output": "functions",
    "get_dynamic_route": "functions",
    "get_dynamic_route_output": "functions",
    "get_evaluation_types": "functions",
    "get_evaluation_types_output": "functions",
    "get_gateway": "functions",
    "get_gateway_output": "functions",
    "get_gateway_url": "functions",
    "get_gateway_url_output": "functions",
    "get_gateways": "functions",
    "get_gateways_output": "functions",
    "get_log_request": "functions",
    "get_log_response": "functions",
    "get_logs": "functions",
    "get_logs_output": "functions",
    "set_log_feedback": "functions",
}
_MODULES.update(dict.fromkeys(INPUT_NAMES, "_inputs"))
_MODULES.update(dict.fromkeys(RESULT_NAMES, "_results"))

__all__ = [
    "AIGatewayClient",
    "AIGatewayError",
    "AlreadyExistsError",
    "ApiError",
    "AuthenticationError",
    "ConditionalElement",
    "ConfigurationError",
    "DatasetFilter",
    "DlpPolicy",
    "DlpPolicySet",
    "DlpSimple",
    "EndElement",
    "GuardrailActions",
    "Guardrails",
    "LogFilter",
    "ModelElement",
    "ModelProperties",
    "NotFoundError",
    "OtelExporter",
    "PercentageElement",
    "RateElement",
    "RateLimitedError",
    "RateProperties",
    "RetryPolicy",
    "ServerError",
    "Settings",
    "SpendLimitFilter",
    "SpendLimitRule",
    "SpendLimits",
    "StartElement",
    "Stripe",
    "StripeUsageEvent",
    "Target",
    "TokenPricing",
    "TransportError",
    "ValidationError",
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
if TYPE_CHECKING:
    __all__ += _inputs.__all__ + _results.__all__
else:
    __all__ += INPUT_NAMES + RESULT_NAMES


def __getattr__(name: str) -> Any:
    """Load a public name on first use (PEP 562); later uses find it in the module's namespace."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
