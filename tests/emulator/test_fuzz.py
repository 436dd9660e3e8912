"""Schemathesis over every implemented operation, valid and invalid inputs: never a 500, always the contract."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance
from starlette.testclient import TestClient

from aigw_emulator import Store, create_app
from aigw_emulator.common import Settings
from tests.emulator.conftest import ACCOUNT, AUTH, gateway_body
from tests.emulator.contract import PREFIX, spec_of_implemented


def _fuzz_contract() -> dict[str, Any]:
    spec = spec_of_implemented()
    # The one deliberate difference: Cloudflare's SDK 5.9.0 sends retry_delay up to 60000 ms (the description
    # says 5000), and the emulator accepts what the SDK sends, so it may also answer it.
    for method in ("post", "put"):
        path = PREFIX + ("/gateways" if method == "post" else "/gateways/{id}")
        operation = spec["paths"][path][method]
        operation["requestBody"]["content"]["application/json"]["schema"]["properties"]["retry_delay"][
            "maximum"
        ] = 60000
    for method in ("get", "put", "delete"):
        result = spec["paths"][PREFIX + "/gateways/{id}"][method]["responses"]["200"]["content"][
            "application/json"
        ]
        result["schema"]["properties"]["result"]["properties"]["retry_delay"]["maximum"] = 60000
    spec["paths"][PREFIX + "/gateways"]["post"]["responses"]["200"]["content"]["application/json"]["schema"][
        "properties"
    ]["result"]["properties"]["retry_delay"]["maximum"] = 60000
    spec["paths"][PREFIX + "/gateways"]["get"]["responses"]["200"]["content"]["application/json"]["schema"][
        "properties"
    ]["result"]["items"]["properties"]["retry_delay"]["maximum"] = 60000
    # And one the emulator cannot follow: PATCH of a route that does not exist has no route to answer with,
    # although the description requires one in every PATCH 400.
    patch = spec["paths"][PREFIX + "/gateways/{gateway_id}/routes/{id}"]["patch"]["responses"]["400"]
    patch["content"]["application/json"]["schema"]["required"] = ["success"]
    return spec


with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    _app = create_app(Store(), Settings(evaluation_delay_s=0))
    _client = TestClient(_app)
_client.post(f"/client/v4/accounts/{ACCOUNT}/ai-gateway/gateways", json=gateway_body("prod"), headers=AUTH)

schema = schemathesis.openapi.from_dict(_fuzz_contract())
schema.app = _app
schema.config.update(headers=AUTH, parameters={"account_id": ACCOUNT, "gateway_id": "prod"})
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=40, deterministic=True
)


@pytest.mark.filterwarnings("ignore")
@schema.parametrize()
def test_no_server_error_and_responses_follow_the_contract(case: schemathesis.Case[Any]) -> None:
    response = case.call(headers=AUTH)
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text}"
    )
    case.validate_response(response, checks=[response_schema_conformance, content_type_conformance])
