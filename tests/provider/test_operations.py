"""Every operation of the seed through the typed client: the request it sends and the result it parses."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pulumi_ai_gateway.client import AIGatewayClient
from pulumi_ai_gateway.dataset import DatasetBody, DatasetFilter
from pulumi_ai_gateway.dynamic_route import EndElement, ModelElement, ModelProperties, StartElement, Target
from pulumi_ai_gateway.errors import AlreadyExistsError, NotFoundError, ValidationError
from pulumi_ai_gateway.evaluation import EvaluationCreate
from pulumi_ai_gateway.gateway import GatewayCreate, GatewaySettings, OtelExporter
from pulumi_ai_gateway.log import LogFilter, LogPatch
from pulumi_ai_gateway.provider_config import ProviderConfigCreate
from tests.provider.conftest import ACCOUNT, TOKEN, Recorder

SETTINGS: dict[str, Any] = dict(
    cache_invalidate_on_update=False,
    cache_ttl=60,
    collect_logs=True,
    rate_limiting_interval=60,
    rate_limiting_limit=100,
)


def _gateway(aig: AIGatewayClient, gateway_id: str = "prod") -> None:
    aig.gateways.create(GatewayCreate(id=gateway_id, **SETTINGS))


def test_gateway_create_sends_only_what_is_set(aig: AIGatewayClient, recorder: Recorder) -> None:
    created = aig.gateways.create(
        GatewayCreate(id="prod", authentication=True, log_management=None, **SETTINGS)
    )
    sent = recorder.last
    assert (sent.method, sent.path, sent.query) == ("POST", "/gateways", [])
    assert sent.body == {"id": "prod", "authentication": True, "log_management": None, **SETTINGS}
    assert sent.headers["Authorization"] == f"Bearer {TOKEN}"
    assert created.id == "prod" and created.authentication is True and created.cache_ttl == 60


def test_gateway_get_update_delete_list(aig: AIGatewayClient, recorder: Recorder) -> None:
    _gateway(aig)
    assert aig.gateways.get("prod").collect_logs is True
    assert (recorder.last.method, recorder.last.path) == ("GET", "/gateways/prod")

    otel = OtelExporter(url="https://otel.example.com", headers={"k": "v"}, authorization="Bearer x")
    updated = aig.gateways.update("prod", GatewaySettings(**{**SETTINGS, "cache_ttl": None}, otel=[otel]))
    assert (recorder.last.method, recorder.last.path) == ("PUT", "/gateways/prod")
    assert recorder.last.body["cache_ttl"] is None and "id" not in recorder.last.body
    assert recorder.last.body["otel"] == [  # inside a setting, defaults are sent too
        {
            "url": "https://otel.example.com",
            "headers": {"k": "v"},
            "authorization": "Bearer x",
            "content_type": "json",
        }
    ]
    assert updated.cache_ttl is None and updated.otel is not None

    assert [g.id for g in aig.gateways.list(search="pro")] == ["prod"]
    assert recorder.last.query == [("search", "pro"), ("page", "1"), ("per_page", "100")]

    assert aig.gateways.delete("prod").id == "prod"
    assert (recorder.last.method, recorder.last.path) == ("DELETE", "/gateways/prod")
    with pytest.raises(NotFoundError) as missing:
        aig.gateways.get("prod")
    assert missing.value.code == 7002 and "gateway 'prod': read" in str(missing.value)


def test_list_paginates_until_the_total(aig: AIGatewayClient, recorder: Recorder) -> None:
    for i in range(7):
        _gateway(aig, f"gw-{i}")
    recorder.sent.clear()
    assert len(list(aig.gateways.list(per_page=3))) == 7
    assert [dict(s.query)["page"] for s in recorder.sent] == ["1", "2", "3"]


def test_gateway_url(aig: AIGatewayClient, recorder: Recorder) -> None:
    _gateway(aig)
    assert aig.gateways.url("prod", "openai") == f"http://testserver/v1/{ACCOUNT}/prod/openai"
    assert recorder.last.path == "/gateways/prod/url/openai"


def test_gateway_errors_are_typed(aig: AIGatewayClient) -> None:
    _gateway(aig)
    with pytest.raises(AlreadyExistsError):
        _gateway(aig)
    with pytest.raises(ValueError):  # refused before any call: the id pattern
        GatewayCreate(id="Not Valid", **SETTINGS)


def test_datasets(aig: AIGatewayClient, recorder: Recorder) -> None:
    _gateway(aig)
    body = DatasetBody(
        name="errors", enable=True, filters=[DatasetFilter(key="success", operator="eq", value=[False])]
    )
    created = aig.datasets.create("prod", body)
    assert (recorder.last.method, recorder.last.path) == ("POST", "/gateways/prod/datasets")
    assert recorder.last.body == {
        "name": "errors",
        "enable": True,
        "filters": [{"key": "success", "operator": "eq", "value": [False]}],
    }
    assert aig.datasets.get("prod", created.id).name == "errors"
    assert recorder.last.path == f"/gateways/prod/datasets/{created.id}"
    renamed = aig.datasets.update("prod", created.id, body.model_copy(update={"name": "failures"}))
    assert recorder.last.method == "PUT" and renamed.name == "failures"
    assert [d.id for d in aig.datasets.list("prod", name="failures")] == [created.id]
    assert ("name", "failures") in recorder.last.query
    aig.datasets.delete("prod", created.id)
    assert recorder.last.method == "DELETE"


def test_evaluations_and_types(aig: AIGatewayClient, recorder: Recorder) -> None:
    _gateway(aig)
    types = list(aig.evaluations.list_types())
    assert recorder.last.path == "/evaluation-types" and {t.id for t in types if t.mandatory} == {
        "cost",
        "speed",
    }
    dataset = aig.datasets.create("prod", DatasetBody(name="all", enable=True, filters=[]))
    created = aig.evaluations.create(
        "prod", EvaluationCreate(name="nightly", dataset_ids=[dataset.id], evaluation_type_ids=["cost"])
    )
    assert recorder.last.body == {
        "name": "nightly",
        "dataset_ids": [dataset.id],
        "evaluation_type_ids": ["cost"],
    }
    assert created.processed is False and created.dataset_ids == [dataset.id]
    assert aig.evaluations.get("prod", created.id).name == "nightly"
    assert [e.id for e in aig.evaluations.list("prod")] == [created.id]
    aig.evaluations.delete("prod", created.id)
    assert (recorder.last.method, recorder.last.path) == (
        "DELETE",
        f"/gateways/prod/evaluations/{created.id}",
    )


def test_logs(aig: AIGatewayClient, recorder: Recorder) -> None:
    _gateway(aig)
    http = aig.http._http
    http.post(
        "/__emulator/logs",
        json={
            "account_id": ACCOUNT,
            "gateway_id": "prod",
            "logs": [
                {"provider": "openai", "request": {"q": 1}, "response": {"a": 2}},
                {"provider": "anthropic", "success": False},
            ],
        },
    )
    failing = LogFilter(key="success", operator="eq", value=[False])
    logs = list(aig.logs.list("prod", filters=[failing]))
    assert [log.provider for log in logs] == ["anthropic"]
    assert recorder.last.query[:3] == [
        ("filters[0][key]", "success"),
        ("filters[0][operator]", "eq"),
        ("filters[0][value][0]", "false"),
    ]
    [openai] = list(aig.logs.list("prod", search="openai"))
    assert aig.logs.get("prod", openai.id).id == openai.id
    aig.logs.edit("prod", openai.id, LogPatch(feedback=1, metadata={"team": "search"}))
    assert (recorder.last.method, recorder.last.body) == (
        "PATCH",
        {"feedback": 1.0, "metadata": {"team": "search"}},
    )
    assert json.loads(aig.logs.get("prod", openai.id).metadata or "{}") == {"team": "search"}
    assert aig.logs.request_body("prod", openai.id) == {"q": 1}
    assert aig.logs.response_body("prod", openai.id) == {"a": 2}
    aig.logs.delete("prod", filters=[failing], limit=5)
    assert recorder.last.method == "DELETE" and ("limit", "5") in recorder.last.query
    assert [log.provider for log in aig.logs.list("prod")] == ["openai"]
    assert len(list(aig.logs.list("prod", limit=0))) == 0


def _graph(model: str) -> list[StartElement | ModelElement | EndElement]:
    return [
        StartElement(id="start", outputs={"next": Target(element_id="m")}),
        ModelElement(
            id="m",
            properties=ModelProperties(provider="openai", model=model, timeout=1000, retries=1),
            outputs={"success": Target(element_id="end"), "fallback": Target(element_id="end")},
        ),
        EndElement(id="end"),
    ]


def test_dynamic_routes(aig: AIGatewayClient, recorder: Recorder) -> None:
    _gateway(aig)
    route = aig.routes.create("prod", "chat", list(_graph("gpt-4o")))
    assert recorder.last.body["elements"][0] == {
        "id": "start",
        "type": "start",
        "outputs": {"next": {"elementId": "m"}},
    }
    assert route.version is not None and route.deployment is not None
    assert route.deployment.version_id == route.version.version_id

    renamed = aig.routes.rename("prod", route.id, "chat-2")
    assert (recorder.last.method, recorder.last.body) == (
        "PATCH",
        {"name": "chat-2"},
    ) and renamed.name == "chat-2"
    version = aig.routes.create_version("prod", route.id, list(_graph("gpt-4o-mini")))
    assert version.active == "false"
    assert aig.routes.get_version("prod", route.id, version.version_id).version_id == version.version_id
    deployed = aig.routes.deploy("prod", route.id, version.version_id)
    assert deployed.version is not None and deployed.version.version_id == version.version_id
    model = deployed.elements[1]  # the typed client reads the graph as its element models
    assert isinstance(model, ModelElement) and model.properties.model == "gpt-4o-mini"
    assert len(aig.routes.list_deployments("prod", route.id)) == 2
    assert [v.active for v in aig.routes.list_versions("prod", route.id)] == ["false", "true"]
    assert [r.id for r in aig.routes.list("prod")] == [route.id]
    aig.routes.delete("prod", route.id)
    with pytest.raises(NotFoundError):  # the API says 400 / 7005 "not found"
        aig.routes.get("prod", route.id)


def test_provider_configs(aig: AIGatewayClient, recorder: Recorder) -> None:
    _gateway(aig)
    secret = "sk-provider-secret-abcdef"
    config = aig.provider_configs.create(
        "prod", ProviderConfigCreate(provider_slug="openai", alias="main", default_config=True, secret=secret)
    )
    assert recorder.last.body == {
        "provider_slug": "openai",
        "alias": "main",
        "default_config": True,
        "secret": secret,
    }
    assert config.secret_id and secret not in config.model_dump_json()
    assert aig.provider_configs.get("prod", config.id).alias == "main"
    rotated = aig.provider_configs.rotate("prod", config.id, "sk-provider-secret-new123")
    assert (recorder.last.method, recorder.last.body) == ("PUT", {"secret": "sk-provider-secret-new123"})
    assert rotated.id == config.id
    with pytest.raises(AlreadyExistsError):
        aig.provider_configs.create(
            "prod",
            ProviderConfigCreate(provider_slug="openai", alias="main", default_config=False, secret=secret),
        )
    aig.provider_configs.delete("prod", config.id)
    with pytest.raises(NotFoundError):
        aig.provider_configs.get("prod", config.id)


def test_validation_error_names_the_field(aig: AIGatewayClient) -> None:
    _gateway(aig)
    with pytest.raises(ValidationError) as error:
        aig.evaluations.create(
            "prod", EvaluationCreate(name="x", dataset_ids=["missing"], evaluation_type_ids=[])
        )
    assert error.value.field == "dataset_ids.0"
