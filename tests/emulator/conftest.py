"""Fixtures for the emulator tests: the app in-process, and a client that checks every answer."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from aigw_emulator import Store, create_app
from aigw_emulator.common import Settings
from tests.emulator.contract import declared_statuses, response_errors

ACCOUNT = "acc0123"
BASE = f"/client/v4/accounts/{ACCOUNT}/ai-gateway"
AUTH = {"Authorization": "Bearer emulator-test-token"}


class ContractViolation(AssertionError):
    """An emulator answer that the official API description does not allow."""


class Api:
    """Calls ``/accounts/{account}/ai-gateway`` + template; every response is checked against the contract."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.calls = 0

    def __call__(
        self,
        method: str,
        template: str,
        *,
        json: Any = None,
        params: Any = None,
        headers: dict[str, str] | None = None,
        **path: str,
    ) -> httpx.Response:
        response = self.client.request(
            method, BASE + template.format(**path), json=json, params=params, headers=headers or AUTH
        )
        self.calls += 1
        self.check(method, template, response)
        checked: httpx.Response = response
        return checked

    @staticmethod
    def check(method: str, template: str, response: httpx.Response) -> None:
        status = response.status_code
        if status >= 500:
            raise ContractViolation(f"{method} {template} answered {status}: {response.text}")
        body = response.json()
        if str(status) in declared_statuses(method, template):
            problems = response_errors(method, template, status, body)
        elif status == 404:
            # Documented difference (emulator/README.md): a missing parent gateway is 404 / 7002 everywhere but
            # dynamic routes; the body must still have the API's 404 shape.
            problems = response_errors("GET", "/gateways/{id}", 404, body)
        elif status == 400:
            # Documented difference: a body breaking a declared constraint is refused even where the
            # description lists no 400 (PATCH log); it must have the API's validation-error shape.
            problems = response_errors("POST", "/gateways", 400, body)
        elif status == 403:
            problems = [] if body["errors"][0]["code"] == 10000 else [f"not an auth error: {body}"]
        else:
            raise ContractViolation(
                f"{method} {template} answered undeclared status {status}: {response.text}"
            )
        if problems:
            raise ContractViolation(f"{method} {template} {status} breaks the contract: {problems}\n{body}")


@pytest.fixture
def store() -> Iterator[Store]:
    made = Store()
    yield made
    made.close()


@pytest.fixture
def app_settings() -> Settings:
    return Settings(evaluation_delay_s=3600)


@pytest.fixture
def client(store: Store, app_settings: Settings) -> Iterator[TestClient]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with TestClient(create_app(store, app_settings)) as test_client:
            yield test_client


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


def gateway_body(gateway_id: str = "prod", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": gateway_id,
        "cache_invalidate_on_update": True,
        "cache_ttl": 300,
        "collect_logs": True,
        "rate_limiting_interval": 60,
        "rate_limiting_limit": 100,
    }
    body.update(overrides)
    return body


@pytest.fixture
def gateway(api: Api) -> dict[str, Any]:
    """A gateway ``prod`` in account ACCOUNT."""
    result: dict[str, Any] = api("POST", "/gateways", json=gateway_body()).json()["result"]
    return result
