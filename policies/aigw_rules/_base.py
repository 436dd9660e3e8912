"""What every rule builds on: resources read as typed views of the provider's own inputs models, and
policies made from small rule functions."""

from __future__ import annotations

import functools
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, TypeVar, Union, cast, get_args, get_origin

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)
from pulumi_policy.proxy import UnknownValueError
from pydantic import BaseModel, ValidationError, create_model

from pulumi_ai_gateway._models import lenient
from pulumi_ai_gateway._objects import OBJECTS
from pulumi_ai_gateway._provider import ResourceInputs

__all__ = ["TYPES", "Config", "choices", "integer", "plain", "policy", "view"]

M = TypeVar("M", bound=BaseModel)
V = TypeVar("V", bound=ResourceInputs)
Config = Mapping[str, Any]

TYPES = {spec.resource: spec.type_token for spec in OBJECTS}
"""Resource class name -> type token, for every object of the provider."""
_INPUTS = {spec.resource: spec.provider.inputs_model for spec in OBJECTS}


@functools.cache
def _partial(model: type[M]) -> type[M]:
    """``model``'s lenient view with every field optional: during preview a resource's props may lack
    values not known yet (a gateway id from another resource)."""
    read = lenient(model)
    optional: dict[str, Any] = {
        name: (info.annotation | None, None) for name, info in read.model_fields.items() if info.is_required()
    }
    return create_model(model.__name__, __base__=read, __module__=model.__module__, **optional)


def view(model: type[V], props: Mapping[str, Any]) -> V:
    """``props`` as the provider reads them: its inputs model gives the defaults, aliases, nested types and
    enum values, so the rules re-state none of them. A value that cannot be read is left at its default
    (the provider's check reports it next to the field), so every other rule still judges the rest; a value
    not known yet (preview) raises the policy SDK's ``UnknownValueError`` when a rule reads it, as a raw
    property would, so the engine says the policy cannot run yet instead of judging a default."""
    reader = _partial(model)
    values, unknown = {}, {}
    for key in props:
        if key in reader.model_fields:
            try:
                values[key] = plain(props[key])
            except UnknownValueError as error:
                unknown[key] = error
    while True:
        try:
            inputs = reader.model_validate(values)
            break
        except ValidationError as exc:
            wrong = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
            if not wrong & set(values):
                raise
            values = {key: value for key, value in values.items() if key not in wrong}
    return cast(V, _Unknowing(inputs, unknown)) if unknown else cast(V, inputs)


class _Unknowing:
    """A view some of whose fields are not known yet: reading one raises what the SDK raised."""

    def __init__(self, inputs: BaseModel, unknown: dict[str, UnknownValueError]) -> None:
        self._inputs, self._unknown = inputs, unknown

    def __getattr__(self, name: str) -> Any:
        if name in self._unknown:
            raise self._unknown[name]
        return getattr(self._inputs, name)


def plain(value: Any) -> Any:
    """A property as plain data (the policy SDK hands out read-only proxies)."""
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [plain(v) for v in value]
    return value


def choices(model: type[BaseModel], field: str) -> tuple[Any, ...]:
    """The values an enum field of ``model`` allows, as the provider declares them."""
    stack: list[Any] = [model.model_fields[field].annotation]
    found: list[Any] = []
    while stack:
        tp = stack.pop()
        if get_origin(tp) is Literal:
            found += get_args(tp)
        elif get_origin(tp) in (Union, types.UnionType):
            stack += get_args(tp)
    return tuple(found)


def policy(
    name: str,
    resource: str,
    description: str,
    rule: Callable[[Any, Config], Iterable[str]],
    params: Mapping[str, dict[str, Any]] | None = None,
    level: EnforcementLevel = EnforcementLevel.MANDATORY,
    *,
    typed: bool = True,
) -> ResourceValidationPolicy:
    """A policy over one resource type: ``rule`` gets the resource's typed view (its raw props when not
    ``typed``) and the policy's config (``params`` are JSON-schema properties, each with a ``default``);
    each problem it yields is reported naming the resource."""
    defaults = {key: schema["default"] for key, schema in (params or {}).items()}

    def validate(args: ResourceValidationArgs, report: ReportViolation) -> None:
        if args.resource_type != TYPES[resource]:
            return
        config = {**defaults, **{k: v for k, v in args.get_config().items() if k in defaults}}
        props = view(_INPUTS[resource], args.props) if typed else args.props
        for problem in rule(props, config):
            report(f"{resource} '{args.name}': {problem}", None)

    return ResourceValidationPolicy(
        name=name,
        description=description,
        validate=validate,
        enforcement_level=level,
        config_schema=PolicyConfigSchema(properties=dict(params)) if params else None,
    )


def integer(default: int, description: str, minimum: int = 0) -> dict[str, Any]:
    """A policy parameter: an integer with a default."""
    return {"type": "integer", "minimum": minimum, "default": default, "description": description}
