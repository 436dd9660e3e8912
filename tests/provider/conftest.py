"""Client fixtures: the real client against the in-process emulator, with every request recorded."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from starlette.testclient import TestClient

from aigw_emulator import Store, create_app
from aigw_emulator.common import Settings as EmulatorSettings
from pulumi_ai_gateway import _provider
from pulumi_ai_gateway._http import ApiClient
from pulumi_ai_gateway.client import AIGatewayClient
from pulumi_ai_gateway.settings import Settings
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import Parent, create_parent


@pytest.fixture(autouse=True)
def one_deployment_per_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """A provider process serves one deployment: what it saw declared and created is per test."""
    monkeypatch.setattr(_provider, "_DECLARED", {})
    monkeypatch.setattr(_provider, "_CREATED", set())


def next_deployment() -> None:
    """What a later ``pulumi up`` meets: a new provider process that created nothing yet."""
    _provider._CREATED.clear()
    _provider._DECLARED.clear()


ACCOUNT = "acc-client"
TOKEN = "client-test-token-0123456789"
PREFIX = f"/client/v4/accounts/{ACCOUNT}/ai-gateway"


@dataclass
class Sent:
    """One request as it went on the wire."""

    method: str
    path: str
    query: list[tuple[str, str]]
    body: Any
    headers: httpx.Headers


class Recorder:
    def __init__(self) -> None:
        self.sent: list[Sent] = []

    def __call__(self, request: httpx.Request) -> None:
        url = urlsplit(str(request.url))
        body = json.loads(request.content) if request.content else None
        path = url.path[len(PREFIX) :] if url.path.startswith(PREFIX) else url.path
        self.sent.append(Sent(request.method, path, parse_qsl(url.query), body, request.headers))

    @property
    def last(self) -> Sent:
        return self.sent[-1]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def emulator_store() -> Iterator[Store]:
    store = Store()
    yield store
    store.close()


@pytest.fixture
def aig(recorder: Recorder, emulator_store: Store) -> Iterator[AIGatewayClient]:
    """The typed client, talking to an in-process emulator."""
    settings = Settings.resolve(
        account_id=ACCOUNT, api_token=TOKEN, base_url="http://testserver/client/v4", environ={}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        http = TestClient(
            create_app(emulator_store, EmulatorSettings(api_token=TOKEN, evaluation_delay_s=3600))
        )
    http.event_hooks["request"].append(recorder)
    with http:
        yield AIGatewayClient(settings, http=ApiClient(settings, http=http))


PARENT = "contract-parent"


@pytest.fixture
def parent(emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Parent]:
    """A fresh emulator (the real server) holding the parent gateway, a dataset and a custom provider;
    credentials in the environment, as the dynamic provider process finds them."""
    emulator.control("POST", "/reset")
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", EMULATOR_TOKEN)
    monkeypatch.setenv("CLOUDFLARE_ACCOUNT_ID", EMULATOR_ACCOUNT)
    monkeypatch.setenv("CLOUDFLARE_BASE_URL", emulator.base_url)
    yield create_parent(AIGatewayClient(Settings.resolve()), PARENT)
