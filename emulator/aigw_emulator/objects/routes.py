"""Dynamic routes with versions and deployments: ``/gateways/{gateway_id}/routes/...``.

Create takes ``name`` + ``elements`` and deploys version 1. PATCH renames only. A graph change is a new version
(``POST .../versions``) and a deployment of it (``POST .../deployments``). Lists answer ``{success, data:
{...}}``, PATCH answers ``{success, route}``, and every error, "not found" included, is a 400 (code 7005).
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from aigw_emulator.common import Body, Context, envelope, new_id, now, parse_body, query_int
from aigw_emulator.errors import ROUTE_ERROR, ApiError, bad_request
from aigw_emulator.store import Doc

__all__ = ["routes"]


class Target(Body):
    elementId: str


class StartOutputs(Body):
    next: Target


class StartElement(Body):
    id: str
    type: Literal["start"]
    outputs: StartOutputs


class ConditionalProperties(Body):
    conditions: dict[str, Any] | None = None


class ConditionalOutputs(Body):
    true: Target
    false: Target


class ConditionalElement(Body):
    id: str
    type: Literal["conditional"]
    properties: ConditionalProperties
    outputs: ConditionalOutputs


class PercentageElement(Body):
    id: str
    type: Literal["percentage"]
    outputs: dict[str, Target]


# Numbers come back as the client sent them (30000, not 30000.0), as JSON numbers do.
Number = int | float


class RateProperties(Body):
    key: str
    limit: Number
    limitType: Literal["count", "cost"]
    window: Number


class FallibleOutputs(Body):
    success: Target
    fallback: Target


class RateElement(Body):
    id: str
    type: Literal["rate"]
    properties: RateProperties
    outputs: FallibleOutputs


class ModelProperties(Body):
    provider: str
    model: str
    timeout: Number
    retries: Number


class ModelElement(Body):
    id: str
    type: Literal["model"]
    properties: ModelProperties
    outputs: FallibleOutputs


class EndElement(Body):
    id: str
    type: Literal["end"]
    outputs: dict[str, Any]


Element = Annotated[
    StartElement | ConditionalElement | PercentageElement | RateElement | ModelElement | EndElement,
    Field(discriminator="type"),
]


class RouteCreate(Body):
    name: Annotated[str, Field(min_length=1)]
    elements: list[Element]


class RouteRename(Body):
    name: Annotated[str, Field(min_length=1)]


class VersionCreate(Body):
    elements: list[Element]


class DeploymentCreate(Body):
    version_id: Annotated[str, Field(min_length=1)]


def _elements(body: RouteCreate | VersionCreate) -> list[dict[str, Any]]:
    return [element.model_dump(exclude_none=True) for element in body.elements]


def _route_not_found(route_id: str) -> Exception:
    return bad_request(f"Route {route_id} not found", ROUTE_ERROR)


class _Routes:
    """Reads and writes of one gateway's routes, versions and deployments."""

    def __init__(self, request: Request) -> None:
        self.ctx = Context.of(request)
        self.gateway_id = request.path_params["gateway_id"]
        if self.ctx.store.get("gateway", self.ctx.account, "", self.gateway_id) is None:
            # Dynamic routes never answer 404.
            raise bad_request(f"Gateway {self.gateway_id} not found", ROUTE_ERROR)

    def _child(self, route_id: str) -> str:
        return f"{self.gateway_id}/{route_id}"

    def route(self, route_id: str) -> Doc:
        route = self.ctx.store.get("route", self.ctx.account, self.gateway_id, route_id)
        if route is None:
            raise _route_not_found(route_id)
        return route

    def check_name_free(self, name: str, except_id: str | None = None) -> None:
        for other in self.ctx.store.list("route", self.ctx.account, self.gateway_id):
            if other["name"] == name and other["id"] != except_id:
                raise bad_request(f"Route with name {name!r} already exists", ROUTE_ERROR)

    def version(self, route_id: str, version_id: str) -> Doc:
        version = self.ctx.store.get("route_version", self.ctx.account, self._child(route_id), version_id)
        if version is None:
            raise bad_request(f"Version {version_id} of route {route_id} not found", ROUTE_ERROR)
        return version

    def versions(self, route_id: str) -> list[Doc]:
        return self.ctx.store.list("route_version", self.ctx.account, self._child(route_id))

    def deployments(self, route_id: str) -> list[Doc]:
        return self.ctx.store.list("route_deployment", self.ctx.account, self._child(route_id))

    def add_version(self, route_id: str, elements: list[dict[str, Any]]) -> Doc:
        version_id = new_id()
        version = {"version_id": version_id, "elements": elements, "created_at": now()}
        return self.ctx.store.put(
            "route_version", self.ctx.account, self._child(route_id), version_id, version
        )

    def deploy(self, route: Doc, version_id: str) -> Doc:
        deployment = {"deployment_id": new_id(), "version_id": version_id, "created_at": now()}
        self.ctx.store.put(
            "route_deployment",
            self.ctx.account,
            self._child(route["id"]),
            deployment["deployment_id"],
            deployment,
        )
        route.update(deployment=deployment, modified_at=now())
        self.ctx.store.put("route", self.ctx.account, self.gateway_id, route["id"], route)
        return deployment

    def version_view(self, route: Doc, version: Doc) -> Doc:
        active = route["deployment"]["version_id"] == version["version_id"]
        return {
            "version_id": version["version_id"],
            "active": "true" if active else "false",
            "data": json.dumps(version["elements"], separators=(",", ":")),
            "created_at": version["created_at"],
            "is_valid": True,
        }

    def short(self, route: Doc, elements: list[dict[str, Any]] | None = None) -> Doc:
        deployed = self.version(route["id"], route["deployment"]["version_id"])
        return {
            "id": route["id"],
            "name": route["name"],
            "gateway_id": self.gateway_id,
            "elements": deployed["elements"] if elements is None else elements,
            "created_at": route["created_at"],
            "modified_at": route["modified_at"],
        }

    def listed(self, route: Doc) -> Doc:
        """The route as lists and PATCH show it: ``full`` plus the account tag."""
        return {**self.full(route), "account_tag": self.ctx.account}

    def full(self, route: Doc) -> Doc:
        deployed = self.version(route["id"], route["deployment"]["version_id"])
        return {
            **self.short(route),
            "deployment": route["deployment"],
            "version": self.version_view(route, deployed),
        }


