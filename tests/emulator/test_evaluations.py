"""Evaluation types and evaluations: seeded catalogue, create/get/list/delete, asynchronous results."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from tests.emulator.conftest import ACCOUNT, AUTH, Api
from tests.emulator.test_datasets import DATASET

EVALS, EVAL = "/gateways/{gateway_id}/evaluations", "/gateways/{gateway_id}/evaluations/{id}"


def _dataset(api: Api) -> str:
    dataset_id: str = api("POST", "/gateways/{gateway_id}/datasets", gateway_id="prod", json=DATASET).json()[
        "result"
    ]["id"]
    return dataset_id


def test_evaluation_types_are_seeded_with_mandatory_ones(api: Api) -> None:
    body = api("GET", "/evaluation-types").json()
    mandatory = {t["id"] for t in body["result"] if t["mandatory"]}
    assert mandatory == {"cost", "speed"}
    assert body["result_info"]["total_count"] == len(body["result"]) >= 4
    assert api("GET", "/evaluation-types", params={"per_page": 4}).status_code == 400  # 5..50
    ascending = api("GET", "/evaluation-types", params={"order_by": "name", "order_by_direction": "asc"})
    names = [t["name"] for t in ascending.json()["result"]]
    assert names == sorted(names)


def test_lifecycle_and_asynchronous_processing(api: Api, client: TestClient, gateway: dict[str, Any]) -> None:
    client.post(
        "/__emulator/logs",
        json={
            "account_id": ACCOUNT,
            "gateway_id": "prod",
            "logs": [
                {"duration": 100},
                {"duration": 300, "success": False},
                {"duration": 500, "success": False},
            ],
        },
    )
    dataset_id = _dataset(api)
    body = {"name": "nightly", "dataset_ids": [dataset_id], "evaluation_type_ids": ["speed", "performance"]}
    created = api("POST", EVALS, gateway_id="prod", json=body).json()["result"]
    assert created["processed"] is False and created["results"] == []
    assert created["datasets"][0]["id"] == dataset_id and created["datasets"][0]["account_id"] == ACCOUNT
    pending = api("GET", EVALS, gateway_id="prod", params={"processed": "false"}).json()["result"]
    assert [e["id"] for e in pending] == [created["id"]]

    assert client.post("/__emulator/evaluations/process", json={"account_id": ACCOUNT}).json()["result"] == {
        "processed": 1
    }
    done = api("GET", EVAL, gateway_id="prod", id=created["id"]).json()["result"]
    # The dataset ("errors": success eq false) selects the two failed requests, not the successful one.
    assert done["processed"] is True and done["total_logs"] == 2
    results = {r["evaluation_type_id"]: r["result"] for r in done["results"]}
    assert results == {"speed": "400.0", "performance": "0.000"}

    api("DELETE", EVAL, gateway_id="prod", id=created["id"])
    assert api("GET", EVAL, gateway_id="prod", id=created["id"]).status_code == 404


def test_processing_happens_after_the_configured_delay(store: Any) -> None:
    from aigw_emulator import create_app
    from aigw_emulator.common import Settings

    with TestClient(create_app(store, Settings(evaluation_delay_s=0))) as client:
        api = Api(client)
        api(
            "POST",
            "/gateways",
            json={
                "id": "prod",
                "cache_invalidate_on_update": False,
                "cache_ttl": None,
                "collect_logs": True,
                "rate_limiting_interval": None,
                "rate_limiting_limit": None,
            },
        )
        body = {"name": "now", "dataset_ids": [_dataset(api)], "evaluation_type_ids": ["cost"]}
        created = api("POST", EVALS, gateway_id="prod", json=body).json()["result"]
        assert api("GET", EVAL, gateway_id="prod", id=created["id"]).json()["result"]["processed"] is True


def test_validation(api: Api, gateway: dict[str, Any]) -> None:
    dataset_id = _dataset(api)
    too_many = {"name": "x", "dataset_ids": [dataset_id] * 6, "evaluation_type_ids": ["cost"]}
    assert api("POST", EVALS, gateway_id="prod", json=too_many).json()["errors"][0]["path"] == [
        "body",
        "dataset_ids",
    ]
    none = {"name": "x", "dataset_ids": [], "evaluation_type_ids": ["cost"]}
    assert api("POST", EVALS, gateway_id="prod", json=none).status_code == 400
    unknown = {"name": "x", "dataset_ids": ["missing"], "evaluation_type_ids": ["cost"]}
    assert api("POST", EVALS, gateway_id="prod", json=unknown).json()["errors"][0]["path"] == [
        "body",
        "dataset_ids",
        "0",
    ]
    bad_type = {"name": "x", "dataset_ids": [dataset_id], "evaluation_type_ids": ["vibes"]}
    assert api("POST", EVALS, gateway_id="prod", json=bad_type).json()["errors"][0]["code"] == 7001


def test_no_update(client: TestClient, api: Api, gateway: dict[str, Any]) -> None:
    response = client.put(
        f"/client/v4/accounts/{ACCOUNT}/ai-gateway/gateways/prod/evaluations/x", json={}, headers=AUTH
    )
    assert response.status_code == 405
