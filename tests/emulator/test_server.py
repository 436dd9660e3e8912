"""The emulator as a real server: start-up, auth, faults of every kind, request log, reset, restart, concurrency."""

from __future__ import annotations

import concurrent.futures
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.emulator.conftest import ACCOUNT, gateway_body
from tests.harness.emulator import EmulatorServer

TOKEN = "server-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmulatorServer]:
    emulator = EmulatorServer(tmp_path / "emulator.log", state=tmp_path / "state.db", api_token=TOKEN)
    emulator.start()
    yield emulator
    emulator.stop()


def _gateways(server: EmulatorServer) -> str:
    return f"{server.base_url}/accounts/{ACCOUNT}/ai-gateway/gateways"


def _create(server: EmulatorServer, gateway_id: str, **kwargs: Any) -> httpx.Response:
    return httpx.post(_gateways(server), json=gateway_body(gateway_id), headers=AUTH, timeout=10, **kwargs)


def test_starts_fast_and_logs_each_request(tmp_path: Path) -> None:
    emulator = EmulatorServer(tmp_path / "emulator.log")
    try:
        seconds = emulator.start()
        httpx.get(f"{emulator.base_url}/accounts/a/ai-gateway/gateways", headers=AUTH, timeout=5)
    finally:
        emulator.stop()
    # "Well under a second" for the server itself; the bound includes the interpreter start on a busy machine.
    assert seconds < 3.0
    log = (tmp_path / "emulator.log").read_text()
    assert "GET /client/v4/accounts/a/ai-gateway/gateways" in log


def test_auth_like_the_real_api(server: EmulatorServer) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"X-Auth-Email": "a@b.c", "X-Auth-Key": "k"}):
        response = httpx.get(_gateways(server), headers=headers, timeout=5)
        assert response.status_code == 403
        assert response.json()["errors"][0] == {"code": 10000, "message": "Authentication error"}
    assert httpx.get(_gateways(server), headers=AUTH, timeout=5).status_code == 200


def test_state_survives_a_restart(server: EmulatorServer) -> None:
    assert _create(server, "kept").status_code == 200
    server.stop()
    server.start()
    response = httpx.get(f"{_gateways(server)}/kept", headers=AUTH, timeout=5)
    assert response.status_code == 200 and response.json()["result"]["id"] == "kept"


def test_reset_and_request_log(server: EmulatorServer) -> None:
    _create(server, "one")
    httpx.get(f"{_gateways(server)}/one", headers=AUTH, timeout=5)
    assert [(r["method"], r["status"]) for r in server.requests_made()] == [("POST", 200), ("GET", 200)]
    assert server.requests_made()[1]["path"] == f"/accounts/{ACCOUNT}/ai-gateway/gateways/one"
    server.control("DELETE", "/requests")
    assert server.requests_made() == []
    server.control("POST", "/reset")
    assert server.control("GET", "/objects")["result"] == {}


def test_fault_429_with_retry_after_fires_times_then_clears(server: EmulatorServer) -> None:
    server.control(
        "POST",
        "/faults",
        json={"method": "POST", "path": "/gateways$", "status": 429, "retry_after": 7, "times": 2},
    )
    for _ in range(2):
        limited = _create(server, "rl")
        assert limited.status_code == 429 and limited.headers["Retry-After"] == "7"
    assert _create(server, "rl").status_code == 200
    assert server.control("GET", "/faults")["fired"] == 2


@pytest.mark.parametrize("status", [500, 502, 503])
def test_fault_server_errors_do_not_apply(server: EmulatorServer, status: int) -> None:
    server.control("POST", "/faults", json={"path": "/gateways", "status": status})
    assert _create(server, "boom").status_code == status
    assert httpx.get(f"{_gateways(server)}/boom", headers=AUTH, timeout=5).status_code == 404


def test_fault_apply_then_fail_creates_the_object(server: EmulatorServer) -> None:
    server.control(
        "POST",
        "/faults",
        json={"method": "POST", "path": "/gateways$", "status": 504, "apply_then_fail": True},
    )
    assert _create(server, "created-anyway").status_code == 504
    assert httpx.get(f"{_gateways(server)}/created-anyway", headers=AUTH, timeout=5).status_code == 200


def test_fault_latency_beyond_the_client_timeout(server: EmulatorServer) -> None:
    server.control("POST", "/faults", json={"method": "GET", "path": "/gateways$", "latency_ms": 1500})
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(_gateways(server), headers=AUTH, timeout=0.3)
    started = time.monotonic()
    assert httpx.get(_gateways(server), headers=AUTH, timeout=5).status_code == 200
    assert time.monotonic() - started < 1.0  # the fault fired once only


def test_a_delayed_create_is_carried_out_after_its_client_gave_up(server: EmulatorServer) -> None:
    server.control("POST", "/faults", json={"method": "POST", "path": "/gateways$", "latency_ms": 800})
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(_gateways(server), json=gateway_body("late-but-made"), headers=AUTH, timeout=0.2)
    assert httpx.get(f"{_gateways(server)}/late-but-made", headers=AUTH, timeout=5).status_code == 404
    assert server.control("GET", "/faults")["in_flight"] == 1  # still being carried out
    server.settle()
    assert server.control("GET", "/faults")["in_flight"] == 0
    assert httpx.get(f"{_gateways(server)}/late-but-made", headers=AUTH, timeout=5).status_code == 200


def test_fault_reset_connection(server: EmulatorServer) -> None:
    server.control(
        "POST",
        "/faults",
        json={"method": "POST", "path": "/gateways$", "reset_connection": True, "apply_then_fail": True},
    )
    with pytest.raises(httpx.TransportError):
        _create(server, "half-done")
    # The operation was applied before the connection was cut; the request log says no answer came (status 0).
    assert httpx.get(f"{_gateways(server)}/half-done", headers=AUTH, timeout=5).status_code == 200
    assert [e["status"] for e in server.requests_made() if e["method"] == "POST"][-1] == 0


def test_bad_fault_definitions_are_rejected(server: EmulatorServer) -> None:
    for bad in ({"status": 200}, {"path": "("}, {"times": 0}, {"colour": "red"}):
        response = httpx.post(f"{server.root}/__emulator/faults", json=bad, timeout=5)
        assert response.status_code == 400, bad


def test_concurrent_creates_are_safe(server: EmulatorServer) -> None:
    """64 concurrent creates of 16 ids: exactly one success per id, the rest 'already exists', nothing lost."""
    ids = [f"gw-{i % 16}" for i in range(64)]
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda gateway_id: _create(server, gateway_id).status_code, ids))
    assert statuses.count(200) == 16 and statuses.count(400) == 48
    listed = httpx.get(_gateways(server), params={"per_page": 100}, headers=AUTH, timeout=5).json()["result"]
    assert sorted(g["id"] for g in listed) == sorted({*ids})
