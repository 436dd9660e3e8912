"""Datasets: ``/gateways/{gateway_id}/datasets[/{id}]``. PUT replaces name, enable and filters."""

from __future__ import annotations

from typing import Literal

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from aigw_emulator.common import (
    Body,
    Context,
    envelope,
    new_id,
    now,
    page_of,
    parse_body,
    query_bool,
    query_str,
)

__all__ = ["routes"]

FilterKey = Literal[
    "created_at",
    "request_content_type",
    "response_content_type",
    "success",
    "cached",
    "provider",
    "model",
    "cost",
    "tokens",
    "tokens_in",
    "tokens_out",
    "duration",
    "feedback",
]


class DatasetFilter(Body):
    key: FilterKey
    operator: Literal["eq", "contains", "lt", "gt"]
    value: list[str | float | bool]


class DatasetBody(Body):
    name: str
    enable: bool
    filters: list[DatasetFilter]


async def list_datasets(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id = request.path_params["gateway_id"]
    ctx.gateway(gateway_id)
    items = ctx.store.list("dataset", ctx.account, gateway_id)
    if (name := query_str(request, "name")) is not None:
        items = [d for d in items if d["name"] == name]
    if (enable := query_bool(request, "enable")) is not None:
        items = [d for d in items if d["enable"] is enable]
    if search := query_str(request, "search"):
        needle = search.lower()
        items = [d for d in items if needle in f"{d['id']} {d['name']} {d['filters']}".lower()]
    return page_of(request, items)


async def create_dataset(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id = request.path_params["gateway_id"]
    ctx.gateway(gateway_id)
    body = await parse_body(request, DatasetBody)
    stamp = now()
    dataset = {
        "id": new_id(),
        "gateway_id": gateway_id,
        **body.model_dump(),
        "created_at": stamp,
        "modified_at": stamp,
    }
    with ctx.store.transaction():
        ctx.gateway(gateway_id)
        ctx.store.put("dataset", ctx.account, gateway_id, dataset["id"], dataset)
    return envelope(dataset)


async def get_dataset(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    return envelope(ctx.child("dataset", request.path_params["gateway_id"], request.path_params["id"]))


async def update_dataset(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id, dataset_id = request.path_params["gateway_id"], request.path_params["id"]
    ctx.child("dataset", gateway_id, dataset_id)
    body = await parse_body(request, DatasetBody)
    with ctx.store.transaction():
        old = ctx.child("dataset", gateway_id, dataset_id)
        dataset = {**old, **body.model_dump(), "modified_at": now()}
        ctx.store.put("dataset", ctx.account, gateway_id, dataset_id, dataset)
    return envelope(dataset)


async def delete_dataset(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id, dataset_id = request.path_params["gateway_id"], request.path_params["id"]
    with ctx.store.transaction():
        dataset = ctx.child("dataset", gateway_id, dataset_id)
        ctx.store.delete("dataset", ctx.account, gateway_id, dataset_id)
    return envelope(dataset)


routes = [
    Route("/gateways/{gateway_id}/datasets", list_datasets, methods=["GET"]),
    Route("/gateways/{gateway_id}/datasets", create_dataset, methods=["POST"]),
    Route("/gateways/{gateway_id}/datasets/{id}", get_dataset, methods=["GET"]),
    Route("/gateways/{gateway_id}/datasets/{id}", update_dataset, methods=["PUT"]),
    Route("/gateways/{gateway_id}/datasets/{id}", delete_dataset, methods=["DELETE"]),
]
