"""``AIGatewayClient``: every AI Gateway operation of one account, typed."""

from __future__ import annotations

from pulumi_ai_gateway._http import ApiClient, RetryPolicy
from pulumi_ai_gateway.api.billing import BillingApi
from pulumi_ai_gateway.api.custom_domain import CustomDomainApi
from pulumi_ai_gateway.api.custom_provider import CustomProviderApi
from pulumi_ai_gateway.api.custom_provider_cost import CustomProviderCostApi
from pulumi_ai_gateway.api.dataset import DatasetApi
from pulumi_ai_gateway.api.dynamic_route import DynamicRouteApi
from pulumi_ai_gateway.api.evaluation import EvaluationApi
from pulumi_ai_gateway.api.gateway import GatewayApi
from pulumi_ai_gateway.api.provider_config import ProviderConfigApi
from pulumi_ai_gateway.api.spending_limit import SpendingLimitApi
from pulumi_ai_gateway.api.topup_config import TopupConfigApi
from pulumi_ai_gateway.log import LogApi
from pulumi_ai_gateway.settings import Settings

__all__ = ["AIGatewayClient", "RetryPolicy"]


class AIGatewayClient:
    """The API of one account: ``client.gateways.get("prod")``, ``client.routes.create(...)``, ...

    Cheap to build: the HTTP connection pool is shared per process and created on first use.
    """

    def __init__(
        self, settings: Settings, *, retry: RetryPolicy | None = None, http: ApiClient | None = None
    ) -> None:
        self.http = http or ApiClient(settings, retry=retry)
        """The HTTP client every call goes through (``request`` sends a raw call)."""
        self.gateways = GatewayApi(self.http)
        self.datasets = DatasetApi(self.http)
        self.evaluations = EvaluationApi(self.http)
        self.logs = LogApi(self.http)
        self.routes = DynamicRouteApi(self.http)
        self.provider_configs = ProviderConfigApi(self.http)
        self.custom_providers = CustomProviderApi(self.http)
        self.custom_provider_costs = CustomProviderCostApi(self.http)
        self.custom_domains = CustomDomainApi(self.http)
        self.spending_limit = SpendingLimitApi(self.http)
        self.topup_config = TopupConfigApi(self.http)
        self.billing = BillingApi(self.http)

    @property
    def api(self) -> ApiClient:
        """The former name of ``http``, kept for scripts written against earlier releases."""
        return self.http

    def __repr__(self) -> str:
        return f"AIGatewayClient({self.http!r})"
