"""Rules over custom providers, on ``CustomProviderInputs`` as the provider reads them."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from pulumi_policy import ResourceValidationPolicy

from aigw_rules._base import Config, policy
from pulumi_ai_gateway.custom_provider import CustomProviderInputs

__all__ = ["POLICIES"]


def https_upstream(upstream: CustomProviderInputs, _: Config) -> Iterable[str]:
    # Requests carry the upstream's credentials (``headers``): never over plain http.
    scheme = urlsplit(upstream.base_url or "").scheme
    if scheme != "https":
        yield f"field base_url must use https, not {scheme or 'no scheme'}: requests carry its credentials"


POLICIES: list[ResourceValidationPolicy] = [
    policy(
        "custom-provider-https", "CustomProvider", "Custom providers are called over https.", https_upstream
    ),
]
