"""The ``DynamicRoute`` resource: its inputs, outputs and dynamic provider. The wire models and API calls are in
``pulumi_ai_gateway.api.dynamic_route`` (re-exported here, so both import paths work).
"""

from __future__ import annotations

import builtins
import json
from typing import TYPE_CHECKING, Any

from pydantic import AliasPath, Field

from pulumi_ai_gateway._exports import generated_names
from pulumi_ai_gateway._http import Lost, post_recovering
from pulumi_ai_gateway._models import ComputedOutputs
from pulumi_ai_gateway._provider import GatewayScoped, Provider
from pulumi_ai_gateway.api.dynamic_route import (
    ConditionalElement,
    DeploymentInfo,
    DynamicRouteApi,
    Element,
    EndElement,
    ModelElement,
    ModelProperties,
    PercentageElement,
    RateElement,
    RateProperties,
    RouteBody,
    RouteInfo,
    StartElement,
    Target,
    VersionInfo,
    elements_body,
)

if TYPE_CHECKING:
    from pulumi_ai_gateway._inputs import DynamicRoute, DynamicRouteArgs, DynamicRouteArgsDict

__all__ = [
    "ConditionalElement",
    "DeploymentInfo",
    "DynamicRoute",
    "DynamicRouteApi",
    "DynamicRouteArgs",
    "DynamicRouteArgsDict",
    "DynamicRouteComputed",
    "DynamicRouteProvider",
    "Element",
    "EndElement",
    "ModelElement",
    "ModelProperties",
    "PercentageElement",
    "RateElement",
    "RateProperties",
    "RouteBody",
    "RouteInfo",
    "StartElement",
    "Target",
    "VersionInfo",
]


def targets(element: Element) -> dict[str, Target]:
    """Where each output of an element leads (``end`` elements lead nowhere)."""
    if isinstance(element, EndElement):
        return {}
    return {str(name): target for name, target in element.outputs.items()}


def graph_failures(elements: builtins.list[Element]) -> builtins.list[tuple[str, str]]:
    """Why a route graph is invalid, as (field, reason) pairs; empty when it is valid.

    Exactly one start; unique ids; every output leads to an existing element; a percentage element has one to
    five branches; no cycles. With no cycles and only ``end`` elements lacking outputs, every path ends at one.
    """
    failures: builtins.list[tuple[str, str]] = []
    by_id: dict[str, Element] = {}
    for index, element in enumerate(elements):
        if element.id in by_id:
            failures.append((f"elements[{index}].id", f"duplicate element id {element.id!r}"))
        by_id[element.id] = element
    starts = [element.id for element in elements if isinstance(element, StartElement)]
    if len(starts) != 1:
        failures.append(("elements", f"a route needs exactly one start element, found {len(starts)}"))
    for index, element in enumerate(elements):
        if isinstance(element, PercentageElement) and not 1 <= len(element.outputs) <= 5:
            failures.append(
                (
                    f"elements[{index}].outputs",
                    f"a percentage element needs one to five branches, has {len(element.outputs)}",
                )
            )
        for output, target in targets(element).items():
            if target.element_id not in by_id:
                failures.append(
                    (
                        f"elements[{index}].outputs.{output}",
                        f"leads to {target.element_id!r}, which is not an element of this route",
                    )
                )
    if failures:
        return failures
    # Depth-first search for a cycle: grey = on the current path.
    colour: dict[str, str] = {}

    def visit(node: str, path: builtins.list[str]) -> builtins.list[str] | None:
        colour[node] = "grey"
        for target in targets(by_id[node]).values():
            nxt = target.element_id
            if colour.get(nxt) == "grey":
                return [*path, node, nxt]
            if nxt not in colour and (cycle := visit(nxt, [*path, node])):
                return cycle
        colour[node] = "black"
        return None

    for element in elements:
        if element.id not in colour and (cycle := visit(element.id, [])):
            return [("elements", f"the route has a cycle: {' -> '.join(cycle)}")]
    return []


class DynamicRouteInputs(GatewayScoped, RouteBody):
    """Inputs of a ``DynamicRoute``: a graph of elements from one ``start`` to ``end`` elements."""


class DynamicRouteComputed(ComputedOutputs):
    """What the API computes about a route."""

    route_id: str = Field(validation_alias="id", description="The id Cloudflare gave the route.")
    version_id: str | None = Field(
        default=None, validation_alias=AliasPath("version", "version_id"), description="The deployed version."
    )
    deployment_id: str | None = Field(
        default=None,
        validation_alias=AliasPath("deployment", "deployment_id"),
        description="The current deployment.",
    )
    created_at: str = Field(description="When the route was created.")
    modified_at: str = Field(description="When it last changed.")


