"""The data plane's part of the control API (``/__emulator``, no auth), and the stub upstream served on its
own (``/__upstream/{provider}/{path}``: what the gateway's provider call answers, without the gateway; the
baseline the benchmark measures the gateway's added latency against)."""

from __future__ import annotations

import json

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from aigw_emulator.dataplane.dialects import OPENAI, endpoint_of, prompt_text
from aigw_emulator.dataplane.traffic import DataPlane
from aigw_emulator.dataplane.upstream import Behaviour
from aigw_emulator.errors import ApiError

__all__ = ["CONTROL_ROUTES", "STUB_ROUTES"]


def _plane(request: Request) -> DataPlane:
    plane: DataPlane = request.app.state.dataplane
    return plane


async def add_behaviour(request: Request) -> JSONResponse:
    try:
        behaviour = Behaviour.model_validate_json(await request.body() or b"{}")
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ApiError(400, 7001, str(first["msg"]), ["body", *map(str, first["loc"])]) from exc
    _plane(request).upstream.add(behaviour)
    return JSONResponse({"success": True, "result": behaviour.model_dump()})


async def upstream_state(request: Request) -> JSONResponse:
    upstream = _plane(request).upstream
    behaviours = [b.model_dump() for b in upstream.behaviours()]
    return JSONResponse({"success": True, "result": behaviours, "calls": dict(upstream.calls)})


async def clear_behaviours(request: Request) -> JSONResponse:
    _plane(request).upstream.clear()
    return JSONResponse({"success": True})


async def reset_dataplane(request: Request) -> JSONResponse:
    """``{"seed": n}`` (optional): empty the cache, the rate windows and the upstream's behaviours, and
    restart the random source that percentage splits draw from (with ``seed``, from that seed)."""
    try:
        seed = json.loads(await request.body() or b"{}").get("seed")
    except (ValueError, AttributeError):
        seed = "invalid"
    if seed is not None and not isinstance(seed, int):
        raise ApiError(400, 7001, "seed must be an integer", ["body", "seed"])
    plane = _plane(request)
    plane.reset(seed)
    return JSONResponse({"success": True, "result": {"seed": plane.seed}})


async def stub_direct(request: Request) -> Response:
    body = json.loads(await request.body() or b"{}")
    endpoint = endpoint_of(request.path_params["provider"], request.path_params["path"], body)
    dialect, model = (endpoint.dialect, endpoint.model) if endpoint else (OPENAI, "")
    outcome = await _plane(request).upstream.call(
        request.path_params["provider"], model, prompt_text(body), None
    )
    payload = (
        dialect.answer(model, outcome.text, outcome.tokens_in, outcome.tokens_out, "direct")
        if outcome.ok
        else dialect.error(outcome.status, outcome.text)
    )
    return Response(json.dumps(payload).encode(), outcome.status, media_type="application/json")


CONTROL_ROUTES = [
    Route("/upstream", add_behaviour, methods=["POST"]),
    Route("/upstream", upstream_state, methods=["GET"]),
    Route("/upstream", clear_behaviours, methods=["DELETE"]),
    Route("/dataplane/reset", reset_dataplane, methods=["POST"]),
]
STUB_ROUTES = [Route("/__upstream/{provider}/{path:path}", stub_direct, methods=["POST"])]
