"""Evaluation types: ``GET /evaluation-types``, an account-level, read-only catalogue.

Seeded with the evaluators AI Gateway offers: cost and speed are mandatory, performance and human feedback
are optional. Their ids are stable so programs and tests can name them.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from aigw_emulator.common import page_of, query_str
from aigw_emulator.errors import bad_request

__all__ = ["EVALUATION_TYPES", "routes"]

_SEEDED_AT = "2025-01-01T00:00:00.000Z"
EVALUATION_TYPES = [
    {
        "id": "cost",
        "name": "Cost",
        "type": "cost",
        "mandatory": True,
        "description": "Average cost of the requests in the dataset.",
    },
    {
        "id": "speed",
        "name": "Speed",
        "type": "speed",
        "mandatory": True,
        "description": "Average duration of the requests in the dataset.",
    },
    {
        "id": "performance",
        "name": "Performance",
        "type": "performance",
        "mandatory": False,
        "description": "Share of successful requests in the dataset.",
    },
    {
        "id": "human-feedback",
        "name": "Human feedback",
        "type": "feedback",
        "mandatory": False,
        "description": "Share of positive feedback given to the logs in the dataset.",
    },
]
for _item in EVALUATION_TYPES:
    _item.update(enable=True, created_at=_SEEDED_AT, modified_at=_SEEDED_AT)


async def list_evaluation_types(request: Request) -> JSONResponse:
    order_by = query_str(request, "order_by") or "mandatory"
    direction = query_str(request, "order_by_direction") or "desc"
    if direction not in ("asc", "desc"):
        raise bad_request("Invalid query parameter order_by_direction: expected asc or desc")
    if order_by not in EVALUATION_TYPES[0]:
        raise bad_request(f"Invalid query parameter order_by: unknown field {order_by!r}")
    items = sorted(EVALUATION_TYPES, key=lambda item: str(item[order_by]), reverse=direction == "desc")
    return page_of(request, items, per_page_min=5, per_page_max=50)


routes = [Route("/evaluation-types", list_evaluation_types, methods=["GET"])]
