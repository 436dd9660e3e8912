"""Rules over custom domains, on ``CustomDomainInputs`` as the provider reads them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pulumi_policy import ResourceValidationPolicy

from aigw_rules._base import Config, choices, policy
from pulumi_ai_gateway.custom_domain import CustomDomainBody, CustomDomainInputs

__all__ = ["POLICIES"]


def minimum_tls(domain: CustomDomainInputs, config: Config) -> Iterable[str]:
    if not re.search(config["gatewayIdPattern"], domain.gateway_id or ""):
        return
    versions = choices(CustomDomainBody, "min_tls")
    lowest = config["minTls"]
    if domain.min_tls is None or versions.index(domain.min_tls) < versions.index(lowest):
        yield (
            f"field min_tls is {domain.min_tls or 'unset'}; custom domains of gateways matching "
            f"{config['gatewayIdPattern']!r} need TLS {lowest} or later"
        )


POLICIES: list[ResourceValidationPolicy] = [
    policy(
        "custom-domain-tls",
        "CustomDomain",
        "Custom domains of matching gateways require a minimum TLS version.",
        minimum_tls,
        {
            "gatewayIdPattern": {
                "type": "string",
                "default": "^prod",
                "description": "regex of gateway ids whose custom domains are checked",
            },
            "minTls": {
                "type": "string",
                "enum": ["1.0", "1.1", "1.2", "1.3"],
                "default": "1.2",
                "description": "the lowest TLS version allowed",
            },
        },
    ),
]
