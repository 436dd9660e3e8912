"""Base classes of every request and response model, and the lenient view used for what the API answers."""

from __future__ import annotations

import copy
import dataclasses
import functools
import types
from typing import Annotated, Any, Literal, TypeVar, Union, cast, get_args, get_origin

from pydantic import BaseModel, ConfigDict, TypeAdapter, create_model, model_validator
from pydantic.fields import FieldInfo

__all__ = [
    "SECRET",
    "WRITE_ONLY",
    "WRITE_ONLY_SECRET",
    "Answer",
    "ComputedOutputs",
    "FieldRole",
    "RequestModel",
    "ResponseModel",
    "field_path",
    "field_value",
    "lenient",
    "loc_path",
    "read_answer",
    "role_fields",
    "whole_numbers",
]

M = TypeVar("M", bound=BaseModel)

# Field names are the API's (a log's ``model_type``), so pydantic's reserved ``model_`` prefix is not enforced.
_NAMES = ConfigDict(protected_namespaces=())

# Validators are built on first use, not at import: a Pulumi program and each provider process import every
# model but use a few (measured: importing the package after pulumi went from 0.13 s to 0.10 s).


@dataclasses.dataclass(frozen=True)
class FieldRole:
    """Field metadata (``Annotated[str, SECRET]``). ``secret``: the value is stored encrypted in the state and
    never shown in messages or reprs. ``write_only``: the API never returns it (a refresh keeps the value last
    applied, and it cannot be compared when adopting)."""

    secret: bool = False
    write_only: bool = False


SECRET = FieldRole(secret=True)
WRITE_ONLY_SECRET = FieldRole(secret=True, write_only=True)
WRITE_ONLY = FieldRole(write_only=True)


@functools.cache
def role_fields(model: type[BaseModel], role: Literal["secret", "write_only"]) -> frozenset[str]:
    """The fields of ``model`` whose metadata gives them ``role``."""
    return frozenset(
        name
        for name, info in model.model_fields.items()
        if any(isinstance(m, FieldRole) and getattr(m, role) for m in info.metadata)
    )


class RequestModel(BaseModel):
    """What we send: unknown fields are an error, and "unset" stays apart from ``None`` (sent as null).

    Strict: numbers and booleans are not read from strings (``cache_ttl="300"``, ``authentication="yes"``)
    nor booleans from numbers; a value of the wrong kind is an error, not a guess. (The engine sends every
    number as a float: ``whole_numbers`` turns those that are whole back into ints before validating.)
    """

    model_config = ConfigDict(**_NAMES, extra="forbid", populate_by_name=True, defer_build=True, strict=True)

    @model_validator(mode="before")
    @classmethod
    def _no_outputs(cls, data: Any) -> Any:
        """A Pulumi Output is a program's value, which these models (the typed client's) cannot hold: say which
        class takes it (checked by type name, so the typed client never loads Pulumi)."""
        if isinstance(data, dict):
            for key, value in data.items():
                if type(value).__name__ == "Output" and type(value).__module__.startswith("pulumi"):
                    raise TypeError(
                        f"{cls.__name__}.{key} got a pulumi.Output: {cls.__name__} is the typed client's model "
                        f"and takes plain values; in a Pulumi program use {cls.__name__}Args (or a dict), which "
                        "take Outputs"
                    )
        return data

    def body(self) -> dict[str, Any]:
        """The JSON body: the fields that were set, ``None`` included as null; inside them, every field that
        has a value, defaults too (the API requires some that have defaults here: an OTel exporter's
        ``headers``)."""
        whole = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        given = self.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return {key: None if value is None else whole[key] for key, value in given.items()}

    def __repr_args__(self) -> Any:
        # Secret fields never show in reprs (and so in tracebacks).
        hidden = role_fields(type(self), "secret")
        for key, value in super().__repr_args__():
            yield key, ("[redacted]" if key in hidden and value is not None else value)


class ResponseModel(BaseModel):
    """What we receive: unknown fields are ignored, because the API grows."""

    model_config = ConfigDict(**_NAMES, extra="ignore", populate_by_name=True, defer_build=True)


class Answer(BaseModel):
    """The second base of a read model that is its request model plus what only the API sets, so each field of
    a body is declared once: ``class GatewayInfo(GatewaySettings, Answer)`` holds every setting of the body and
    declares ``id``, ``created_at``, .... Read through ``lenient(GatewayInfo)``: unknown fields ignored at every
    depth, enum values and bounds not enforced, values not strict (the API grows). The body's defaults stand for
    what an answer leaves out."""

    model_config = ConfigDict(**_NAMES, extra="ignore", populate_by_name=True, defer_build=True, strict=False)

    @model_validator(mode="before")
    @classmethod
    def _null_is_default(cls, data: Any) -> Any:
        """An answer's null for a field that takes none means the default (the API answers unset as null)."""
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        return {k: v for k, v in data.items() if v is not None or k not in fields or _takes_none(fields[k])}


def _takes_none(info: FieldInfo) -> bool:
    tp = info.annotation
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp is Any or type(None) in get_args(tp)


