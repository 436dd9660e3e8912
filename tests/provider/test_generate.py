"""The program generator (pulumi_ai_gateway/generate.py) against the in-process emulator."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pulumi_ai_gateway.client import AIGatewayClient
from pulumi_ai_gateway.custom_provider import CustomProviderBody
from pulumi_ai_gateway.dataset import DatasetBody
from pulumi_ai_gateway.errors import NotFoundError
from pulumi_ai_gateway.evaluation import EvaluationCreate
from pulumi_ai_gateway.gateway import GatewayCreate
from pulumi_ai_gateway.generate import Program, generate, main


def _program(aig: AIGatewayClient, gateways: list[str] | None = None) -> Program:
    return generate(aig.http.settings, gateways=gateways, client=aig)


def _keywords(source: str, resource: str) -> list[dict[str, ast.expr]]:
    """The keyword arguments of every ``aig.<resource>(...)`` call of a program."""
    calls = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == resource
    ]
    return [{kw.arg: kw.value for kw in call.keywords if kw.arg} for call in calls]


def test_only_the_gateways_asked_for_and_no_account_level_objects(aig: AIGatewayClient) -> None:
    for gateway_id in ("alpha", "beta"):
        aig.gateways.create(GatewayCreate(id=gateway_id))
    aig.custom_providers.create(CustomProviderBody(name="Up", slug="up", base_url="https://up.example"))
    everything = _program(aig).files["__main__.py"]
    assert [ast.literal_eval(kw["gateway_id"]) for kw in _keywords(everything, "Gateway")] == [
        "alpha",
        "beta",
    ]
    assert len(_keywords(everything, "CustomProvider")) == 1
    only = _program(aig, ["beta"]).files["__main__.py"]
    assert [ast.literal_eval(kw["gateway_id"]) for kw in _keywords(only, "Gateway")] == ["beta"]
    assert _keywords(only, "CustomProvider") == []


def test_an_unprocessed_evaluation_asks_the_config_for_its_evaluators(aig: AIGatewayClient) -> None:
    aig.gateways.create(GatewayCreate(id="evals"))
    dataset = aig.datasets.create("evals", DatasetBody(name="all", enable=True, filters=[]))
    evaluation = aig.evaluations.create(
        "evals", EvaluationCreate(name="q", dataset_ids=[dataset.id], evaluation_type_ids=["cost"])
    )
    program = _program(aig)  # the in-process emulator processes evaluations after an hour
    key = f"evals-evaluation-{evaluation.id}-evaluationTypeIds"
    assert list(program.settings) == [key]
    [args] = _keywords(program.files["__main__.py"], "Evaluation")
    assert ast.unparse(args["evaluation_type_ids"]) == f"config.require_object('{key}')"
    assert ast.unparse(args["dataset_ids"]).endswith(".id]"), "the dataset is referenced, not copied"
    assert f"pulumi config set {key} " in program.files["README.md"]


@pytest.mark.parametrize("name", ['say "hi"', "back\\slash", "two\nlines", "ünïcødé ☃", "it's"])
def test_any_text_becomes_the_same_python_literal(aig: AIGatewayClient, name: str) -> None:
    aig.gateways.create(GatewayCreate(id="texts"))
    aig.datasets.create("texts", DatasetBody(name=name, enable=True, filters=[]))
    source = _program(aig).files["__main__.py"]
    [args] = _keywords(source, "Dataset")
    assert ast.literal_eval(args["name"]) == name


def test_an_unknown_gateway_is_an_error_naming_it(aig: AIGatewayClient) -> None:
    with pytest.raises(NotFoundError, match="gateway 'nope'"):
        _program(aig, ["nope"])


def test_the_command_says_what_is_missing_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for variable in (
        "CLOUDFLARE_API_TOKEN",
        "CLOUDFLARE_API_KEY",
        "CLOUDFLARE_EMAIL",
        "CLOUDFLARE_ACCOUNT_ID",
    ):
        monkeypatch.delenv(variable, raising=False)
    assert main(["generate", "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: Cloudflare AI Gateway settings are incomplete"), error
    assert "Traceback" not in error and not (tmp_path / "out").exists()


def test_an_object_of_the_registry_without_a_writer_fails_naming_it(
    aig: AIGatewayClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pulumi_ai_gateway import generate as module

    monkeypatch.delitem(module._WRITERS, "custom_domain")
    with pytest.raises(NotImplementedError, match="no writer for custom_domain"):
        _program(aig)
