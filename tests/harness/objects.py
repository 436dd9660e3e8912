"""Objects tests and benchmarks build on: a parent gateway with a dataset, and a route graph."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pulumi_ai_gateway import AIGatewayClient

__all__ = ["create_parent", "one_model_graph"]


def create_parent(client: AIGatewayClient, gateway_id: str) -> str:
    """A plain gateway with one dataset (what evaluations need); returns the dataset's id."""
    from pulumi_ai_gateway.dataset import DatasetBody
    from pulumi_ai_gateway.gateway import GatewayCreate

    client.gateways.create(
        GatewayCreate(
            id=gateway_id,
            cache_invalidate_on_update=False,
            cache_ttl=None,
            collect_logs=True,
            rate_limiting_interval=None,
            rate_limiting_limit=None,
        )
    )
    return client.datasets.create(gateway_id, DatasetBody(name="for-evaluations", enable=True, filters=[])).id


def one_model_graph(model: str) -> list[dict[str, Any]]:
    """A route graph as a program gives it: start -> one OpenAI ``model`` -> end (its fallback also ends)."""
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
