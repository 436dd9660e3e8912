"""Retries, deadline and error mapping of the HTTP layer, on a fake clock (nothing sleeps for real)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from pulumi_ai_gateway._http import ApiClient, RetryPolicy
from pulumi_ai_gateway.errors import (
    AuthenticationError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    TransportError,
    ValidationError,
)
from pulumi_ai_gateway.settings import Settings

SETTINGS = Settings.resolve(
    account_id="0123456789abcdef0123456789abcdef", api_token="token-for-retry-tests", environ={}
)
OK = {"success": True, "errors": [], "messages": [], "result": {"id": "x"}}


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


Handler = Callable[[httpx.Request], httpx.Response]


def scripted(*answers: httpx.Response | Exception) -> tuple[Handler, list[httpx.Request]]:
    """A transport handler answering ``answers`` in order; the last answer repeats."""
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers[min(len(seen), len(answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handle, seen


def client(handler: Handler, clock: FakeClock, **policy: Any) -> ApiClient:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    return ApiClient(
        SETTINGS, http=http, retry=RetryPolicy(**policy), sleep=clock.sleep, clock=clock, rand=lambda: 0.0
    )


def error(status: int, code: int, message: str, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, json={"success": False, "errors": [{"code": code, "message": message}]}, headers=headers
    )


def call(api: ApiClient, method: str = "GET") -> object:
    return api.call(
        method, "/gateways/x", what="gateway 'x'", operation="create", json={} if method == "POST" else None
    )


def test_429_waits_retry_after() -> None:
    clock = FakeClock()
    handler, seen = scripted(
        error(429, 971, "slow down", **{"Retry-After": "7"}), httpx.Response(200, json=OK)
    )
    assert call(client(handler, clock)) == {"id": "x"}
    assert clock.sleeps == [7.0] and len(seen) == 2


def test_retry_after_is_capped() -> None:
    clock = FakeClock()
    handler, _ = scripted(
        error(429, 971, "slow down", **{"Retry-After": "3600"}), httpx.Response(200, json=OK)
    )
    call(client(handler, clock, max_retry_after=20, deadline=100))
    assert clock.sleeps == [20.0]


def test_5xx_retried_up_to_the_limit_with_exponential_backoff() -> None:
    clock = FakeClock()
    handler, seen = scripted(error(503, 503, "unavailable"))
    with pytest.raises(ServerError) as failure:
        call(client(handler, clock, max_retries=3))
    assert len(seen) == 4  # the first attempt and three retries
    assert clock.sleeps == [0.5, 1.0, 2.0]
    assert failure.value.status == 503 and "gateway 'x': create failed: HTTP 503" in str(failure.value)


def test_backoff_is_capped_and_jittered() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=8.0, jitter=0.25)
    assert policy.backoff(10, 0.0) == 8.0
    assert policy.backoff(1, 0.999) == pytest.approx(0.75, abs=0.01)


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        (error(400, 7001, "Input Validation Error"), ValidationError),
        (error(403, 10000, "Authentication error"), AuthenticationError),
        (error(404, 7002, "Not Found"), NotFoundError),
    ],
)
def test_client_errors_are_never_retried(answer: httpx.Response, kind: type[Exception]) -> None:
    clock = FakeClock()
    handler, seen = scripted(answer, httpx.Response(200, json=OK))
    with pytest.raises(kind):
        call(client(handler, clock))
    assert len(seen) == 1 and clock.sleeps == []


def test_the_throttle_budget_stops_waiting() -> None:
    clock = FakeClock()
    handler, seen = scripted(error(429, 971, "slow down", **{"Retry-After": "30"}))
    with pytest.raises(RateLimitedError) as failure:
        call(client(handler, clock, throttle_timeout=45))
    # 0 s: first try; wait 30; 30 s: second try; another 30 would pass the 45 s throttle budget.
    assert len(seen) == 2 and clock.now == 30.0
    assert failure.value.retry_after == 30.0


def test_a_throttled_call_waits_past_the_deadline_of_failures_and_says_so() -> None:
    clock, told = FakeClock(), list[str]()
    answers = [error(429, 971, "slow down", **{"Retry-After": "20"})] * 6
    handler, seen = scripted(*answers, error(503, 503, "unavailable"), httpx.Response(200, json=OK))
    http = httpx.Client(transport=httpx.MockTransport(handler))
    api = ApiClient(SETTINGS, http=http, sleep=clock.sleep, clock=clock, rand=lambda: 0.0, notify=told.append)
    assert call(api) == {"id": "x"}
    # Six 429s: 120 s of waiting, twice the 60 s deadline, within the 300 s throttle budget; the 5xx after
    # them still has its own retries.
    assert len(seen) == 8 and clock.sleeps == [20.0] * 6 + [0.5]
    assert told == ["gateway 'x': rate limited by the API, retrying in 20 s"] * 6


def test_the_throttle_budget_comes_from_the_settings() -> None:
    settings = Settings.resolve(
        account_id="0123456789abcdef0123456789abcdef", api_token="t-throttle", environ={},
        config={"aigateway:throttleTimeout": "12"},
    )  # fmt: skip
    clock = FakeClock()
    handler, _ = scripted(error(429, 971, "slow down", **{"Retry-After": "5"}))
    api = ApiClient(settings, http=httpx.Client(transport=httpx.MockTransport(handler)), sleep=clock.sleep,
                    clock=clock, rand=lambda: 0.0)  # fmt: skip
    with pytest.raises(RateLimitedError):
        call(api)
    assert clock.sleeps == [5.0, 5.0], "a third wait would pass 12 s"


def test_after_one_429_the_other_calls_of_the_process_wait_too() -> None:
    clock = FakeClock()
    handler, _ = scripted(error(429, 971, "slow down", **{"Retry-After": "9"}), httpx.Response(200, json=OK))
    first, second = client(handler, clock), client(handler, clock)
    call(first)
    clock.now -= 9  # as if the second call started while the first was waiting
    handler2, seen2 = scripted(httpx.Response(200, json=OK))
    second._http = httpx.Client(transport=httpx.MockTransport(handler2))
    call(second)
    assert clock.sleeps == [9.0, 9.0] and len(seen2) == 1, "it waited instead of sending into the limit"


def test_transport_errors_are_retried_then_reported() -> None:
    clock = FakeClock()
    handler, seen = scripted(
        httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.Response(200, json=OK)
    )
    assert call(client(handler, clock)) == {"id": "x"}
    assert len(seen) == 3
    handler, seen = scripted(httpx.RemoteProtocolError("reset"))
    with pytest.raises(TransportError) as failure:
        call(client(handler, FakeClock()))
    assert failure.value.attempts == 3 and "RemoteProtocolError" in str(failure.value)


def test_envelopes() -> None:
    clock = FakeClock()
    handler, _ = scripted(httpx.Response(200, json={"success": True, "route": {"id": "r"}}))
    assert client(handler, clock).call("PATCH", "/gateways/g/routes/r", what="route", operation="rename") == {
        "id": "r"
    }
    handler, _ = scripted(httpx.Response(200, text="<html>oops</html>"))
    with pytest.raises(Exception, match="not JSON"):
        call(client(handler, clock))


def test_route_pagination_reads_the_data_envelope() -> None:
    pages = {
        "1": {"success": True, "data": {"routes": [{"id": "a"}, {"id": "b"}], "page": 1, "per_page": 2}},
        "2": {"success": True, "data": {"routes": [{"id": "c"}], "page": 2, "per_page": 2}},
        "3": {"success": True, "data": {"routes": [], "page": 3, "per_page": 2}},
    }
    handler = lambda request: httpx.Response(200, json=pages[request.url.params["page"]])  # noqa: E731
    items = client(handler, FakeClock()).paginate(
        "/gateways/g/routes", what="routes", operation="list", per_page=2, data_key="routes"
    )
    assert [item["id"] for item in items] == ["a", "b", "c"]


def test_a_create_is_retried_only_when_it_certainly_did_nothing() -> None:
    clock = FakeClock()
    handler, seen = scripted(
        error(429, 971, "slow down", **{"Retry-After": "1"}),
        httpx.ConnectError("refused"),
        httpx.Response(200, json=OK),
    )
    assert call(client(handler, clock, max_retries=3), "POST") == {"id": "x"}
    assert len(seen) == 3


@pytest.mark.parametrize("answer", [error(502, 502, "bad gateway"), httpx.ReadTimeout("slow")])
def test_a_create_that_may_have_been_applied_is_not_repeated(answer: httpx.Response | Exception) -> None:
    handler, seen = scripted(answer, httpx.Response(200, json=OK))
    with pytest.raises((ServerError, TransportError)) as failure:
        call(client(handler, FakeClock()), "POST")
    assert len(seen) == 1
    if isinstance(failure.value, TransportError):
        assert failure.value.uncertain


def test_rate_limiting_has_its_own_larger_budget() -> None:
    clock = FakeClock()
    limited = error(429, 971, "slow down", **{"Retry-After": "1"})
    handler, seen = scripted(limited, limited, limited, limited, limited, httpx.Response(200, json=OK))
    assert call(client(handler, clock)) == {"id": "x"}  # 5 throttles > max_retries (2), within the 429 budget
    assert len(seen) == 6 and clock.sleeps == [1.0] * 5
    handler, seen = scripted(error(500, 500, "boom"))
    with pytest.raises(ServerError):
        call(client(handler, FakeClock()))
    assert len(seen) == 3
