"""Evaluations: ``/gateways/{gateway_id}/evaluations[/{id}]``: create, get, list, delete (no update).

Results are computed from the gateway's logs that the evaluation's datasets select (by their filters: real
traffic through the gateway URL, or seeded logs). They arrive asynchronously, as on Cloudflare: a new
evaluation has ``processed: false`` and no results until
its processing time (``Settings.evaluation_delay_s`` after creation) has passed, or until the control API
(``POST /__emulator/evaluations/process``) processes it. Processing happens when an evaluation is read, so no
background thread and no real clock in tests.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

from pydantic import Field
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
from aigw_emulator.errors import validation_error
from aigw_emulator.objects.evaluation_types import EVALUATION_TYPES
from aigw_emulator.objects.logs import matches
from aigw_emulator.store import Doc

__all__ = ["process_pending", "routes"]

_PRIVATE = "_process_at"


class EvaluationBody(Body):
    name: str
    dataset_ids: Annotated[list[str], Field(min_length=1, max_length=5)]
    evaluation_type_ids: list[str]


def _score(type_id: str, logs: list[Doc]) -> str:
    """A plausible result per evaluator, computed from the gateway's logs."""
    if not logs:
        return "0"
    if type_id == "cost":
        return f"{sum(float(log.get('cost') or 0) for log in logs) / len(logs):.6f}"
    if type_id == "speed":
        return f"{sum(int(log['duration']) for log in logs) / len(logs):.1f}"
    if type_id == "performance":
        return f"{sum(1 for log in logs if log['success']) / len(logs):.3f}"
    return f"{sum(1 for log in logs if (log.get('_feedback') or 0) > 0) / len(logs):.3f}"


def _selected_logs(ctx: Context, evaluation: Doc) -> list[Doc]:
    """The gateway's logs that one of the evaluation's datasets selects (every filter of it holds)."""
    gateway_id = evaluation["gateway_id"]
    datasets = [
        ctx.store.get("dataset", ctx.account, gateway_id, d["id"]) or d for d in evaluation["datasets"]
    ]
    return [
        log
        for log in ctx.store.list("log", ctx.account, gateway_id)
        if any(all(matches(log, f) for f in dataset["filters"]) for dataset in datasets)
    ]


def _process(ctx: Context, evaluation: Doc) -> Doc:
    logs = _selected_logs(ctx, evaluation)
    stamp = now()
    evaluation["results"] = [
        {
            "id": new_id(),
            "evaluation_id": evaluation["id"],
            "evaluation_type_id": type_id,
            "result": _score(type_id, logs),
            "status": 1,
            "status_description": "completed",
            "total_logs": len(logs),
            "created_at": stamp,
            "modified_at": stamp,
        }
        for type_id in evaluation.pop("_type_ids")
    ]
    evaluation.update(processed=True, total_logs=len(logs), modified_at=stamp)
    evaluation.pop(_PRIVATE, None)
    ctx.store.put("evaluation", ctx.account, evaluation["gateway_id"], evaluation["id"], evaluation)
    return evaluation


def _public(ctx: Context, evaluation: Doc) -> Doc:
    """The evaluation as the API shows it, processing it first when its time has come."""
    if not evaluation["processed"] and time.time() >= evaluation[_PRIVATE]:
        evaluation = _process(ctx, evaluation)
    return {key: value for key, value in evaluation.items() if not key.startswith("_")}


def process_pending(ctx: Context) -> int:
    """Process every unprocessed evaluation of the account now; returns how many."""
    done = 0
    with ctx.store.transaction():
        for gateway in ctx.store.list("gateway", ctx.account, ""):
            for evaluation in ctx.store.list("evaluation", ctx.account, gateway["id"]):
                if not evaluation["processed"]:
                    _process(ctx, evaluation)
                    done += 1
    return done


async def list_evaluations(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id = request.path_params["gateway_id"]
    ctx.gateway(gateway_id)
    items = [_public(ctx, e) for e in ctx.store.list("evaluation", ctx.account, gateway_id)]
    if (name := query_str(request, "name")) is not None:
        items = [e for e in items if e["name"] == name]
    if (processed := query_bool(request, "processed")) is not None:
        items = [e for e in items if e["processed"] is processed]
    if search := query_str(request, "search"):
        items = [e for e in items if search.lower() in f"{e['id']} {e['name']}".lower()]
    return page_of(request, items)


async def create_evaluation(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id = request.path_params["gateway_id"]
    ctx.gateway(gateway_id)
    body = await parse_body(request, EvaluationBody)
    datasets = []
    for index, dataset_id in enumerate(body.dataset_ids):
        dataset = ctx.store.get("dataset", ctx.account, gateway_id, dataset_id)
        if dataset is None:
            raise validation_error(f"Dataset {dataset_id!r} not found", ["body", "dataset_ids", str(index)])
        datasets.append({**dataset, "account_id": ctx.account, "account_tag": ctx.account})
    known_types = {item["id"] for item in EVALUATION_TYPES}
    for index, type_id in enumerate(body.evaluation_type_ids):
        if type_id not in known_types:
            raise validation_error(
                f"Evaluation type {type_id!r} not found", ["body", "evaluation_type_ids", str(index)]
            )
    stamp = now()
    evaluation: dict[str, Any] = {
        "id": new_id(),
        "gateway_id": gateway_id,
        "name": body.name,
        "created_at": stamp,
        "modified_at": stamp,
        "processed": False,
        "total_logs": 0,
        "datasets": datasets,
        "results": [],
        "_type_ids": body.evaluation_type_ids,
        _PRIVATE: time.time() + ctx.settings.evaluation_delay_s,
    }
    with ctx.store.transaction():
        ctx.gateway(gateway_id)
        ctx.store.put("evaluation", ctx.account, gateway_id, evaluation["id"], evaluation)
    return envelope({k: v for k, v in evaluation.items() if not k.startswith("_")})


async def get_evaluation(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    evaluation = ctx.child("evaluation", request.path_params["gateway_id"], request.path_params["id"])
    return envelope(_public(ctx, evaluation))


async def delete_evaluation(request: Request) -> JSONResponse:
    ctx = Context.of(request)
    gateway_id, evaluation_id = request.path_params["gateway_id"], request.path_params["id"]
    with ctx.store.transaction():
        evaluation = ctx.child("evaluation", gateway_id, evaluation_id)
        ctx.store.delete("evaluation", ctx.account, gateway_id, evaluation_id)
    return envelope({k: v for k, v in evaluation.items() if not k.startswith("_")})


routes = [
    Route("/gateways/{gateway_id}/evaluations", list_evaluations, methods=["GET"]),
    Route("/gateways/{gateway_id}/evaluations", create_evaluation, methods=["POST"]),
    Route("/gateways/{gateway_id}/evaluations/{id}", get_evaluation, methods=["GET"]),
    Route("/gateways/{gateway_id}/evaluations/{id}", delete_evaluation, methods=["DELETE"]),
]
