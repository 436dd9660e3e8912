"""Dynamic routes, their versions and deployments: models and API calls (``/gateways/{gateway_id}/routes``).

A route's graph (``elements``) is set on create (which deploys version 1). Afterwards PATCH only renames; a
graph change is a new version followed by a deployment of it.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import Field

from pulumi_ai_gateway._http import ObjectApi
from pulumi_ai_gateway._models import Answer, RequestModel, ResponseModel, read_answer
from pulumi_ai_gateway.errors import ApiError

__all__ = [
    "ConditionalElement",
    "ConditionalProperties",
    "DeploymentInfo",
    "DynamicRouteApi",
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
    "elements_body",
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
    """The route's deployment: which version serves requests."""

    deployment_id: str = Field(description="The deployment's id.")
    version_id: str = Field(description="The version it deploys.")
    created_at: str = Field(description="When it was deployed (ISO 8601).")


class VersionInfo(ResponseModel):
    """A version of the route's graph."""

    version_id: str = Field(description="The version's id.")
    active: str = Field(description='``"true"`` for the deployed version, else ``"false"`` (a string).')
    data: str = Field(description="The version's graph as JSON text.")
    created_at: str = Field(description="When it was made (ISO 8601).")
    is_valid: bool | None = Field(None, description="Whether the API found the graph valid.")


class RouteBody(RequestModel):
    """The body of a route's create: its name and graph."""

    name: str = Field(min_length=1, description="Route name, unique per gateway; renaming keeps the route.")
    elements: builtins.list[Element] = Field(
        min_length=2,
        description="The graph, from one start element to end elements: start, conditional, percentage, "
        "rate, model and end elements. A change deploys a new version of the same route.",
    )


class RouteInfo(RouteBody, Answer):
    """A route as the API returns it: its name and deployed graph, and what the API sets (``deployment`` and
    ``version`` on get/create/list/PATCH)."""

    id: str = Field(description="The route's id.")
    gateway_id: str = Field(description="The gateway it belongs to.")
    created_at: str = Field(description="When the route was created.")
    modified_at: str = Field(description="When it last changed.")
    deployment: DeploymentInfo | None = Field(None, description="The deployment serving requests.")
    version: VersionInfo | None = Field(None, description="The deployed version.")


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
            yield read_answer(RouteInfo, item)

    def get(self, gateway_id: str, route_id: str) -> RouteInfo:
        result = self._client.call(
            "GET", self._path(gateway_id, route_id), what=f"route {route_id!r}", operation="read"
        )
        return read_answer(RouteInfo, result)

    def create(self, gateway_id: str, name: str, elements: builtins.list[Element]) -> RouteInfo:
        """Create the route; the API deploys its graph as version 1."""
        body = {"name": name, "elements": elements_body(elements)}
        result = self._client.call(
            "POST", self._path(gateway_id), what=f"route {name!r}", operation="create", json=body
        )
        return read_answer(RouteInfo, result)

    def rename(self, gateway_id: str, route_id: str, name: str) -> RouteInfo:
        result = self._client.call(
            "PATCH",
            self._path(gateway_id, route_id),
            what=f"route {route_id!r}",
            operation="rename",
            json={"name": name},
        )
        return read_answer(RouteInfo, result)

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
