"""The data plane: the gateway URL answered with the deployed settings' behaviour, the stub upstream in front.

Each test sets a gateway up through the API, sends requests to the URL the API hands out, and checks the
answers, their headers and the logs the logs API then returns (contract-checked like every API answer).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from aigw_emulator.dataplane.traffic import DataPlane
from tests.emulator.conftest import ACCOUNT, Api, gateway_body

LOGS = "/gateways/{gateway_id}/logs"
RUN = {"cf-aig-authorization": "Bearer run-token"}
CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say hello"}]}


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(client: TestClient) -> Clock:
    """The data plane's clock (cache expiry, rate windows), moved by hand."""
    fake = Clock()
    client.app.state.dataplane = DataPlane(seed=7, clock=fake)  # type: ignore[attr-defined]
    return fake


def make_gateway(api: Api, gateway_id: str = "edge", **settings: Any) -> str:
    body = gateway_body(gateway_id, cache_ttl=0, rate_limiting_limit=0, rate_limiting_interval=0)
    body.update(settings)
    api("POST", "/gateways", json=body)
    url: str = api(
        "GET", "/gateways/{gateway_id}/url/{provider}", gateway_id=gateway_id, provider="openai"
    ).json()["result"]
    return url.removesuffix("/openai")


def send(
    client: TestClient,
    base: str,
    provider: str = "openai",
    path: str = "chat/completions",
    body: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    response: httpx.Response = client.post(f"{base}/{provider}/{path}", json=body or CHAT, headers=headers)
    return response


def logs(api: Api, gateway_id: str = "edge", **filters: Any) -> list[dict[str, Any]]:
    query = [{"key": k, "operator": "eq", "value": [v]} for k, v in filters.items()]
    params = {"per_page": 50, **({"filters": json.dumps(query)} if query else {})}
    found: list[dict[str, Any]] = api("GET", LOGS, gateway_id=gateway_id, params=params).json()["result"]
    return found


def upstream(client: TestClient, **behaviour: Any) -> None:
    assert client.post("/__emulator/upstream", json=behaviour).status_code == 200


def calls(client: TestClient) -> dict[str, int]:
    result: dict[str, int] = client.get("/__emulator/upstream").json()["calls"]
    return result


def test_the_url_answers_as_the_provider_and_logs_the_request(client: TestClient, api: Api) -> None:
    base = make_gateway(api)
    assert base == f"http://testserver/v1/{ACCOUNT}/edge"
    answer = send(
        client, base, headers={"Authorization": "Bearer sk-own", "cf-aig-metadata": '{"team": "a"}'}
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["object"] == "chat.completion" and body["model"] == "gpt-4o-mini"
    assert body["choices"][0]["message"]["content"] == "[openai/gpt-4o-mini] Say hello"
    assert body["usage"] == {"prompt_tokens": 2, "completion_tokens": 3, "total_tokens": 5}
    assert answer.headers["cf-aig-step"] == "0" and "cf-aig-cache-status" not in answer.headers
    [log] = logs(api)
    assert answer.headers["cf-aig-log-id"] == log["id"]
    assert (log["provider"], log["model"], log["path"]) == ("openai", "gpt-4o-mini", "chat/completions")
    assert (log["success"], log["cached"], log["tokens_in"], log["tokens_out"]) == (True, False, 2, 3)
    assert log["cost"] == pytest.approx(2 * 0.000001 + 3 * 0.000002)
    assert json.loads(log["metadata"]) == {"team": "a"}
    assert api("GET", LOGS + "/{id}/request", gateway_id="edge", id=log["id"]).json() == CHAT
    assert api("GET", LOGS + "/{id}/response", gateway_id="edge", id=log["id"]).json() == body


def test_anthropic_workers_ai_and_compat_speak_their_own_shapes(client: TestClient, api: Api) -> None:
    base = make_gateway(api)
    message = {"model": "claude-3-5-haiku-latest", "max_tokens": 10, "messages": CHAT["messages"]}
    claude = send(client, base, "anthropic", "v1/messages", message, {"x-api-key": "k"}).json()
    assert claude["type"] == "message" and claude["usage"] == {"input_tokens": 2, "output_tokens": 3}
    llama = send(client, base, "workers-ai", "@cf/meta/llama-3.1-8b-instruct", {"prompt": "Hi there"}).json()
    assert llama["success"] is True and llama["result"]["response"].startswith("[workers-ai/@cf/meta/")
    compat = send(client, base, "compat", "chat/completions", {**CHAT, "model": "anthropic/claude-x"}).json()
    assert compat["model"] == "anthropic/claude-x" and compat["choices"][0]["message"]["content"].startswith(
        "[anthropic/claude-x]"
    )
    assert send(client, base, "compat", "chat/completions", {**CHAT, "model": "plain"}).status_code == 400
    unserved = send(client, base, "openai", "images/generations")
    assert unserved.status_code == 404 and unserved.json()["error"][0]["code"] == 2010
    assert {log["provider"] for log in logs(api)} >= {"anthropic", "workers-ai"}


def test_authentication_needs_a_run_token(client: TestClient, api: Api) -> None:
    base = make_gateway(api, authentication=True)
    refused = send(client, base)
    assert refused.status_code == 401
    assert refused.json() == {"success": False, "result": [], "messages": [],
                              "error": [{"code": 2009, "message": "Unauthorized"}]}  # fmt: skip
    assert send(client, base, headers={"cf-aig-authorization": "Token x"}).status_code == 401
    assert send(client, base, headers=RUN).status_code == 200
    assert len(logs(api)) == 1  # a refused caller writes no log


def test_with_a_server_token_only_that_token_runs(store: Any) -> None:
    from aigw_emulator import create_app
    from aigw_emulator.common import Settings

    with TestClient(create_app(store, Settings(api_token="the-token"))) as client:
        api = Api(client)
        api.check = lambda *args: None  # type: ignore[method-assign]
        headers = {"Authorization": "Bearer the-token"}
        client.post(f"/client/v4/accounts/{ACCOUNT}/ai-gateway/gateways", headers=headers,
                    json=gateway_body("edge", authentication=True))  # fmt: skip
        base = f"/v1/{ACCOUNT}/edge"
        assert send(client, base, headers={"cf-aig-authorization": "Bearer other"}).status_code == 401
        assert send(client, base, headers={"cf-aig-authorization": "Bearer the-token"}).status_code == 200


def test_unknown_gateways_are_refused_and_default_is_made_by_traffic(client: TestClient, api: Api) -> None:
    missing = send(client, f"/v1/{ACCOUNT}/nope")
    assert missing.status_code == 400 and missing.json()["error"][0]["code"] == 2001
    assert send(client, f"/v1/{ACCOUNT}/default").status_code == 400  # not without a valid token
    assert send(client, f"/v1/{ACCOUNT}/default", headers=RUN).status_code == 200
    default = api("GET", "/gateways/{id}", id="default").json()["result"]
    assert (default["authentication"], default["collect_logs"], default["is_default"]) == (True, True, True)
    assert (default["cache_ttl"], default["rate_limiting_limit"]) == (0, 0)
    assert len(logs(api, "default")) == 1


def test_cache_miss_then_hit_per_request_controls_and_expiry(
    client: TestClient, api: Api, clock: Clock
) -> None:
    base = make_gateway(api, cache_ttl=60)
    first, second = send(client, base), send(client, base)
    assert (first.headers["cf-aig-cache-status"], second.headers["cf-aig-cache-status"]) == ("MISS", "HIT")
    assert second.json() == first.json()
    assert calls(client) == {"openai/gpt-4o-mini": 1}
    other_body = send(client, base, body={**CHAT, "temperature": 0.5})
    assert other_body.headers["cf-aig-cache-status"] == "MISS"
    other_key = send(client, base, headers={"Authorization": "Bearer sk-someone-else"})
    assert other_key.headers["cf-aig-cache-status"] == "MISS"  # callers with other keys never meet
    skipped = send(client, base, headers={"cf-aig-skip-cache": "true"})
    assert "cf-aig-cache-status" not in skipped.headers
    keyed = [send(client, base, body={**CHAT, "n": n}, headers={"cf-aig-cache-key": "k1"}) for n in (1, 2)]
    assert [r.headers["cf-aig-cache-status"] for r in keyed] == ["MISS", "HIT"]
    clock.now += 61
    assert send(client, base).headers["cf-aig-cache-status"] == "MISS"  # expired
    short = [send(client, base, body={**CHAT, "n": 9}, headers={"cf-aig-cache-ttl": "5"}) for _ in "ab"]
    assert [r.headers["cf-aig-cache-status"] for r in short] == ["MISS", "HIT"]
    clock.now += 6
    assert send(client, base, body={**CHAT, "n": 9}).headers["cf-aig-cache-status"] == "MISS"
    hits = logs(api, cached=True)
    assert len(hits) == 3 and all(log["cost"] == 0 for log in hits)


def test_cache_ttl_header_caches_on_a_gateway_without_cache(client: TestClient, api: Api) -> None:
    base = make_gateway(api)
    assert "cf-aig-cache-status" not in send(client, base).headers
    pair = [send(client, base, headers={"cf-aig-cache-ttl": "30"}) for _ in "ab"]
    assert [r.headers["cf-aig-cache-status"] for r in pair] == ["MISS", "HIT"]


def test_an_update_invalidates_the_cache_when_the_gateway_says_so(client: TestClient, api: Api) -> None:
    for gateway_id, invalidate in (("keeps", False), ("drops", True)):
        base = make_gateway(api, gateway_id, cache_ttl=60, cache_invalidate_on_update=invalidate)
        assert send(client, base).headers["cf-aig-cache-status"] == "MISS"
        body = gateway_body(gateway_id, cache_ttl=60, cache_invalidate_on_update=invalidate,
                            rate_limiting_limit=0, rate_limiting_interval=0, collect_logs=False)  # fmt: skip
        body.pop("id")
        api("PUT", "/gateways/{id}", id=gateway_id, json=body)
        expected = "MISS" if invalidate else "HIT"
        assert send(client, base).headers["cf-aig-cache-status"] == expected, gateway_id


@pytest.mark.parametrize("technique", ["fixed", "sliding"])
def test_rate_limit_answers_429_past_the_limit(
    client: TestClient, api: Api, clock: Clock, technique: str
) -> None:
    clock.now = 1_070.0  # 50 s into a 60 s fixed window (1,020 to 1,080)
    base = make_gateway(
        api, rate_limiting_limit=2, rate_limiting_interval=60, rate_limiting_technique=technique
    )
    assert [send(client, base).status_code for _ in range(3)] == [200, 200, 429]
    refused = send(client, base)
    assert refused.json()["error"][0] == {"code": 2003, "message": "Rate limited"}
    clock.now += 15  # a new fixed window; the sliding one still holds both requests
    assert send(client, base).status_code == (200 if technique == "fixed" else 429)
    clock.now += 60
    assert send(client, base).status_code == 200
    limited = logs(api, success=False)
    assert limited and all(log["status_code"] == 429 for log in limited)


def test_logs_follow_collect_logs_and_the_per_request_header(client: TestClient, api: Api) -> None:
    base = make_gateway(api, collect_logs=False)
    assert "cf-aig-log-id" not in send(client, base).headers
    kept = send(client, base, headers={"cf-aig-collect-log": "true"})
    assert [log["id"] for log in logs(api)] == [kept.headers["cf-aig-log-id"]]
    base = make_gateway(api, "logged", collect_logs=True)
    send(client, base, headers={"cf-aig-collect-log": "false"})
    assert logs(api, "logged") == []


@pytest.mark.parametrize("strategy", ["STOP_INSERTING", "DELETE_OLDEST"])
def test_log_management_when_full(client: TestClient, api: Api, strategy: str) -> None:
    base = make_gateway(api, log_management=10_000, log_management_strategy=strategy)
    seeded = [{"model": "old"}] * 10_000
    client.post("/__emulator/logs", json={"account_id": ACCOUNT, "gateway_id": "edge", "logs": seeded})
    answer = send(client, base)
    assert answer.status_code == 200
    newest = api("GET", LOGS, gateway_id="edge", params={"per_page": 1}).json()
    assert newest["result_info"]["total_count"] == 10_000
    if strategy == "STOP_INSERTING":
        assert "cf-aig-log-id" not in answer.headers and newest["result"][0]["model"] == "old"
    else:
        assert newest["result"][0]["id"] == answer.headers["cf-aig-log-id"]


def test_metadata_and_event_id_are_kept_and_filterable(client: TestClient, api: Api) -> None:
    base = make_gateway(api)
    answer = send(client, base, headers={"cf-aig-metadata": '{"user": "u1", "paid": true}',
                                         "cf-aig-event-id": "ev-1"})  # fmt: skip
    assert answer.headers["cf-aig-event-id"] == "ev-1"
    assert [log["id"] for log in logs(api, event_id="ev-1")] == [answer.headers["cf-aig-log-id"]]
    for bad in ("not json", '["a"]', '{"a": {"b": 1}}', json.dumps({str(i): i for i in range(6)})):
        refused = send(client, base, headers={"cf-aig-metadata": bad})
        assert refused.status_code == 400 and refused.json()["error"][0]["code"] == 2008, bad


def test_retries_from_the_gateway_settings_and_headers(client: TestClient, api: Api) -> None:
    base = make_gateway(api, retry_max_attempts=3, retry_delay=0, retry_backoff="exponential")
    upstream(client, provider="openai", status=500, times=2)
    assert send(client, base).status_code == 200
    assert calls(client)["openai/gpt-4o-mini"] == 3
    upstream(client, provider="openai", status=503, times=2)
    failed = send(client, base, headers={"cf-aig-max-attempts": "1"})
    assert failed.status_code == 503 and failed.json()["error"]["type"] == "server_error"
    upstream(client, provider="openai", status=400, times=1)  # a client error is not tried again
    assert send(client, base).status_code == 400
    upstream(client, provider="openai", status=429, retry_after=7, times=5)
    throttled = send(client, base)
    assert throttled.status_code == 429 and throttled.headers["retry-after"] == "7"


def test_request_timeout(client: TestClient, api: Api) -> None:
    base = make_gateway(api)
    upstream(client, provider="openai", latency_ms=300)
    timed_out = send(client, base, headers={"cf-aig-request-timeout": "20"})
    assert timed_out.status_code == 504
    assert send(client, base).status_code == 200  # no timeout: waits for the slow answer
    assert send(client, base, headers={"cf-aig-request-timeout": "x"}).status_code == 400


def test_dlp_blocks_and_flags_by_profile(client: TestClient, api: Api) -> None:
    base = make_gateway(api, dlp={"enabled": True, "action": "BLOCK", "profiles": ["pii"]})
    private = {**CHAT, "messages": [{"role": "user", "content": "mail me at jo@example.com"}]}
    blocked = send(client, base, body=private)
    assert blocked.status_code == 400 and blocked.json()["error"][0]["code"] == 2029
    assert send(client, base, body={**CHAT, "messages": [{"role": "user", "content": "4111 1111 1111 1111"}]}
                ).status_code == 400  # fmt: skip
    assert send(client, base, body={**CHAT, "messages": [{"role": "user", "content": "1234 5678 9012 3456"}]}
                ).status_code == 200  # not a card number (Luhn)  # fmt: skip
    assert calls(client) == {"openai/gpt-4o-mini": 1}  # a blocked prompt never reaches the provider
    assert len(logs(api, dlp_action="BLOCK")) == 2

    policies = {"enabled": True, "policies": [
        {"id": "p1", "action": "FLAG", "check": ["REQUEST"], "enabled": True, "profiles": ["ssn"]},
        {"id": "p2", "action": "BLOCK", "check": ["RESPONSE"], "enabled": True, "profiles": ["email"]},
    ]}  # fmt: skip
    base = make_gateway(api, "policies", dlp=policies)
    flagged = send(client, base, body={**CHAT, "messages": [{"role": "user", "content": "ssn 123-45-6789"}]})
    assert flagged.status_code == 200
    assert [log["id"] for log in logs(api, "policies", dlp_action="FLAG")] == [
        flagged.headers["cf-aig-log-id"]
    ]
    # The echo repeats the address: the answer is blocked on its way back.
    answer_blocked = send(client, base, body=private)
    assert answer_blocked.status_code == 400 and answer_blocked.json()["error"][0]["code"] == 2030


def test_stored_provider_keys_and_byok_only(client: TestClient, api: Api) -> None:
    base = make_gateway(api, byok_only=True)
    refused = send(client, base)
    assert refused.status_code == 400 and "byok_only" in refused.json()["error"]["message"]
    assert send(client, base, headers={"Authorization": "Bearer sk-own"}).status_code == 200
    assert (
        send(client, base, "workers-ai", "@cf/meta/llama-3.1-8b-instruct", {"prompt": "x"}).status_code == 200
    )
    config = {"provider_slug": "openai", "alias": "main", "default_config": True, "secret": "sk-stored-key"}
    api("POST", "/gateways/{gateway_id}/provider_configs", gateway_id="edge", json=config)
    assert send(client, base).status_code == 200  # the stored key is used
    base = make_gateway(api, "billed")
    send(client, base)
    assert len(logs(api, "billed", wholesale=True)) == 1  # no key anywhere: Unified Billing


def test_custom_provider_costs_and_custom_cost_header(client: TestClient, api: Api) -> None:
    base = make_gateway(api)
    acme = {"name": "Acme", "slug": "acme", "base_url": "https://llm.acme.test"}
    provider = api("POST", "/custom-providers", json=acme).json()["result"]
    cost = {"account_provider_id": provider["id"], "model": "acme-", "model_rule": "starts-with",
            "cost_in": 0.5, "cost_out": 1.0}  # fmt: skip
    api("POST", "/custom-providers/costs", json=cost)
    answer = send(client, base, "custom-acme", "chat/completions", {**CHAT, "model": "acme-large"})
    assert answer.status_code == 200
    [log] = logs(api, model="acme-large")
    assert log["cost"] == pytest.approx(2 * 0.5 + 3 * 1.0) and log["custom_cost"] is False
    total = send(client, base, headers={"cf-aig-custom-cost": '{"total_cost": 0.25}'})
    [log] = [entry for entry in logs(api) if entry["id"] == total.headers["cf-aig-log-id"]]
    assert log["cost"] == 0.25 and log["custom_cost"] is True


def route(api: Api, gateway_id: str, name: str, elements: list[dict[str, Any]]) -> None:
    api(
        "POST",
        "/gateways/{gateway_id}/routes",
        gateway_id=gateway_id,
        json={"name": name, "elements": elements},
    )


def model(element_id: str, provider: str, name: str, fallback: str, retries: int = 0) -> dict[str, Any]:
    return {"id": element_id, "type": "model",
            "properties": {"provider": provider, "model": name, "timeout": 1000, "retries": retries},
            "outputs": {"success": {"elementId": "end"}, "fallback": {"elementId": fallback}}}  # fmt: skip


def to(element_id: str) -> dict[str, str]:
    return {"elementId": element_id}


SPLIT = [
    {"id": "start", "type": "start", "outputs": {"next": to("split")}},
    {"id": "split", "type": "percentage", "outputs": {"90": to("a"), "10": to("b")}},
    model("a", "openai", "gpt-4o-mini", "backup"),
    model("b", "anthropic", "claude-3-5-haiku", "backup"),
    model("backup", "workers-ai", "@cf/meta/llama-3.1-8b-instruct", "end"),
    {"id": "end", "type": "end", "outputs": {}},
]


def split_of(client: TestClient, base: str, n: int) -> Counter[str]:
    seen: Counter[str] = Counter()
    for i in range(n):
        answer = send(client, base, "compat", "chat/completions", {**CHAT, "model": "dynamic/chat", "n": i})
        assert answer.status_code == 200, answer.text
        seen[answer.json()["model"]] += 1
    return seen


def test_a_percentage_split_is_seeded_and_near_its_shares(client: TestClient, api: Api) -> None:
    base = make_gateway(api)
    route(api, "edge", "chat", SPLIT)
    client.post("/__emulator/dataplane/reset", json={"seed": 42})
    first = split_of(client, base, 1000)
    assert set(first) == {"openai/gpt-4o-mini", "anthropic/claude-3-5-haiku"}
    # 90 % of 1,000: 900 expected, standard deviation sqrt(1000 * 0.9 * 0.1) ~ 9.5; 4 sigma either way.
    assert 862 <= first["openai/gpt-4o-mini"] <= 938, first
    client.post("/__emulator/dataplane/reset", json={"seed": 42})
    assert split_of(client, base, 1000) == first  # the same seed, the same split


def test_a_failing_model_falls_back(client: TestClient, api: Api) -> None:
    base = make_gateway(api)
    route(api, "edge", "chat", SPLIT)
    upstream(client, provider="openai", status=500)
    upstream(client, provider="anthropic", latency_ms=2_000)  # beyond the element's 1,000 ms timeout
    answer = send(client, base, "compat", "chat/completions", {**CHAT, "model": "dynamic/chat"})
    assert answer.status_code == 200 and answer.json()["model"] == "workers-ai/@cf/meta/llama-3.1-8b-instruct"
    assert answer.headers["cf-aig-step"] == "1"
    [log] = logs(api)
    assert (log["provider"], log["step"]) == ("workers-ai", 1)
    upstream(client, provider="workers-ai", status=502)
    failed = send(client, base, "compat", "chat/completions", {**CHAT, "model": "dynamic/chat"})
    assert failed.status_code == 502  # every model failed: the last failure is the answer
    missing = send(client, base, "compat", "chat/completions", {**CHAT, "model": "dynamic/nope"})
    assert missing.status_code == 400


def test_conditions_and_rate_nodes_route_by_metadata(client: TestClient, api: Api) -> None:
    base = make_gateway(api)
    elements = [
        {"id": "start", "type": "start", "outputs": {"next": to("plan")}},
        {"id": "plan", "type": "conditional", "properties": {"conditions": {"metadata.plan": {"$eq": "paid"}}},
         "outputs": {"true": to("big"), "false": to("quota")}},
        {"id": "quota", "type": "rate", "properties": {"key": "metadata.user", "limit": 2, "limitType": "count",
                                                       "window": 3600},
         "outputs": {"success": to("small"), "fallback": to("tiny")}},
        model("big", "openai", "gpt-4o", "end"),
        model("small", "openai", "gpt-4o-mini", "end"),
        model("tiny", "workers-ai", "@cf/tiny", "end"),
        {"id": "end", "type": "end", "outputs": {}},
    ]  # fmt: skip
    route(api, "edge", "tiered", elements)

    def used(metadata: dict[str, Any]) -> str:
        body = {**CHAT, "model": "dynamic/tiered"}
        answer = send(
            client, base, "compat", "chat/completions", body, {"cf-aig-metadata": json.dumps(metadata)}
        )
        result: str = answer.json()["model"]
        return result

    assert used({"plan": "paid", "user": "a"}) == "openai/gpt-4o"
    assert [used({"plan": "free", "user": "a"}) for _ in range(3)] == [
        "openai/gpt-4o-mini", "openai/gpt-4o-mini", "workers-ai/@cf/tiny"]  # fmt: skip
    assert used({"plan": "free", "user": "b"}) == "openai/gpt-4o-mini"  # counted per user


def test_a_budget_node_falls_back_once_the_cost_is_spent(client: TestClient, api: Api) -> None:
    base = make_gateway(api)
    elements = [
        {"id": "start", "type": "start", "outputs": {"next": to("budget")}},
        {"id": "budget", "type": "rate", "properties": {"key": "all", "limit": 0.00001, "limitType": "cost",
                                                        "window": 3600},
         "outputs": {"success": to("paid"), "fallback": to("free")}},
        model("paid", "openai", "gpt-4o-mini", "end"),
        model("free", "workers-ai", "@cf/free", "end"),
        {"id": "end", "type": "end", "outputs": {}},
    ]  # fmt: skip
    route(api, "edge", "budget", elements)
    body = {**CHAT, "model": "dynamic/budget"}
    models = [send(client, base, "compat", "chat/completions", body).json()["model"] for _ in range(3)]
    # Each call costs 2 x 0.000001 + 3 x 0.000002 = 0.000008: the second one passes the 0.00001 budget.
    assert models == ["openai/gpt-4o-mini", "openai/gpt-4o-mini", "workers-ai/@cf/free"]


def test_evaluations_and_datasets_work_on_traffic(client: TestClient, api: Api) -> None:
    base = make_gateway(api)
    for _ in range(3):
        send(client, base)
    upstream(client, provider="openai", status=500, times=2)
    send(client, base)
    send(client, base)
    failures = {
        "name": "failures",
        "enable": True,
        "filters": [{"key": "success", "operator": "eq", "value": [False]}],
    }
    dataset = api("POST", "/gateways/{gateway_id}/datasets", gateway_id="edge", json=failures).json()[
        "result"
    ]
    body = {"name": "e", "dataset_ids": [dataset["id"]], "evaluation_type_ids": ["performance"]}
    evaluation = api("POST", "/gateways/{gateway_id}/evaluations", gateway_id="edge", json=body)
    client.post("/__emulator/evaluations/process", json={"account_id": ACCOUNT})
    done = api(
        "GET",
        "/gateways/{gateway_id}/evaluations/{id}",
        gateway_id="edge",
        id=evaluation.json()["result"]["id"],
    ).json()
    assert done["result"]["total_logs"] == 2 and done["result"]["results"][0]["result"] == "0.000"


def test_the_stub_alone_answers_for_the_benchmark(client: TestClient) -> None:
    answer = client.post("/__upstream/openai/chat/completions", json=CHAT)
    assert answer.status_code == 200 and answer.json()["choices"][0]["message"]["content"].endswith(
        "Say hello"
    )


def test_control_inputs_are_checked(client: TestClient) -> None:
    assert client.post("/__emulator/upstream", json={"provider": "openai", "status": 200}).status_code == 400
    assert client.post("/__emulator/upstream", json={"provider": "x", "bogus": 1}).status_code == 400
    assert client.post("/__emulator/dataplane/reset", json={"seed": "a"}).status_code == 400
    upstream(client, provider="openai", status=500)
    assert client.get("/__emulator/upstream").json()["result"][0]["status"] == 500
    assert client.delete("/__emulator/upstream").status_code == 200
    assert client.get("/__emulator/upstream").json()["result"] == []
