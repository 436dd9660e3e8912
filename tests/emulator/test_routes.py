"""Dynamic routes: create deploys v1, PATCH renames, versions + deployments change the graph, 400-only errors."""

from __future__ import annotations

import json
from typing import Any

from tests.emulator.conftest import ACCOUNT, Api

ROUTES, ROUTE = "/gateways/{gateway_id}/routes", "/gateways/{gateway_id}/routes/{id}"
VERSIONS, VERSION = ROUTE + "/versions", ROUTE + "/versions/{version_id}"
DEPLOYMENTS = ROUTE + "/deployments"


def graph(model: str) -> list[dict[str, Any]]:
    return [
        {"id": "start", "type": "start", "outputs": {"next": {"elementId": "primary"}}},
        {
            "id": "primary",
            "type": "model",
            "properties": {"provider": "openai", "model": model, "timeout": 30000, "retries": 1},
            "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "backup"}},
        },
        {
            "id": "backup",
            "type": "model",
            "properties": {
                "provider": "anthropic",
                "model": "claude-3-5-haiku",
                "timeout": 30000,
                "retries": 0,
            },
            "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": "end"}},
        },
        {"id": "end", "type": "end", "outputs": {}},
    ]


def test_create_deploys_version_one(api: Api, gateway: dict[str, Any]) -> None:
    route = api("POST", ROUTES, gateway_id="prod", json={"name": "chat", "elements": graph("gpt-4o")}).json()
    result = route["result"]
    assert result["elements"] == graph("gpt-4o")
    assert result["version"]["active"] == "true" and json.loads(result["version"]["data"]) == graph("gpt-4o")
    assert result["deployment"]["version_id"] == result["version"]["version_id"]

    listed = api("GET", ROUTES, gateway_id="prod").json()
    assert "result" not in listed
    assert [r["id"] for r in listed["data"]["routes"]] == [result["id"]]
    assert listed["data"]["routes"][0]["account_tag"] == ACCOUNT


def test_rename_and_graph_change_keep_the_route(api: Api, gateway: dict[str, Any]) -> None:
    route_id = api("POST", ROUTES, gateway_id="prod", json={"name": "chat", "elements": graph("a")}).json()[
        "result"
    ]["id"]
    renamed = api("PATCH", ROUTE, gateway_id="prod", id=route_id, json={"name": "chat-v2"}).json()
    assert renamed["route"]["name"] == "chat-v2" and renamed["route"]["elements"] == graph("a")

    api("POST", VERSIONS, gateway_id="prod", id=route_id, json={"elements": graph("b")})
    versions = api("GET", VERSIONS, gateway_id="prod", id=route_id).json()["data"]["versions"]
    assert [v["active"] for v in versions] == ["true", "false"]
    new_version = versions[1]["version_id"]
    # Not deployed yet: the route still serves the old graph.
    assert api("GET", ROUTE, gateway_id="prod", id=route_id).json()["result"]["elements"] == graph("a")

    api("POST", DEPLOYMENTS, gateway_id="prod", id=route_id, json={"version_id": new_version})
    current = api("GET", ROUTE, gateway_id="prod", id=route_id).json()["result"]
    assert current["id"] == route_id and current["elements"] == graph("b")
    assert current["version"]["version_id"] == new_version
    deployments = api("GET", DEPLOYMENTS, gateway_id="prod", id=route_id).json()["data"]["deployments"]
    assert [d["version_id"] for d in deployments][-1] == new_version and len(deployments) == 2
    version = api("GET", VERSION, gateway_id="prod", id=route_id, version_id=new_version).json()["result"]
    assert version["active"] == "true" and version["elements"] == graph("b")


def test_errors_are_400_never_404(api: Api, gateway: dict[str, Any]) -> None:
    missing = api("GET", ROUTE, gateway_id="prod", id="nope")
    assert missing.status_code == 400 and missing.json()["errors"][0]["code"] == 7005
    assert api("GET", ROUTES, gateway_id="no-gateway").status_code == 400
    api("POST", ROUTES, gateway_id="prod", json={"name": "chat", "elements": graph("a")})
    duplicate = api("POST", ROUTES, gateway_id="prod", json={"name": "chat", "elements": graph("a")})
    assert duplicate.status_code == 400 and "already exists" in duplicate.json()["errors"][0]["message"]
    bad_element = api(
        "POST", ROUTES, gateway_id="prod", json={"name": "x", "elements": [{"id": "s", "type": "teleport"}]}
    )
    assert bad_element.status_code == 400 and bad_element.json()["errors"][0]["path"][:3] == [
        "body",
        "elements",
        "0",
    ]
    route_id = api("GET", ROUTES, gateway_id="prod").json()["data"]["routes"][0]["id"]
    bad_deploy = api("POST", DEPLOYMENTS, gateway_id="prod", id=route_id, json={"version_id": "nope"})
    assert bad_deploy.status_code == 400 and bad_deploy.json()["errors"][0]["code"] == 7005


def test_delete_removes_versions(api: Api, store: Any, gateway: dict[str, Any]) -> None:
    route_id = api("POST", ROUTES, gateway_id="prod", json={"name": "chat", "elements": graph("a")}).json()[
        "result"
    ]["id"]
    deleted = api("DELETE", ROUTE, gateway_id="prod", id=route_id).json()["result"]
    assert deleted["id"] == route_id and deleted["elements"] == graph("a")
    assert api("GET", ROUTE, gateway_id="prod", id=route_id).status_code == 400
    assert store.list("route_version", ACCOUNT, f"prod/{route_id}") == []


def test_patch_errors_carry_the_route(api: Api, gateway: dict[str, Any]) -> None:
    api("POST", ROUTES, gateway_id="prod", json={"name": "taken", "elements": graph("a")})
    route_id = api("POST", ROUTES, gateway_id="prod", json={"name": "mine", "elements": graph("a")}).json()[
        "result"
    ]["id"]
    clash = api("PATCH", ROUTE, gateway_id="prod", id=route_id, json={"name": "taken"})
    assert clash.status_code == 400 and clash.json()["route"]["name"] == "mine"


def test_numbers_and_stored_graphs_come_back_as_sent(api: Api, gateway: dict[str, Any]) -> None:
    created = api("POST", ROUTES, gateway_id="prod", json={"name": "numbers", "elements": graph("a")}).json()
    model = created["result"]["elements"][1]["properties"]
    assert (model["timeout"], model["retries"]) == (30000, 1) and isinstance(model["timeout"], int)
    versions = api("GET", f"{ROUTES}/{{id}}/versions", gateway_id="prod", id=created["result"]["id"]).json()
    assert '"timeout":30000,' in versions["data"]["versions"][0]["data"]  # compact JSON, ints kept
