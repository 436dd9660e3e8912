"""Cloudflare AI Gateway as Pulumi infrastructure: every object of the API as a Pulumi dynamic resource.

Resources: ``Gateway``, ``Dataset``, ``Evaluation``, ``DynamicRoute``, ``ProviderConfig`` (each with its
``...Args``). Lookups: ``get_gateway``, ``get_gateway_url``, ``get_evaluation_types``, ``get_logs`` and their
``_output`` forms. The typed API client is ``AIGatewayClient``; errors derive from ``AIGatewayError``.
"""

from pulumi_ai_gateway.client import AIGatewayClient, RetryPolicy
from pulumi_ai_gateway.dataset import Dataset, DatasetArgs, DatasetFilter
from pulumi_ai_gateway.dynamic_route import (
    ConditionalElement,
    DynamicRoute,
    DynamicRouteArgs,
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
from pulumi_ai_gateway.evaluation import Evaluation, EvaluationArgs
from pulumi_ai_gateway.functions import (
    get_evaluation_types,
    get_evaluation_types_output,
    get_gateway,
    get_gateway_output,
    get_gateway_url,
    get_gateway_url_output,
    get_logs,
    get_logs_output,
)
from pulumi_ai_gateway.gateway import (
    DlpPolicy,
    DlpPolicySet,
    DlpSimple,
    Gateway,
    GatewayArgs,
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
from pulumi_ai_gateway.provider_config import ProviderConfig, ProviderConfigArgs
from pulumi_ai_gateway.settings import Settings

__all__ = [
    "AIGatewayClient",
    "AIGatewayError",
    "AlreadyExistsError",
    "ApiError",
    "AuthenticationError",
    "ConditionalElement",
    "ConfigurationError",
    "Dataset",
    "DatasetArgs",
    "DatasetFilter",
    "DlpPolicy",
    "DlpPolicySet",
    "DlpSimple",
    "DynamicRoute",
    "DynamicRouteArgs",
    "EndElement",
    "Evaluation",
    "EvaluationArgs",
    "Gateway",
    "GatewayArgs",
    "GuardrailActions",
    "Guardrails",
    "LogFilter",
    "ModelElement",
    "ModelProperties",
    "NotFoundError",
    "OtelExporter",
    "PercentageElement",
    "ProviderConfig",
    "ProviderConfigArgs",
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
    "TransportError",
    "ValidationError",
    "get_evaluation_types",
    "get_evaluation_types_output",
    "get_gateway",
    "get_gateway_output",
    "get_gateway_url",
    "get_gateway_url_output",
    "get_logs",
    "get_logs_output",
]