class ComputedOutputs(BaseModel):
    """Base of a resource's computed outputs: read from the API's answer about the object (aliases and
    alias paths say where each is found), unknown fields ignored. The fields are the resource's computed
    Output attributes; their descriptions, the attributes' docs."""

    model_config = ConfigDict(**_NAMES, extra="ignore", populate_by_name=True, defer_build=True)

    @classmethod
    def of(cls, info: BaseModel) -> dict[str, Any]:
        """The computed outputs of the object ``info`` (the API's answer), as state values."""
        return cls.model_validate(info.model_dump(mode="json")).model_dump(mode="json")


@functools.cache
def lenient(model: type[M]) -> type[M]:
    """``model`` as a reader of what the API answers (refresh, adoption, stored state).

    The API grows between releases: unknown fields are ignored at every depth, and enum values and bounds are
    not enforced, so a value the package does not know yet is read as it is and shows as drift in the diff
    instead of failing the read. Defaults, aliases, validators (normalisation) and union discriminators are
    those of ``model``, and the view is a subclass of it, so code typed for ``model`` reads it unchanged.
    """
    config = ConfigDict(**{**model.model_config, "extra": "ignore", "defer_build": True, "strict": False})
    base = types.new_class(model.__name__, (model,), {}, lambda ns: ns.update(model_config=config))
    base.__module__ = model.__module__
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        read = copy.copy(info)
        # Bounds and patterns go (what the API stores is read as it is); what is secret stays secret.
        read.metadata = [m for m in info.metadata if isinstance(m, FieldRole)]
        fields[name] = (_widen(info.annotation), read)
    view: type[BaseModel] = create_model(model.__name__, __base__=base, __module__=model.__module__, **fields)
    return cast("type[M]", view)


def read_answer(model: type[M], data: Any) -> M:
    """What the API answered (``data``), read as ``model`` leniently (see ``lenient``)."""
    return cast(M, lenient(model).model_validate(data))


def whole_numbers(value: Any) -> Any:
    """``value`` with every whole float (``300.0``, as the engine sends numbers) an int, at every depth."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [whole_numbers(v) for v in value]
    return value


def _widen(tp: Any) -> Any:
    """A type that accepts what ``tp`` accepts and what a later API may answer in its place."""
    origin, args = get_origin(tp), get_args(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return lenient(tp)
    if origin is Literal:
        # One value is a tag (a union's discriminator): kept. Several are an enum: any value of their type.
        return tp if len(args) == 1 else type(args[0])
    if origin is Annotated:
        kept = [m for m in args[1:] if isinstance(m, FieldInfo) and m.discriminator is not None]
        inner = _widen(args[0])
        return Annotated[(inner, *kept)] if kept else inner
    if origin in (Union, types.UnionType):
        return Union[tuple(_widen(a) for a in args)]  # noqa: UP007 (built from a tuple)
    if origin is list:
        return list[_widen(args[0])]  # type: ignore[misc]
    if origin is dict:
        return dict[_widen(args[0]), _widen(args[1])]  # type: ignore[misc]
    return tp


# Paths of validation errors ------------------------------------------------------------------------------


def field_value(model: type[BaseModel], name: str, value: Any) -> Any:
    """``value`` validated as the field ``name`` of ``model`` would be; None stays None (unset)."""
    return None if value is None else _adapter(model, name).validate_python(value)


@functools.cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    annotated: Any = Annotated
    tp: Any = annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return TypeAdapter(tp)


def field_path(model: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    """``loc`` of a validation error as the program spells the field (``dlp.action``, ``elements[2].id``):
    the names of union members pydantic puts in the path are dropped."""
    path, at = "", _bare(model)
    for part in loc:
        if _is_union(at):
            member = _member(at, part)
            if member is not None:
                at = _bare(member)
                continue  # a union member's name or tag, not a field
        if isinstance(part, int):
            path += f"[{part}]"
            args = get_args(at)
            at = _bare(args[0]) if args else Any
            continue
        path += f".{part}" if path else str(part)
        if isinstance(at, type) and issubclass(at, BaseModel):
            field = at.model_fields.get(str(part)) or next(
                (f for f in at.model_fields.values() if f.alias == part), None
            )
            at = _bare(field.annotation) if field is not None else Any
        elif get_origin(at) is dict:
            at = _bare(get_args(at)[1])
        else:
            at = Any
    return path


def _bare(tp: Any) -> Any:
    """``tp`` without ``Annotated`` and without ``None`` in a union."""
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if _is_union(tp):
        members = [a for a in get_args(tp) if a is not type(None)]
        if len(members) == 1:
            return _bare(members[0])
    return tp


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _member(union: Any, part: int | str) -> Any:
    """The member of ``union`` that pydantic names ``part`` in an error path (its class name or its tag)."""
    for member in (_bare(a) for a in get_args(union)):
        if not (isinstance(member, type) and issubclass(member, BaseModel)):
            continue
        tag = member.model_fields.get("type")
        if part == member.__name__ or (tag is not None and part == tag.default):
            return member
    return None


def loc_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path