def _stored_graph(version: VersionInfo) -> object:
    """The graph a version holds (its ``data`` is the elements as JSON), or None if it cannot be read."""
    try:
        return json.loads(version.data)
    except ValueError:
        return None


class DynamicRouteProvider(Provider[DynamicRouteInputs, DynamicRouteApi]):
    """Dynamic provider of ``DynamicRoute``: renames by PATCH, graph changes by new version + deployment."""

    resource_doc = """A dynamic route of a gateway."""

    inputs_model = DynamicRouteInputs
    outputs_model = DynamicRouteComputed
    api_type = DynamicRouteApi
    kind = "dynamic route"
    natural_key = ("gateway_id", "name")
    replace_on = frozenset({"gateway_id"})

    def _name(self, inputs: DynamicRouteInputs) -> str:
        return f"dynamic route {inputs.name!r} of gateway {inputs.gateway_id!r}"

    semantic_inputs = frozenset({"elements"})

    def _semantic_failures(self, values: dict[str, Any]) -> builtins.list[tuple[str, str]]:
        return graph_failures(values["elements"] or [])

    def _create(self, api: DynamicRouteApi, inputs: DynamicRouteInputs) -> tuple[str, dict[str, Any]]:
        info = api.create(inputs.gateway_id, inputs.name, inputs.elements)
        return info.id, self._computed(info)

    def _find(self, api: DynamicRouteApi, inputs: DynamicRouteInputs) -> str | None:
        return next((r.id for r in api.list(inputs.gateway_id) if r.name == inputs.name), None)

    def _get(self, api: DynamicRouteApi, id_: str, inputs: DynamicRouteInputs) -> RouteInfo:
        return api.get(inputs.gateway_id, id_)

    def _update(
        self, api: DynamicRouteApi, id_: str, olds: DynamicRouteInputs | None, news: DynamicRouteInputs
    ) -> dict[str, Any]:
        current = olds if olds is not None else self._read(api, id_, news)[0]
        info: RouteInfo | None = None
        if current.name != news.name:
            info = api.rename(news.gateway_id, id_, news.name)  # answers with the whole route
        if elements_body(current.elements) != elements_body(news.elements):
            versions = api.list_versions(news.gateway_id, id_)
            version = self._left_over_version(api, id_, news, versions) or self._store_version(
                api, id_, news, versions
            )
            return self._computed(api.deploy(news.gateway_id, id_, version.version_id))
        return self._computed(info or api.get(news.gateway_id, id_))

    @staticmethod
    def _left_over_version(
        api: DynamicRouteApi,
        id_: str,
        news: DynamicRouteInputs,
        versions: builtins.list[VersionInfo] | None = None,
    ) -> VersionInfo | None:
        """The newest never-deployed version holding exactly the desired graph, if any.

        Such a version is left by an update that failed halfway (e.g. its answer was lost): deploying it
        rather than storing the graph once more keeps the version history free of repeats.
        """
        wanted = elements_body(news.elements)
        if versions is None:
            versions = api.list_versions(news.gateway_id, id_)
        left_over = [v for v in versions if v.active != "true" and _stored_graph(v) == wanted]
        return left_over[-1] if left_over else None

    def _store_version(
        self, api: DynamicRouteApi, id_: str, news: DynamicRouteInputs, versions: builtins.list[VersionInfo]
    ) -> VersionInfo:
        """A new version of the desired graph; a POST whose answer was lost is looked up, then repeated."""
        listed: list[builtins.list[VersionInfo] | None] = [versions]

        def post() -> VersionInfo:
            known, listed[0] = listed[0], None  # the caller's list is current only at first
            return api.create_version(news.gateway_id, id_, news.elements, versions=known)

        # Repeating it would store the graph twice: a POST that may still be running is awaited.
        made = post_recovering(
            api.http, post, lambda: self._left_over_version(api, id_, news), repeat_would_duplicate=True
        )
        return made.found if isinstance(made, Lost) else made

    def _delete(self, api: DynamicRouteApi, id_: str, inputs: DynamicRouteInputs) -> None:
        api.delete(inputs.gateway_id, id_)


__getattr__ = generated_names(__name__, "DynamicRoute")
