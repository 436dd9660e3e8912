"""Cloudflare AI Gateway as Pulumi infrastructure: every object of the API as a Pulumi dynamic resource.

Resources: ``Gateway``, ``Dataset``, ``Evaluation``, ``DynamicRoute``, ``ProviderConfig``, ``CustomProvider``,
``CustomProviderCost``, ``CustomDomain``, each with its ``...Args`` class and ``...ArgsDict``; nested settings
likewise (``OtelExporterArgs``, ``TargetArgs``, ...). Lookups: ``get_gateway``, ``get_gateway_url``,
``get_custom_providers``, ``get_evaluation_types``, ``get_logs`` and their ``_output`` forms. The typed API client is
``AIGatewayClient``; errors derive from ``AIGatewayError``.
"""

from pulumi_ai_gateway import _inputs
from pulumi_ai_gateway._inputs import *  # noqa: F403 (every generated input type; listed in its __all__)
from pulumi_ai_gateway.client import AIGatewayClient, RetryPolicy
from pulumi_ai_gateway.custom_domain import CustomDomain
from pulumi_ai_gateway.custom_provider import CustomProvider
from pulumi_ai_gateway.custom_provider_cost import CustomProviderCost, TokenPricing
from pulumi_ai_gateway.dataset import Dataset, DatasetFilter
from pulumi_ai_gateway.dynamic_route import (
    ConditionalElement,
    DynamicRoute,
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
from pulumi_ai_gateway.evaluation import Evaluation
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
    Gateway,
    GuardrailActions,
    Guardrails,
    OtelExporter,
    SpendLimitFilter,
    SpendLimitRule,
    SpendLimits,
    Stripe,
    StripeUsageEvent,
)
from pulumi_ai_gateway.log import LogFilter
from pulumi_ai_gateway.provider_config import ProviderConfig
from pulumi_ai_gateway.settings import Settings

__all__ = [
    "AIGatewayClient",
    "AIGatewayError",
    "AlreadyExistsError",
    "ApiError",
    "AuthenticationError",
    "ConditionalElement",
    "ConfigurationError",
    "CustomDomain",
    "CustomProvider",
    "CustomProviderCost",
    "Dataset",
    "DatasetFilter",
    "DlpPolicy",
    "DlpPolicySet",
    "DlpSimple",
    "DynamicRoute",
    "EndElement",
    "Evaluation",
    "Gateway",
    "GuardrailActions",
    "Guardrails",
    "LogFilter",
    "ModelElement",
    "ModelProperties",
    "NotFoundError",
    "OtelExporter",
    "PercentageElement",
    "ProviderConfig",
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
__all__ += _inputs.__all__
