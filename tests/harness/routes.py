"""Route graphs as a program gives them (``DynamicRouteArgs.elements``), for tests and benchmarks."""

from __future__ import annotations

from typing import Any

__all__ = ["one_model_graph"]


def one_model_graph(model: str) -> list[dict[str, Any]]:
    """start -> one OpenAI ``model`` -> end (its fallback also ends)."""
    return [
        {"id": "start", "type": "start", "outputs": {"next": {"element_id": "m"}}},
        {
            "id": "m",
            "type": "model",
            "properties": {"provider": "openai", "model": model, "timeout": 1000, "retries": 1},
            "outputs": {"success": {"element_id": "end"}, "fallback": {"element_id": "end"}},
        },
        {"id": "end", "type": "end", "outputs": {}},
    ]
