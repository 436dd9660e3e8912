"""Datasets: lifecycle, typed filters, list filters, missing parent."""

from __future__ import annotations

from typing import Any

from tests.emulator.conftest import Api

DATASET = {
    "name": "errors",
    "enable": True,
    "filters": [{"key": "success", "operator": "eq", "value": [False]}],
}
PATH, ITEM = "/gateways/{gateway_id}/datasets", "/gateways/{gateway_id}/datasets/{id}"


def test_lifecycle(api: Api, gateway: dict[str, Any]) -> None:
    created = api("POST", PATH, gateway_id="prod", json=DATASET).json()["result"]
    assert {k: created[k] for k in DATASET} == DATASET and created["gateway_id"] == "prod"
    assert api("GET", ITEM, gateway_id="prod", id=created["id"]).json()["result"] == created

    change = {
        **DATASET,
        "name": "slow",
        "enable": False,
        "filters": [{"key": "duration", "operator": "gt", "value": [2000]}],
    }
    updated = api("PUT", ITEM, gateway_id="prod", id=created["id"], json=change).json()["result"]
    assert (
        updated["id"] == created["id"]
        and updated["name"] == "slow"
        and updated["filters"] == change["filters"]
    )

    assert api("DELETE", ITEM, gateway_id="prod", id=created["id"]).json()["result"]["id"] == created["id"]
    gone = api("GET", ITEM, gateway_id="prod", id=created["id"])
    assert gone.status_code == 404 and gone.json()["errors"][0]["code"] == 7002


def test_list_filters(api: Api, gateway: dict[str, Any]) -> None:
    api("POST", PATH, gateway_id="prod", json=DATASET)
    api("POST", PATH, gateway_id="prod", json={**DATASET, "name": "all", "enable": False, "filters": []})

    def names(**query: str) -> list[str]:
        return [d["name"] for d in api("GET", PATH, gateway_id="prod", params=query).json()["result"]]

    assert names() == ["errors", "all"]
    assert names(enable="false") == ["all"]
    assert names(name="errors") == ["errors"]
    assert names(search="success") == ["errors"]


def test_invalid_filter_and_missing_gateway(api: Api, gateway: dict[str, Any]) -> None:
    bad = {**DATASET, "filters": [{"key": "colour", "operator": "eq", "value": ["red"]}]}
    error = api("POST", PATH, gateway_id="prod", json=bad).json()["errors"][0]
    assert error["code"] == 7001 and error["path"][:4] == ["body", "filters", "0", "key"]
    missing = api("POST", PATH, gateway_id="nope", json=DATASET)
    assert missing.status_code == 404 and missing.json()["errors"][0]["code"] == 7002
