"""Rules across the resources of a stack."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from pulumi_policy import EnforcementLevel, ReportViolation, StackValidationArgs, StackValidationPolicy

from aigw_rules._base import TYPES, view
from pulumi_ai_gateway._objects import OBJECTS
from pulumi_ai_gateway.provider_config import ProviderConfigInputs

__all__ = ["POLICIES"]


def one_default_key(args: StackValidationArgs, report: ReportViolation) -> None:
    """At most one default provider config per provider per gateway, across the stack."""
    configs = [
        (r.name, view(ProviderConfigInputs, r.props))
        for r in args.resources
        if r.resource_type == TYPES["ProviderConfig"]
    ]
    defaults = Counter((c.gateway_id, c.provider_slug) for _, c in configs if c.default_config)
    for (gateway_id, slug), count in sorted(defaults.items(), key=str):
        if count > 1:
            names = ", ".join(
                sorted(
                    n
                    for n, c in configs
                    if c.default_config and (c.gateway_id, c.provider_slug) == (gateway_id, slug)
                )
            )
            report(
                f"ProviderConfig {names}: {count} configs have default_config=true for provider {slug!r} of "
                f"gateway {gateway_id!r}; at most one may",
                None,
            )


def one_resource_per_object(args: StackValidationArgs, report: ReportViolation) -> None:
    """No two resources of the stack manage one object: their natural keys (a gateway's id, a route's gateway
    and name, a provider config's gateway, slug and alias...) differ."""
    specs = {spec.type_token: spec for spec in OBJECTS}
    owners: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for resource in args.resources:
        spec = specs.get(resource.resource_type)
        if spec is None:
            continue
        inputs = view(spec.provider.inputs_model, resource.props)
        fields = spec.provider.natural_key
        values = tuple(getattr(inputs, field) for field in ("account_id", *fields))
        if None not in values[1:]:  # a key not known yet (preview) is not judged
            owners[(spec.resource, fields, *values)].append(resource.name)
    for (kind, fields, _account, *key_values), names in owners.items():
        if len(names) > 1:
            key = ", ".join(f"{field}={value!r}" for field, value in zip(fields, key_values, strict=True))
            report(
                f"{kind} {', '.join(sorted(names))}: {len(names)} resources manage the same object ({key}); "
                "each object may have one resource only",
                None,
            )


POLICIES = [
    StackValidationPolicy(
        name="provider-config-single-default",
        description="At most one default provider config per provider per gateway.",
        validate=one_default_key,
        enforcement_level=EnforcementLevel.MANDATORY,
    ),
    StackValidationPolicy(
        name="one-resource-per-object",
        description="No two resources manage the same object (the same gateway id, route name, provider slug...).",
        validate=one_resource_per_object,
        enforcement_level=EnforcementLevel.MANDATORY,
    ),
]
