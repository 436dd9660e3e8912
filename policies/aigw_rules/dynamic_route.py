"""Rules over dynamic routes, on their inputs model as the provider reads it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pulumi_policy import ResourceValidationPolicy
from pydantic import ValidationError

from aigw_rules._base import Config, plain, policy
from pulumi_ai_gateway._models import field_path
from pulumi_ai_gateway.dynamic_route import DynamicRouteInputs, ModelElement, graph_failures, targets

__all__ = ["POLICIES"]


def model_fallbacks(route: DynamicRouteInputs, _: Config) -> Iterable[str]:
    """Every model on the primary path falls back to another model (fallback models themselves are exempt)."""
    elements = {element.id: element for element in route.elements or []}
    fallback_targets = {
        target.element_id
        for element in elements.values()
        for output, target in targets(element).items()
        if output == "fallback"
    }
    for element_id, element in elements.items():
        if not isinstance(element, ModelElement) or element_id in fallback_targets:
            continue
        seen: set[str] = set()
        fallback = targets(element).get("fallback")
        current = fallback.element_id if fallback else None
        while current in elements and current not in seen and not isinstance(elements[current], ModelElement):
            seen.add(current)
            nexts = [target.element_id for target in targets(elements[current]).values()]
            current = nexts[0] if len(nexts) == 1 else None
        if current is None or not isinstance(elements.get(current), ModelElement):
            yield f"field elements: model element {element_id!r} has no fallback path to another model"


def route_graph(props: Mapping[str, Any], _: Config) -> Iterable[str]:
    """The graph as the provider's check judges it: read strictly, then the rules across elements."""
    values = {k: plain(props.get(k)) for k in ("gateway_id", "name", "elements") if props.get(k) is not None}
    try:
        inputs = DynamicRouteInputs.model_validate(values)
    except ValidationError as exc:
        for error in exc.errors():
            yield f"field {field_path(DynamicRouteInputs, error['loc'])}: {error['msg']}"
        return
    for field, reason in graph_failures(inputs.elements):
        yield f"field {field}: {reason}"


POLICIES: list[ResourceValidationPolicy] = [
    policy(
        "route-model-fallback",
        "DynamicRoute",
        "Every model on a route's primary path has a fallback model.",
        model_fallbacks,
    ),
    policy(
        "route-graph-valid",
        "DynamicRoute",
        "A route's graph is valid (one start, targets exist, no cycles).",
        route_graph,
        typed=False,
    ),
]
