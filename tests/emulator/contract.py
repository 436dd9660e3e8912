"""The official API description (``../shared/contract/ai-gateway-openapi.json``) as a response checker."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from jsonschema import Draft4Validator

from tests.harness.pulumi_cli import REPO_ROOT

__all__ = ["CONTRACT_PATH", "PREFIX", "contract", "resolved", "response_errors", "spec_of_implemented"]

CONTRACT_PATH = REPO_ROOT.parent / "shared" / "contract" / "ai-gateway-openapi.json"
PREFIX = "/accounts/{account_id}/ai-gateway"


@cache
def contract() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(CONTRACT_PATH.read_text())
    return loaded


def spec_of_implemented() -> dict[str, Any]:
    """The description of the implemented operations (for schemathesis): every one under /ai-gateway/."""
    return copy.deepcopy(contract())


def resolved(node: Any) -> Any:
    """``node`` with every ``$ref`` (billing's schemas are components) replaced by what it names."""
    if isinstance(node, list):
        return [resolved(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return resolved(contract()["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]])
    return {key: resolved(value) for key, value in node.items()}


def _to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema → JSON Schema draft 4: ``nullable`` becomes a null alternative."""
    if isinstance(node, list):
        return [_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _to_json_schema(value) for key, value in node.items() if not key.startswith("x-")}
    if out.pop("nullable", False):
        out = {"anyOf": [out, {"type": "null"}]}
    return out


@cache
def _validator(method: str, template: str, status: str) -> Draft4Validator | None:
    operation = contract()["paths"][PREFIX + template][method.lower()]
    response = operation["responses"].get(status)
    if response is None:
        return None
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    return None if schema is None else Draft4Validator(_to_json_schema(resolved(schema)))


def declared_statuses(method: str, template: str) -> set[str]:
    return set(contract()["paths"][PREFIX + template][method.lower()]["responses"])


def response_errors(method: str, template: str, status: int, body: Any) -> list[str]:
    """Where ``body`` breaks the schema declared for ``status`` (empty when it conforms)."""
    validator = _validator(method, template, str(status))
    if validator is None:
        return []
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in validator.iter_errors(body)
    ]
