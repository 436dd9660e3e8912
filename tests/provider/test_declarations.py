"""Every object's declarations agree with each other: one inputs model (no field declared twice), one
computed-outputs model, secrets as field metadata, and what is derived from them."""

from __future__ import annotations

import base64
import dataclasses
import importlib
import pickle
from pathlib import Path
from typing import Any

import pytest
from pulumi.dynamic.dynamic import serialize_provider

import pulumi_ai_gateway as aig
from pulumi_ai_gateway._control import CONTROL_INPUTS
from pulumi_ai_gateway._objects import OBJECTS, ObjectType

pytestmark = pytest.mark.parametrize("spec", OBJECTS, ids=[spec.name for spec in OBJECTS])


def test_each_input_is_declared_once(spec: ObjectType) -> None:
    model = spec.provider.inputs_model
    for name in model.model_fields:
        declaring = [k.__name__ for k in model.__mro__ if name in getattr(k, "__annotations__", {})]
        assert len(declaring) == 1, f"{spec.name}.{name} is declared by {declaring}"


def test_derived_field_lists_name_real_fields(spec: ObjectType) -> None:
    provider, fields = spec.provider, set(spec.provider.inputs_model.model_fields)
    assert provider.replace_on <= fields and set(provider.natural_key) <= fields
    assert provider.write_only <= fields and provider.secrets <= fields
    assert provider.semantic_inputs <= fields
    assert provider.computed == tuple(provider.outputs_model.model_fields)
    assert not set(provider.computed) & fields, "a computed output would shadow an input"


def test_args_are_the_inputs(spec: ObjectType) -> None:
    model = spec.provider.inputs_model
    args = getattr(aig, f"{spec.resource}Args")
    assert {f.name for f in dataclasses.fields(args)} == set(model.model_fields)
    required = {n for n, i in model.model_fields.items() if i.is_required()}
    assert {f.name for f in dataclasses.fields(args) if f.default is dataclasses.MISSING} == required
    assert spec.resource_class.args_type is args


def test_output_attributes_are_the_inputs_and_the_computed_outputs(spec: ObjectType) -> None:
    annotated = {
        name
        for klass in spec.resource_class.__mro__
        if klass.__module__.startswith("pulumi_ai_gateway")
        for name, tp in getattr(klass, "__annotations__", {}).items()
        if str(tp).startswith("pulumi.Output[")
    }
    inputs = set(spec.provider.inputs_model.model_fields) - CONTROL_INPUTS
    assert annotated == inputs | set(spec.provider.computed) | {"account_id"}


def test_the_pickled_provider_path_stays_importable(spec: ObjectType) -> None:
    # State holds the provider by module and class name: pulumi_ai_gateway.gateway.GatewayProvider, ...
    module = importlib.import_module(f"pulumi_ai_gateway.{spec.name}")
    assert getattr(module, f"{spec.resource}Provider") is spec.provider
    assert spec.type_token.endswith(spec.resource_class._resource_type_name)


def test_a_resource_class_carries_what_its_provider_declares(spec: ObjectType) -> None:
    # A program builds no provider (see _program): the generated class must say exactly what it would.
    resource, provider = spec.resource_class, spec.provider
    assert resource.provider_type is provider
    assert resource.provider_path == ("pulumi_ai_gateway." + spec.name, f"{spec.resource}Provider")
    assert resource.pickled_provider == serialize_provider(provider())
    assert type(pickle.loads(base64.b64decode(resource.pickled_provider))) is provider
    assert resource.secret_fields == tuple(sorted(provider.secrets))
    assert resource.computed_fields == provider.computed


def test_secret_inputs_never_show_in_reprs(spec: ObjectType) -> None:
    model = spec.provider.inputs_model
    for name in spec.provider.secrets:
        values: dict[str, Any] = {name: "hunter2-secret"}
        shown = repr(model.model_construct(**values))
        assert "hunter2-secret" not in shown and "[redacted]" in shown, name


@pytest.mark.parametrize("program", ["every_resource", "every_resource_dicts"])
def test_the_every_resource_programs_declare_it(spec: ObjectType, program: str) -> None:
    # The lifecycle, fault and oldest-dependency tests run these programs: every object must be in both.
    source = (Path(__file__).parents[1] / "e2e" / "programs" / program / "__main__.py").read_text()
    assert f"aig.{spec.resource}(" in source
