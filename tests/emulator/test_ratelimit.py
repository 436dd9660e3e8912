"""The emulator's rate limit (aigw_emulator/ratelimit.py): a sliding window per token, 429 with Retry-After."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from aigw_emulator.ratelimit import RATE_LIMITED, RateLimit, RateLimiter
from tests.emulator.conftest import AUTH, BASE


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_sliding_window_per_token() -> None:
    clock = Clock()
    limiter = RateLimiter(RateLimit(3, 10.0), clock)
    for _ in range(3):  # at 1000, 1001, 1002
        assert limiter.admit("a") is None
        clock.now += 1
    assert limiter.admit("a") == 7, "the request of 1000 leaves the window at 1010"
    assert limiter.admit("b") is None, "each token has its own budget"
    clock.now = 1010.0
    assert limiter.admit("a") is None, "one request left the window: one more fits"
    assert limiter.admit("a") == 1, "the next leaves at 1011"
    clock.now = 1010.9
    assert limiter.admit("a") == 1, "never 0 (the client would come back at once), refusals not counted"
    clock.now = 1011.0
    assert limiter.admit("a") is None


@pytest.mark.parametrize(
    ("spec", "limit"), [("1200/300s", RateLimit(1200, 300.0)), ("5/2.5", RateLimit(5, 2.5))]
)
def test_the_command_line_spelling(spec: str, limit: RateLimit) -> None:
    assert RateLimit.parse(spec) == limit


@pytest.mark.parametrize("spec", ["", "1200", "0/10s", "10/0s", "ten/10s"])
def test_a_wrong_spelling_says_what_is_expected(spec: str) -> None:
    with pytest.raises(ValueError, match=r"expected REQUESTS/SECONDS, e\.g\. 1200/300s"):
        RateLimit.parse(spec)


def test_the_api_answers_429_with_when_to_come_back(client: TestClient) -> None:
    assert client.post("/__emulator/rate-limit", json={"budget": 2, "window_s": 60}).status_code == 200
    other = {"Authorization": "Bearer another-token"}
    statuses = [client.get(f"{BASE}/gateways", headers=AUTH).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = client.get(f"{BASE}/gateways", headers=AUTH)
    assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 60
    body = refused.json()
    assert body["success"] is False and body["errors"][0]["code"] == RATE_LIMITED, body
    assert client.get(f"{BASE}/gateways", headers=other).status_code == 200, "per token"
    log = client.get("/__emulator/requests").json()["result"]
    assert [e["status"] for e in log] == [200, 200, 429, 429, 200], "refused requests are in the log"
    assert len({e["token"] for e in log}) == 2 and "emulator-test-token" not in str(log)
    assert client.get("/__emulator/health").status_code == 200, "the control API is never limited"
    client.post("/__emulator/rate-limit", json={"budget": None})
    assert client.get(f"{BASE}/gateways", headers=AUTH).status_code == 200


def test_reset_restores_the_limit_the_server_started_with(client: TestClient) -> None:
    client.post("/__emulator/rate-limit", json={"budget": 1, "window_s": 60})
    client.post("/__emulator/reset")
    assert [client.get(f"{BASE}/gateways", headers=AUTH).status_code for _ in range(3)] == [200, 200, 200]
    assert client.post("/__emulator/rate-limit", json={"budget": "x"}).status_code == 400
