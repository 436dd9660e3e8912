"""What a program declares: the base class of the public resources, Pulumi's two call styles, and the props
sent to the engine.

A program loads only this, the generated ``_inputs`` and the Pulumi SDK: not pydantic, httpx or the wire
models, which only the dynamic-provider process needs (it loads the provider module from the state). So a
resource does not build its provider to pickle it: the generated class carries the provider's pickle (the
bytes ``pulumi.dynamic`` makes of it, a reference to its module and class) and the names of its secret and
computed fields; a test keeps each equal to what the provider declares.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import pulumi
import pulumi.dynamic as dyn
from pulumi.dynamic.dynamic import PROVIDER_KEY

from pulumi_ai_gateway._control import NAME_KEY, adopting
from pulumi_ai_gateway._lifetime import keep_until_exit

if TYPE_CHECKING:
    from pulumi_ai_gateway._provider import AnyProvider

__all__ = ["AIGatewayResource", "plain", "unknown_output"]


def unknown_output() -> pulumi.Output[Any]:
    """An Output whose value is unknown (as during preview), for values only an API call can tell."""
    loop = asyncio.get_event_loop()
    value: asyncio.Future[Any] = loop.create_future()
    value.set_result(None)
    known: asyncio.Future[bool] = loop.create_future()
    known.set_result(False)
    return pulumi.Output(set(), value, known)


def plain(value: Any) -> Any:
    """Resource arguments as Pulumi props: ``...Args`` classes and pydantic models become dicts (by field
    name), at every depth, also inside Outputs (which keep their secrecy and dependencies)."""
    if isinstance(value, pulumi.Output):
        return value.apply(plain)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        pairs = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
        return {k: plain(v) for k, v in pairs if v is not None}
    if (pydantic := sys.modules.get("pydantic")) is not None and isinstance(value, pydantic.BaseModel):
        # (Only a process that loaded pydantic can hold a model.)
        return {k: plain(v) for k, v in value if v is not None}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def _call_args(
    resource: str, args_type: type[Any], positional: tuple[Any, ...], keywords: dict[str, Any]
) -> tuple[Any, pulumi.ResourceOptions | None]:
    """The Args and options of a resource call, in either of Pulumi's call styles.

    ``X(name, XArgs(...), opts)`` (also ``args=`` / ``opts=`` by keyword, or the args as a dict) and
    ``X(name, opts=None, **fields)``. Anything else is a TypeError naming what is valid.
    """
    keywords = dict(keywords)
    opts = keywords.pop("opts", None)
    args = keywords.pop("args", None)
    for index, value in enumerate(positional):
        if isinstance(value, pulumi.ResourceOptions) and opts is None:
            opts = value
        elif isinstance(value, (args_type, Mapping)) and args is None and index == 0:
            args = value
        else:
            raise TypeError(
                f"{resource}() takes (resource_name, args: {args_type.__name__}, opts) or "
                f"(resource_name, opts, **fields); got a positional {type(value).__name__}"
            )
    if args is not None and keywords:
        raise TypeError(
            f"{resource}() got both {args_type.__name__} and keyword fields ({', '.join(sorted(keywords))}); "
            "give one or the other"
        )
    if isinstance(args, args_type):
        return args, opts
    fields = dict(args) if isinstance(args, Mapping) else keywords
    valid = [f.name for f in dataclasses.fields(args_type)]
    unknown = sorted(set(fields) - set(valid))
    if unknown:
        raise TypeError(
            f"{resource}() got unexpected keyword argument(s) {', '.join(map(repr, unknown))}; "
            f"valid: {', '.join(valid)}"
        )
    missing = [f.name for f in dataclasses.fields(args_type)
               if f.default is dataclasses.MISSING and f.name not in fields]  # fmt: skip
    if missing:
        raise TypeError(f"{resource}() missing required argument(s): {', '.join(missing)}")
    return args_type(**fields), opts


class _ProviderClass:
    """``provider_type`` of a resource class: its provider class, imported from ``provider_path`` when asked."""

    def __get__(self, instance: object, owner: type[AIGatewayResource]) -> type[AnyProvider]:
        module, name = owner.provider_path
        provider: type[AnyProvider] = getattr(importlib.import_module(module), name)
        return provider


class AIGatewayResource(dyn.Resource):
    """Base of the public resource classes: both call styles, computed outputs declared, secrets marked."""

    account_id: pulumi.Output[str]
    """The account the object lives in: the ``account_id`` given, else the one the settings resolve to.
    Recorded in the state, so a change of the configured account previews as a replacement."""

    args_type: ClassVar[type[Any]]
    """The resource's ``...Args`` class (generated from the provider's inputs model)."""
    provider_path: ClassVar[tuple[str, str]]
    """Module and class of the dynamic provider, as the state names it (``pulumi_ai_gateway.gateway``,
    ``GatewayProvider``)."""
    pickled_provider: ClassVar[str]
    """The provider as ``pulumi.dynamic`` pickles it into the state (base64 of a reference to its class)."""
    secret_fields: ClassVar[tuple[str, ...]]
    """Inputs the provider keeps secret."""
    computed_fields: ClassVar[tuple[str, ...]]
    """Outputs the API computes."""
    if TYPE_CHECKING:
        provider_type: ClassVar[type[AnyProvider]]
        """The dynamic provider class, imported on first use (a program never needs it)."""
    else:
        provider_type = _ProviderClass()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        keep_until_exit()  # a program has loaded a resource module: what it imported so far stays to the end

    def __init__(self, resource_name: str, *positional: Any, **keywords: Any) -> None:
        """``X(resource_name, XArgs(...), opts)``, or ``X(resource_name, opts=None, **fields)`` (see
        ``_call_args``); as in Pulumi's SDKs, a field called ``name`` is a keyword like any other."""
        name = resource_name
        args, opts = _call_args(type(self).__name__, self.args_type, positional, keywords)
        if opts is not None and opts.import_:
            # The engine would fail later with KeyError: '__provider' (pulumi/pulumi#16175).
            raise pulumi.RunError(
                f"{type(self).__name__} {name!r}: the import_ option cannot work for dynamic resources "
                "(pulumi/pulumi#16175); to take over an existing object, set adopt_existing=True instead"
            )
        # Every input is a prop, so every input is an Output attribute of the resource; unset ones (None) are
        # not sent to the engine.
        props = {f.name: plain(getattr(args, f.name)) for f in dataclasses.fields(args)}
        secret_outputs = sorted(self.secret_fields)
        for key in secret_outputs:
            # Secret as input too: the state keeps inputs beside outputs, and both must be encrypted.
            if props.get(key) is not None:
                props[key] = pulumi.Output.secret(props[key])
        # Computed outputs are declared as props. During preview they must be unknown: the SDK would otherwise
        # show the placeholder as a known value to everything that depends on it.
        placeholder = unknown_output if pulumi.runtime.is_dry_run() else lambda: None
        given = {key: value for key, value in props.items() if value is not None}
        props.update({key: placeholder() for key in self.computed_fields})
        props[NAME_KEY] = name
        # What dyn.Resource.__init__ would send, without building and pickling the provider: its pickle is
        # the generated constant, secret as the SDK sends it by default.
        props[PROVIDER_KEY] = pulumi.Output.secret(self.pickled_provider)
        secrets = pulumi.ResourceOptions(additional_secret_outputs=secret_outputs) if secret_outputs else None
        options = pulumi.ResourceOptions.merge(opts, secrets)
        pulumi.CustomResource.__init__(
            self, f"pulumi-python:{self._resource_type_name}", name, props, options
        )
        if pulumi.runtime.is_dry_run():
            # Run as an Output's work: the runtime awaits those before the program ends.
            def preview(_urn: str) -> pulumi.Output[str]:
                return pulumi.Output.from_input(self._preview_adoption(given))

            self.urn.apply(preview)  # type: ignore[arg-type]  # (mypy infers the result type as Never)

    async def _preview_adoption(self, props: dict[str, Any]) -> str:
        """Warn, during preview, what taking over an existing object will change (one read, only for
        resources that would be created with ``adopt_existing`` or the environment switch on).
        Returns the message shown ("" for none)."""
        if await self.id.is_known():
            return ""  # in the state already: nothing to take over
        values = await pulumi.Output.from_input(props).future()
        if not isinstance(values, dict) or not adopting(values.get("adopt_existing")):
            return ""  # unknown inputs cannot be compared; the create reports what it does
        # Only here does a program need the provider, its models and a client.
        from pulumi_ai_gateway._session import program_config
        from pulumi_ai_gateway.errors import AIGatewayError

        program_config()
        provider = self.provider_type()
        try:
            found = await asyncio.get_running_loop().run_in_executor(None, provider.adoption_preview, values)
        except AIGatewayError as error:
            message = f"could not look up the object to adopt: {error}"
            pulumi.log.warn(message, resource=self)
            return message
        if found is None:
            return ""
        what, changes = found
        if changes:
            message = f"adopting {what} changes {'; '.join(changes)}"
            pulumi.log.warn(message, resource=self)
        else:
            message = f"adopting {what}: its settings already match, nothing is written"
            pulumi.log.info(message, resource=self)
        return message
