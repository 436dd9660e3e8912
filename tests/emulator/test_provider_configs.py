"""Provider configs: the secret is write-only, PUT rotates it, (slug, alias) is unique, no GET by id."""

from __future__ import annotations

import json
from typing import Any

from starlette.testclient import TestClient

from tests.emulator.conftest import ACCOUNT, AUTH, Api

CONFIGS, CONFIG = "/gateways/{gateway_id}/provider_configs", "/gateways/{gateway_id}/provider_configs/{id}"
SECRET = "sk-live-0123456789abcdef"
BODY = {
    "provider_slug": "openai",
    "alias": "primary",
    "default_config": True,
    "secret": SECRET,
    "rate_limit": 50,
}


def test_secret_is_never_returned_and_rotation_keeps_the_id(api: Api, gateway: dict[str, Any]) -> None:
    created = api("POST", CONFIGS, gateway_id="prod", json=BODY)
    result = created.json()["result"]
    assert SECRET not in created.text and "secret" not in result
    assert result["secret_id"] and result["secret_preview"] and SECRET not in result["secret_preview"]
    assert result["rate_limit"] == 50 and result["rate_limit_period"] == 60

    rotated_secret = "sk-live-fedcba9876543210"
    rotated = api("PUT", CONFIG, gateway_id="prod", id=result["id"], json={"secret": rotated_secret})
    assert rotated_secret not in rotated.text
    assert rotated.json()["result"]["id"] == result["id"]
    assert rotated.json()["result"]["secret_preview"] != result["secret_preview"]

    listed = api("GET", CONFIGS, gateway_id="prod")
    assert SECRET not in listed.text and rotated_secret not in listed.text
    assert [c["id"] for c in listed.json()["result"]] == [result["id"]]


def test_put_takes_only_a_secret(api: Api, gateway: dict[str, Any]) -> None:
    config_id = api("POST", CONFIGS, gateway_id="prod", json=BODY).json()["result"]["id"]
    missing = api("PUT", CONFIG, gateway_id="prod", id=config_id, json={"alias": "other"})
    assert missing.json()["errors"][0]["path"] == ["body", "secret"]


def test_slug_and_alias_are_unique_per_gateway(api: Api, gateway: dict[str, Any]) -> None:
    api("POST", CONFIGS, gateway_id="prod", json=BODY)
    duplicate = api("POST", CONFIGS, gateway_id="prod", json=BODY)
    assert duplicate.status_code == 400 and "already exists" in duplicate.json()["errors"][0]["message"]
    assert api("POST", CONFIGS, gateway_id="prod", json={**BODY, "alias": "backup"}).status_code == 200


def test_delete_and_no_get_by_id(api: Api, client: TestClient, gateway: dict[str, Any]) -> None:
    config_id = api("POST", CONFIGS, gateway_id="prod", json=BODY).json()["result"]["id"]
    url = f"/client/v4/accounts/{ACCOUNT}/ai-gateway/gateways/prod/provider_configs/{config_id}"
    assert client.get(url, headers=AUTH).status_code == 405
    assert api("DELETE", CONFIG, gateway_id="prod", id=config_id).status_code == 200
    assert api("DELETE", CONFIG, gateway_id="prod", id=config_id).status_code == 404


def test_a_secret_or_secret_id_is_required(api: Api, gateway: dict[str, Any]) -> None:
    body = {k: v for k, v in BODY.items() if k != "secret"}
    assert api("POST", CONFIGS, gateway_id="prod", json=body).json()["errors"][0]["path"] == [
        "body",
        "secret",
    ]
    stored = api("POST", CONFIGS, gateway_id="prod", json={**body, "secret_id": "store-secret-1"}).json()
    assert stored["result"]["secret_id"] == "store-secret-1"


def test_secret_is_kept_apart_from_the_config(store: Any, api: Api, gateway: dict[str, Any]) -> None:
    config = api("POST", CONFIGS, gateway_id="prod", json=BODY).json()["result"]
    assert SECRET not in json.dumps(store.list("provider_config", ACCOUNT, "prod"))
    assert store.get("secret", ACCOUNT, "", config["secret_id"])["value"] == SECRET


def test_deleting_a_config_deletes_the_secret_it_stored(
    store: Any, api: Api, gateway: dict[str, Any]
) -> None:
    config = api("POST", CONFIGS, gateway_id="prod", json=BODY).json()["result"]
    api("DELETE", CONFIG, gateway_id="prod", id=config["id"])
    assert store.get("secret", ACCOUNT, "", config["secret_id"]) is None


def test_deleting_the_gateway_deletes_its_stored_secrets(
    store: Any, api: Api, gateway: dict[str, Any]
) -> None:
    config = api("POST", CONFIGS, gateway_id="prod", json=BODY).json()["result"]
    api("DELETE", "/gateways/{id}", id="prod")
    assert store.get("secret", ACCOUNT, "", config["secret_id"]) is None
    assert store.list("provider_config", ACCOUNT, "prod") == []
