"""Dynamic routes, their versions and deployments: models and API calls (``/gateways/{gateway_id}/routes``).

A route's graph (``elements``) is set on create (which deploys version 1). Afterwards PATCH only renames; a
graph change is a new version followed by a deployment of it.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import AliasPath, Field

from pulumi_ai_gateway._http import Lost, ObjectApi, post_recovering
from pulumi_ai_gateway._inputs import DynamicRouteArgs, DynamicRouteArgsDict, DynamicRouteBase
from pulumi_ai_gateway._models import ComputedOutputs, RequestModel, ResponseModel
from pulumi_ai_gateway._resource import GatewayScoped, Provider
from pulumi_ai_gateway.errors import ApiError

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
    "RouteInfo",
    "StartElement",
    "Target",
    "VersionInfo",
]


class Target(RequestModel):
    """The element an output leads to."""

    element_id: str = Field(alias="elementId", description="Id of the next element.")


class StartElement(RequestModel):
    """Where every request enters the route."""

    id: str = Field(description="Element id, unique in the route (targets refer to it).")
    type: Literal["start"] = "start"
    outputs: dict[Literal["next"], Target] = Field(description="``next``: the first element.")


class ConditionalProperties(RequestModel):
    """The condition of a conditional element."""

    conditions: dict[str, Any] | None = Field(default=None, description="The condition expression.")


class ConditionalElement(RequestModel):
    """Branches on a condition over the request."""

    id: str = Field(description="Element id, unique in the route (targets refer to it).")
    type: Literal["conditional"] = "conditional"
    properties: ConditionalProperties = Field(
        default_factory=ConditionalProperties, description="The condition."
    )
    outputs: dict[Literal["true", "false"], Target] = Field(description="``true`` and ``false`` branches.")


class PercentageElement(RequestModel):
    """Splits traffic between one to five branches (output name → target)."""

    id: str = Field(description="Element id, unique in the route (targets refer to it).")
    type: Literal["percentage"] = "percentage"
    outputs: dict[str, Target] = Field(description="One to five branches: output name -> target.")


class RateProperties(RequestModel):
    """The limit of a rate element."""

    key: str = Field(description="What the limit is counted per.")
    limit: float = Field(description="Requests or cost allowed per window.")
    limit_type: Literal["count", "cost"] = Field(alias="limitType", description="Count requests or cost.")
    window: float = Field(description="Window length in seconds.")


class RateElement(RequestModel):
    """Sends traffic to ``success`` while under a rate limit, else to ``fallback``."""

    id: str = Field(description="Element id, unique in the route (targets refer to it).")
    type: Literal["rate"] = "rate"
    properties: RateProperties = Field(description="The limit.")
    outputs: dict[Literal["success", "fallback"], Target] = Field(
        description="``success`` while under the limit, ``fallback`` over it."
    )


class ModelProperties(RequestModel):
    """The model a model element calls."""

    provider: str = Field(description="Provider slug, e.g. openai.")
    model: str = Field(description="Model name.")
    timeout: float = Field(description="Timeout in milliseconds.")
    retries: float = Field(description="Retries before falling back.")


class ModelElement(RequestModel):
    """Calls a model; ``fallback`` is taken when it fails."""

    id: str = Field(description="Element id, unique in the route (targets refer to it).")
    type: Literal["model"] = "model"
    properties: ModelProperties = Field(description="The model and how to call it.")
    outputs: dict[Literal["success", "fallback"], Target] = Field(
        description="``success`` on an answer, ``fallback`` when the call fails."
    )


class EndElement(RequestModel):
    """Where a request leaves the route."""

    id: str = Field(description="Element id, unique in the route (targets refer to it).")
    type: Literal["end"] = "end"
    outputs: dict[str, Any] = Field(default_factory=dict, description="None: the route ends here.")


Element = Annotated[
    StartElement | ConditionalElement | PercentageElement | RateElement | ModelElement | EndElement,
    Field(discriminator="type"),
]


class DeploymentInfo(ResponseModel):
    deployment_id: str
    version_id: str
    created_at: str


class VersionInfo(ResponseModel):
    version_id: str
    active: str
    data: str
    created_at: str


class RouteInfo(ResponseModel):
    """A route as the API returns it (``deployment`` and ``version`` on get/create/list/PATCH)."""

    id: str
    name: str
    gateway_id: str
    elements: list[dict[str, Any]]
    created_at: str
    modified_at: str
    deployment: DeploymentInfo | None = None
    version: VersionInfo | None = None


def elements_body(elements: list[Element]) -> list[dict[str, Any]]:
    return [element.model_dump(mode="json", by_alias=True, exclude_none=True) for element in elements]


class DynamicRouteApi(ObjectApi):
    """``/gateways/{gateway_id}/routes`` of one account."""

    @staticmethod
    def _path(gateway_id: str, route_id: str | None = None, tail: str = "") -> str:
        return f"/gateways/{gateway_id}/routes" + (f"/{route_id}" if route_id else "") + tail

    def list(self, gateway_id: str, *, per_page: int = 100) -> Iterator[RouteInfo]:
        for item in self._client.paginate(
            self._path(gateway_id),
            what=f"routes of {gateway_id!r}",
            operation="list",
            per_page=per_page,
            data_key="routes",
        ):
            yield RouteInfo.model_validate(item)

    def get(self, gateway_id: str, route_id: str) -> RouteInfo:
        result = self._client.call(
            "GET", self._path(gateway_id, route_id), what=f"route {route_id!r}", operation="read"
        )
        return RouteInfo.model_validate(result)

    def create(self, gateway_id: str, name: str, elements: builtins.list[Element]) -> RouteInfo:
        """Create the route; the API deploys its graph as version 1."""
        body = {"name": name, "elements": elements_body(elements)}
        result = self._client.call(
            "POST", self._path(gateway_id), what=f"route {name!r}", operation="create", json=body
        )
        return RouteInfo.model_validate(result)

    def rename(self, gateway_id: str, route_id: str, name: str) -> RouteInfo:
        result = self._client.call(
            "PATCH",
            self._path(gateway_id, route_id),
            what=f"route {route_id!r}",
            operation="rename",
            json={"name": name},
        )
        return RouteInfo.model_validate(result)

    def delete(self, gateway_id: str, route_id: str) -> None:
        self._client.call(
            "DELETE", self._path(gateway_id, route_id), what=f"route {route_id!r}", operation="delete"
        )

    def list_versions(self, gateway_id: str, route_id: str) -> builtins.list[VersionInfo]:
        versions = self._client.call(
            "GET",
            self._path(gateway_id, route_id, "/versions"),
            what=f"route {route_id!r}",
            operation="list versions",
            data_key="versions",
        )
        return [VersionInfo.model_validate(item) for item in versions]

    def create_version(
        self,
        gateway_id: str,
        route_id: str,
        elements: builtins.list[Element],
        *,
        versions: builtins.list[VersionInfo] | None = None,
    ) -> VersionInfo:
        """Store a new graph (not yet deployed) and return it as a version.

        ``versions``: the route's versions, when the caller has just listed them (saves a request).
        """
        known = self.list_versions(gateway_id, route_id) if versions is None else versions
        before = {v.version_id for v in known}
        self._client.call(
            "POST",
            self._path(gateway_id, route_id, "/versions"),
            what=f"route {route_id!r}",
            operation="create version",
            json={"elements": elements_body(elements)},
        )
        # The API answers with the route, not the version: find the version that is new.
        created = [v for v in self.list_versions(gateway_id, route_id) if v.version_id not in before]
        if len(created) != 1:
            found = f"expected one new version, found {len(created)}"
            raise ApiError(f"route {route_id!r}", "create version", 200, None, found)
        return created[0]

    def get_version(self, gateway_id: str, route_id: str, version_id: str) -> VersionInfo:
        result = self._client.call(
            "GET",
            self._path(gateway_id, route_id, f"/versions/{version_id}"),
            what=f"route {route_id!r}",
            operation=f"read version {version_id!r}",
        )
        return VersionInfo.model_validate(result)

    def list_deployments(self, gateway_id: str, route_id: str) -> builtins.list[DeploymentInfo]:
        deployments = self._client.call(
            "GET",
            self._path(gateway_id, route_id, "/deployments"),
            what=f"route {route_id!r}",
            operation="list deployments",
            data_key="deployments",
        )
        return [DeploymentInfo.model_validate(item) for item in deployments]

    def deploy(self, gateway_id: str, route_id: str, version_id: str) -> RouteInfo:
        """Deploy a version; returns the route as it now stands."""
        self._client.call(
            "POST",
            self._path(gateway_id, route_id, "/deployments"),
            what=f"route {route_id!r}",
            operation=f"deploy version {version_id!r}",
            json={"version_id": version_id},
        )
        return self.get(gateway_id, route_id)


# The Pulumi resource ---------------------------------------------------------------------------------------


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


class RouteBody(RequestModel):
    """The body of a route's create: its name and graph."""

    name: str = Field(min_length=1, description="Route name, unique per gateway; renaming keeps the route.")
    elements: builtins.list[Element] = Field(
        min_length=2,
        description="The graph, from one start element to end elements: start, conditional, percentage, "
        "rate, model and end elements. A change deploys a new version of the same route.",
    )


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

    def _read(
        self, api: DynamicRouteApi, id_: str, inputs: DynamicRouteInputs
    ) -> tuple[DynamicRouteInputs, dict[str, Any]]:
        info = api.get(inputs.gateway_id, id_)
        observed = self._observed(
            {**inputs.model_dump(), "name": info.name, "elements": info.elements}, inputs
        )
        return observed, self._computed(info)

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


class DynamicRoute(DynamicRouteBase, module="aigateway", name="DynamicRoute"):
    """A dynamic route of a gateway (type token ``pulumi-python:dynamic/aigateway:DynamicRoute``)."""

    provider_type = DynamicRouteProvider
