"""Custom providers: account level, PATCH changes only what it is given, slugs are unique per account."""

from __future__ import annotations

from typing import Any

from tests.emulator.conftest import Api

PROVIDERS, PROVIDER = "/custom-providers", "/custom-providers/{id}"
BODY = {"name": "Acme LLM", "slug": "acme", "base_url": "https://llm.acme.example/v1", "headers": "x-key: k1"}


def test_lifecycle_and_partial_patch(api: Api, gateway: dict[str, Any]) -> None:
    created = api("POST", PROVIDERS, json=BODY).json()["result"]
    assert created["slug"] == "acme" and created["headers"] == "x-key: k1" and created["id"]
    assert api("GET", PROVIDER, id=created["id"]).json()["result"] == created
    patched = api("PATCH", PROVIDER, id=created["id"], json={"enable": True}).json()["result"]
    assert patched["enable"] is True and patched["base_url"] == BODY["base_url"]  # the rest unchanged
    assert [p["id"] for p in api("GET", PROVIDERS).json()["result"]] == [created["id"]]
    assert api("DELETE", PROVIDER, id=created["id"]).json()["result"]["id"] == created["id"]
    assert api("GET", PROVIDER, id=created["id"]).status_code == 404
    assert api("DELETE", PROVIDER, id=created["id"]).status_code == 404


def test_validation_and_unique_slug(api: Api, gateway: dict[str, Any]) -> None:
    missing = api("POST", PROVIDERS, json={"name": "x", "slug": "x"})
    assert missing.status_code == 400 and missing.json()["errors"][0]["path"] == ["body", "base_url"]
    not_uri = api("POST", PROVIDERS, json={**BODY, "base_url": "llm.acme"})
    assert not_uri.status_code == 400
    too_long = api("POST", PROVIDERS, json={**BODY, "headers": "h" * 8193})
    assert too_long.status_code == 400 and too_long.json()["errors"][0]["path"] == ["body", "headers"]
    api("POST", PROVIDERS, json=BODY)
    twice = api("POST", PROVIDERS, json={**BODY, "name": "other"})
    assert twice.status_code == 400 and "already exists" in twice.json()["errors"][0]["message"]


def test_list_filters_and_pages(api: Api, gateway: dict[str, Any]) -> None:
    for index in range(3):
        api("POST", PROVIDERS, json={**BODY, "slug": f"p{index}", "name": f"P {index}", "beta": index == 1})
    assert [p["slug"] for p in api("GET", PROVIDERS, params={"beta": "true"}).json()["result"]] == ["p1"]
    assert [p["slug"] for p in api("GET", PROVIDERS, params={"search": "p 2"}).json()["result"]] == ["p2"]
    page = api("GET", PROVIDERS, params={"per_page": 2, "page": 2}).json()
    assert [p["slug"] for p in page["result"]] == ["p2"]


COSTS, COST = "/custom-providers/costs", "/custom-providers/costs/{id}"


def test_costs_of_a_provider(api: Api, gateway: dict[str, Any]) -> None:
    provider = api("POST", PROVIDERS, json=BODY).json()["result"]
    body = {"account_provider_id": provider["id"], "model": "acme-1", "cost_in": 0.5,
            "token_pricing": {"input_tokens": 0.5, "output_tokens": 1.5}}  # fmt: skip
    cost = api("POST", COSTS, json=body).json()["result"]
    # Sent as an object, answered as compact JSON text; the API's defaults filled in.
    assert cost["token_pricing"] == '{"input_tokens":0.5,"output_tokens":1.5}'
    assert (cost["model_rule"], cost["cost_type"], cost["changed_by"]) == ("equals", "tokens", "manual")
    patched = api("PATCH", COST, id=cost["id"], json={"cost_out": 2.0}).json()["result"]
    assert patched["cost_out"] == 2.0 and patched["cost_in"] == 0.5
    listed = api("GET", COSTS, params={"account_provider_id": provider["id"]}).json()["result"]
    assert [c["id"] for c in listed] == [cost["id"]]
    assert api("GET", COSTS, params={"model_rule": "contains"}).json()["result"] == []
    unknown = api("POST", COSTS, json={**body, "account_provider_id": "no-such-provider"})
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["path"] == [
        "body",
        "account_provider_id",
    ]
    api("DELETE", PROVIDER, id=provider["id"])  # its costs go with it
    assert api("GET", COST, id=cost["id"]).status_code == 404
