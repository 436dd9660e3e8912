"""Custom domains: create answers the CNAME target; the status moves on to active once DCV is done."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from tests.emulator.conftest import ACCOUNT, Api

DOMAINS, DOMAIN = "/gateways/{gateway_id}/custom-domains", "/gateways/{gateway_id}/custom-domains/{hostname}"
BODY = {"domain": "AI.acme.example", "zone_id": "395566f4c8a5b9d2a5fc0d457b007c44", "minTLS": "1.2"}


def test_lifecycle_and_status(api: Api, gateway: dict[str, Any], client: TestClient) -> None:
    created = api("POST", DOMAINS, gateway_id="prod", json=BODY).json()["result"]
    assert created["hostname"] == "ai.acme.example" and created["status"] == "initializing"
    assert created["cname_target"] and isinstance(created["created_at"], int)
    read = api("GET", DOMAIN, gateway_id="prod", hostname="ai.acme.example").json()["result"]
    assert read["status"] == "pending_dcv" and "cname_target" not in read and "minTLS" not in read
    done = client.post(
        "/__emulator/custom-domains/dcv",
        json={"account_id": ACCOUNT, "gateway_id": "prod", "hostname": "ai.acme.example"},
    )
    assert done.json()["result"]["status"] == "active"
    listed = api("GET", DOMAINS, gateway_id="prod", params={"status": "active"}).json()["result"]
    assert [d["hostname"] for d in listed] == ["ai.acme.example"]
    twice = api("POST", DOMAINS, gateway_id="prod", json=BODY)
    assert twice.status_code == 400 and "already exists" in twice.json()["errors"][0]["message"]
    api("DELETE", DOMAIN, gateway_id="prod", hostname="ai.acme.example")
    assert api("GET", DOMAIN, gateway_id="prod", hostname="ai.acme.example").status_code == 404


def test_validation(api: Api, gateway: dict[str, Any]) -> None:
    assert api("POST", DOMAINS, gateway_id="prod", json={"domain": "x.example"}).status_code == 400
    bad_tls = api("POST", DOMAINS, gateway_id="prod", json={**BODY, "minTLS": "1.4"})
    assert bad_tls.status_code == 400 and bad_tls.json()["errors"][0]["path"] == ["body", "minTLS"]
    assert api("POST", DOMAINS, gateway_id="missing", json=BODY).status_code == 404
