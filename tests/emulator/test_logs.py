"""Logs: seeded through the control API; list filters (both encodings), detail, patch, delete, payloads."""

from __future__ import annotations

import json
from typing import Any

from starlette.testclient import TestClient

from tests.emulator.conftest import ACCOUNT, Api

LOGS, LOG = "/gateways/{gateway_id}/logs", "/gateways/{gateway_id}/logs/{id}"


def _seed(client: TestClient, *logs: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.post(
        "/__emulator/logs", json={"account_id": ACCOUNT, "gateway_id": "prod", "logs": list(logs)}
    )
    assert response.status_code == 200
    seeded: list[dict[str, Any]] = response.json()["result"]
    return seeded


def test_list_with_filters_order_and_pages(api: Api, client: TestClient, gateway: dict[str, Any]) -> None:
    _seed(
        client,
        {"provider": "openai", "duration": 100, "created_at": "2026-01-01T00:00:00.000Z"},
        {
            "provider": "anthropic",
            "duration": 900,
            "created_at": "2026-01-02T00:00:00.000Z",
            "success": False,
        },
        {"provider": "openai", "duration": 500, "created_at": "2026-01-03T00:00:00.000Z"},
    )
    newest_first = api("GET", LOGS, gateway_id="prod").json()
    assert [log["duration"] for log in newest_first["result"]] == [500, 900, 100]
    assert newest_first["result_info"]["total_count"] == 3

    brackets = {
        "filters[0][key]": "provider",
        "filters[0][operator]": "eq",
        "filters[0][value][0]": "openai",
        "filters[1][key]": "duration",
        "filters[1][operator]": "gt",
        "filters[1][value][0]": "200",
    }
    assert [
        log["duration"] for log in api("GET", LOGS, gateway_id="prod", params=brackets).json()["result"]
    ] == [500]
    as_json = {"filters": json.dumps([{"key": "success", "operator": "eq", "value": [False]}])}
    assert [
        log["provider"] for log in api("GET", LOGS, gateway_id="prod", params=as_json).json()["result"]
    ] == ["anthropic"]
    ordered = api(
        "GET", LOGS, gateway_id="prod", params={"order_by": "provider", "order_by_direction": "asc"}
    )
    assert [log["provider"] for log in ordered.json()["result"]] == ["anthropic", "openai", "openai"]
    assert len(api("GET", LOGS, gateway_id="prod", params={"per_page": 2, "page": 2}).json()["result"]) == 1
    assert api("GET", LOGS, gateway_id="prod", params={"per_page": 51}).status_code == 400
    bad = api(
        "GET",
        LOGS,
        gateway_id="prod",
        params={"filters[0][key]": "colour", "filters[0][operator]": "eq", "filters[0][value][0]": "x"},
    )
    assert bad.status_code == 400


def test_detail_patch_and_payloads(api: Api, client: TestClient, gateway: dict[str, Any]) -> None:
    [log] = _seed(client, {"request": {"prompt": "hi"}, "response": {"text": "hello"}})
    assert api("GET", LOG, gateway_id="prod", id=log["id"]).json()["result"]["id"] == log["id"]
    patched = api(
        "PATCH",
        LOG,
        gateway_id="prod",
        id=log["id"],
        json={"feedback": 1, "score": 90, "metadata": {"team": "search"}},
    )
    assert patched.json()["result"] == {}
    detail = api("GET", LOG, gateway_id="prod", id=log["id"]).json()["result"]
    assert json.loads(detail["metadata"]) == {"team": "search"}
    assert "feedback" not in detail and "score" not in detail
    assert api("PATCH", LOG, gateway_id="prod", id=log["id"], json={"score": 101}).status_code == 400
    assert api("GET", LOG + "/request", gateway_id="prod", id=log["id"]).json() == {"prompt": "hi"}
    assert api("GET", LOG + "/response", gateway_id="prod", id=log["id"]).json() == {"text": "hello"}
    assert api("GET", LOG, gateway_id="prod", id="nope").status_code == 404


def test_delete_with_filters_and_limit(api: Api, client: TestClient, gateway: dict[str, Any]) -> None:
    _seed(client, {"provider": "openai"}, {"provider": "openai"}, {"provider": "workers-ai"})
    only_one = {
        "filters[0][key]": "provider",
        "filters[0][operator]": "eq",
        "filters[0][value][0]": "openai",
        "limit": "1",
    }
    assert api("DELETE", LOGS, gateway_id="prod", params=only_one).json() == {"success": True}
    assert [log["provider"] for log in api("GET", LOGS, gateway_id="prod").json()["result"]].count(
        "openai"
    ) == 1
    api("DELETE", LOGS, gateway_id="prod")
    assert api("GET", LOGS, gateway_id="prod").json()["result"] == []
