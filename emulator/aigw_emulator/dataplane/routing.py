"""Running a dynamic route: its deployed graph walked from ``start`` for one request.

- ``conditional``: ``true`` or ``false`` by the request's metadata (``conditions``).
- ``percentage``: one branch drawn from the data plane's seeded random source. Output names are percentages
  (``"90"`` or ``"90%"``); an ``else`` output takes what they leave; without one, shares count as weights.
- ``rate``: ``success`` while the key's window has room, else ``fallback``. ``key`` is ``metadata.<name>``
  (counted per value of that metadata entry) or any other text (one count for the route). ``limitType``
  ``count`` counts requests; ``cost`` adds up the cost of the model calls made after the node (a budget).
- ``model``: calls the provider's model, ``1 + retries`` attempts within ``timeout`` ms each; ``success`` on an
  answer, ``fallback`` when every attempt failed.
- ``end``: the answer is the last model's.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aigw_emulator.dataplane.conditions import holds
from aigw_emulator.dataplane.upstream import Outcome
from aigw_emulator.dataplane.windows import Windows

__all__ = ["RouteError", "RouteResult", "run_route"]

_MAX_STEPS = 100  # the API accepts any graph; a cycle must not spin forever

CallModel = Callable[[str, str, float | None, int], Awaitable[Outcome]]
Price = Callable[[str, str, Outcome], float]


class RouteError(Exception):
    """The graph cannot be run (a missing element, a cycle, no model reached)."""


@dataclass
class RouteResult:
    outcome: Outcome
    provider: str
    model: str
    step: int
    """How many model elements were tried before the one that answered (0: the first)."""
    visited: list[str] = field(default_factory=list)


def _branch(outputs: dict[str, Any], rng: random.Random) -> Any:
    shares: list[tuple[float, Any]] = []
    for name, target in outputs.items():
        if name == "else":
            continue
        try:
            shares.append((float(str(name).rstrip("%")), target))
        except ValueError:
            raise RouteError(f"percentage output {name!r} is not a percentage") from None
    total = sum(share for share, _ in shares)
    scale = 100.0 if "else" in outputs else total
    draw = rng.random() * scale
    for share, target in shares:
        if draw < share:
            return target
        draw -= share
    if "else" in outputs:
        return outputs["else"]
    if not shares:
        raise RouteError("percentage element has no outputs")
    return shares[-1][1]


def _rate_key(route_id: str, element_id: str, key: str, metadata: dict[str, Any]) -> tuple[str, ...]:
    if key.startswith("metadata."):
        return (route_id, element_id, str(metadata.get(key[len("metadata.") :])))
    return (route_id, element_id, key)


async def run_route(
    route_id: str,
    elements: list[dict[str, Any]],
    metadata: dict[str, Any],
    *,
    rng: random.Random,
    windows: Windows,
    call_model: CallModel,
    price: Price,
) -> RouteResult:
    by_id = {element["id"]: element for element in elements}
    current = next((e for e in elements if e.get("type") == "start"), None)
    if current is None:
        raise RouteError("the route has no start element")
    budgets: list[tuple[tuple[str, ...], float]] = []
    result: RouteResult | None = None
    models_tried = 0
    visited: list[str] = []
    for _ in range(_MAX_STEPS):
        visited.append(current["id"])
        kind, outputs, props = current["type"], current.get("outputs") or {}, current.get("properties") or {}
        if kind == "end":
            break
        if kind == "start":
            target = outputs["next"]
        elif kind == "conditional":
            target = outputs["true" if holds(props.get("conditions"), metadata) else "false"]
        elif kind == "percentage":
            target = _branch(outputs, rng)
        elif kind == "rate":
            key = _rate_key(route_id, current["id"], str(props["key"]), metadata)
            window = float(props["window"])
            if props["limitType"] == "count":
                room = windows.admit(key, float(props["limit"]), window, "sliding")
            else:
                room = windows.used(key, window, "sliding") < float(props["limit"])
                budgets.append((key, window))
            target = outputs["success" if room else "fallback"]
        elif kind == "model":
            provider, model = str(props["provider"]), str(props["model"])
            outcome = await call_model(provider, model, float(props["timeout"]), int(props["retries"]))
            result = RouteResult(outcome, provider, model, models_tried)
            models_tried += 1
            for key, window in budgets:
                windows.add(key, price(provider, model, outcome), window, "sliding")
            target = outputs["success" if outcome.ok else "fallback"]
        else:
            raise RouteError(f"element {current['id']!r} has an unknown type {kind!r}")
        next_id = target.get("elementId") if isinstance(target, dict) else None
        if next_id not in by_id:
            raise RouteError(f"element {current['id']!r} points to a missing element {next_id!r}")
        current = by_id[next_id]
    else:
        raise RouteError(f"the route did not end within {_MAX_STEPS} steps (a cycle?)")
    if result is None:
        raise RouteError("the route ended without calling a model")
    result.visited = visited
    return result