def _page_params(request: Request) -> tuple[int, int]:
    return query_int(request, "page", 1, 1, None) or 1, query_int(request, "per_page", 20, 1, None) or 20


def _data(key: str, items: list[Doc], page: int, per_page: int) -> JSONResponse:
    chunk = items[(page - 1) * per_page : page * per_page]
    data = {
        key: chunk,
        "page": page,
        "per_page": per_page,
        "order_by": "created_at",
        "order_by_direction": "asc",
    }
    return JSONResponse({"success": True, "data": data})


async def list_routes(request: Request) -> JSONResponse:
    api = _Routes(request)
    page, per_page = _page_params(request)
    items = [api.listed(r) for r in api.ctx.store.list("route", api.ctx.account, api.gateway_id)]
    return _data("routes", items, page, per_page)


async def create_route(request: Request) -> JSONResponse:
    api = _Routes(request)
    body = await parse_body(request, RouteCreate)
    with api.ctx.store.transaction():
        api.check_name_free(body.name)
        stamp = now()
        route: Doc = {"id": new_id(), "name": body.name, "created_at": stamp, "modified_at": stamp}
        version = api.add_version(route["id"], _elements(body))
        api.deploy(route, version["version_id"])
    return envelope(api.full(route))


async def get_route(request: Request) -> JSONResponse:
    api = _Routes(request)
    return envelope(api.full(api.route(request.path_params["id"])))


async def rename_route(request: Request) -> JSONResponse:
    api = _Routes(request)
    route = api.route(request.path_params["id"])
    try:
        body = await parse_body(request, RouteRename)
        with api.ctx.store.transaction():
            api.check_name_free(body.name, except_id=route["id"])
            route.update(name=body.name, modified_at=now())
            api.ctx.store.put("route", api.ctx.account, api.gateway_id, route["id"], route)
    except ApiError as error:
        # PATCH errors carry the route as it stands (the description's 400 "Input Error" body).
        error.extra["route"] = api.listed(route)
        raise
    return JSONResponse({"success": True, "route": api.listed(route)})


async def delete_route(request: Request) -> JSONResponse:
    api = _Routes(request)
    route_id = request.path_params["id"]
    with api.ctx.store.transaction():
        route = api.route(route_id)
        view = api.short(route)
        api.ctx.store.delete("route", api.ctx.account, api.gateway_id, route_id)
        api.ctx.store.delete_under(api.ctx.account, f"{api.gateway_id}/{route_id}")
    return envelope(view)


async def list_versions(request: Request) -> JSONResponse:
    api = _Routes(request)
    route = api.route(request.path_params["id"])
    items = [api.version_view(route, v) for v in api.versions(route["id"])]
    return _data("versions", items, 1, max(len(items), 1))


async def create_version(request: Request) -> JSONResponse:
    api = _Routes(request)
    route_id = request.path_params["id"]
    api.route(route_id)
    body = await parse_body(request, VersionCreate)
    with api.ctx.store.transaction():
        route = api.route(route_id)
        version = api.add_version(route_id, _elements(body))
    return envelope(api.short(route, version["elements"]))


async def get_version(request: Request) -> JSONResponse:
    api = _Routes(request)
    route = api.route(request.path_params["id"])
    version = api.version(route["id"], request.path_params["version_id"])
    view = api.version_view(route, version)
    return envelope({**api.short(route, version["elements"]), **view})


async def list_deployments(request: Request) -> JSONResponse:
    api = _Routes(request)
    route = api.route(request.path_params["id"])
    items = api.deployments(route["id"])
    return _data("deployments", items, 1, max(len(items), 1))


async def create_deployment(request: Request) -> JSONResponse:
    api = _Routes(request)
    route_id = request.path_params["id"]
    api.route(route_id)
    body = await parse_body(request, DeploymentCreate)
    with api.ctx.store.transaction():
        route = api.route(route_id)
        api.version(route_id, body.version_id)
        api.deploy(route, body.version_id)
    return envelope(api.short(route))


routes = [
    Route("/gateways/{gateway_id}/routes", list_routes, methods=["GET"]),
    Route("/gateways/{gateway_id}/routes", create_route, methods=["POST"]),
    Route("/gateways/{gateway_id}/routes/{id}", get_route, methods=["GET"]),
    Route("/gateways/{gateway_id}/routes/{id}", rename_route, methods=["PATCH"]),
    Route("/gateways/{gateway_id}/routes/{id}", delete_route, methods=["DELETE"]),
    Route("/gateways/{gateway_id}/routes/{id}/versions", list_versions, methods=["GET"]),
    Route("/gateways/{gateway_id}/routes/{id}/versions", create_version, methods=["POST"]),
    Route("/gateways/{gateway_id}/routes/{id}/versions/{version_id}", get_version, methods=["GET"]),
    Route("/gateways/{gateway_id}/routes/{id}/deployments", list_deployments, methods=["GET"]),
    Route("/gateways/{gateway_id}/routes/{id}/deployments", create_deployment, methods=["POST"]),
]
