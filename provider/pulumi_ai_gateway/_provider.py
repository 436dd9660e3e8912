"""What every AI Gateway resource's provider shares: one dynamic-provider base class, run by the
dynamic-provider process (the resource base class, which programs load without this module, is
``_program.AIGatewayResource``).

A resource module declares data (its inputs model, whose fields say what is secret; its computed-outputs
model; the fields whose change replaces) and small hooks against the object's own API class; this module
turns that into Pulumi's check/diff/create/read/update/delete. Why it looks like this:

- The provider object is pickled into state, so it holds no client and no credentials: settings are resolved
  per call from the stack config received in ``configure()`` (kept in this module) and the environment.
- ``check`` validates with the inputs model and reports every problem as a ``CheckFailure`` naming the field,
  so ``pulumi preview`` shows it next to the field, before any API call. Values still unknown during preview
  are not judged.
- Outputs are all inputs plus computed fields, because diff/update receive the stored outputs as ``olds``.
- ``read`` answers "gone" (``id_=None``, ``outs={}``) on not-found; ``delete`` tolerates not-found.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import threading
from collections.abc import Callable
from typing import (
    Any,
    ClassVar,
    Generic,
    TypeVar,
    cast,
)

import pulumi.dynamic as dyn
from pulumi.dynamic.dynamic import PROVIDER_KEY
from pulumi.output import Unknown
from pulumi.runtime import rpc
from pydantic import BaseModel, Field, ValidationError

from pulumi_ai_gateway._control import ADOPT_VARIABLE, CONTROL_INPUTS, NAME_KEY, adopting
from pulumi_ai_gateway._http import Lost, ObjectApi, SingletonApi, post_recovering
from pulumi_ai_gateway._lifetime import keep_until_exit, watch_engine
from pulumi_ai_gateway._models import (
    ComputedOutputs,
    RequestModel,
    field_path,
    field_value,
    lenient,
    loc_path,
    role_fields,
    whole_numbers,
)
from pulumi_ai_gateway._session import configured, http_for, use_config
from pulumi_ai_gateway.errors import (
    AdoptionRequired,
    AIGatewayError,
    AlreadyExistsError,
    ConfigurationError,
    DeclaredTwice,
    NotFoundError,
    UnreadableAnswerError,
)
from pulumi_ai_gateway.settings import CONFIG_KEYS, Settings

__all__ = [
    "AccountSingleton",
    "AnyProvider",
    "Provider",
    "ResourceInputs",
    "or_last",
    "unreadable",
]

# Natural keys this provider process saw in this deployment: key -> declaring resource; and those it created
# or changed.
_DECLARED: dict[tuple[Any, ...], str] = {}
_CREATED: set[tuple[Any, ...]] = set()
_KEYS_LOCK = threading.Lock()
# Settings an adoption kept as it found them (the program leaves them unset): an output, so later diffs and
# updates keep them too, until the program sets them.
_KEPT = "__kept"
# Secret inputs this run changes, named (never shown) in the checked inputs, so `preview --diff` shows them.
_CHANGED_SECRETS = "changed_secrets"  # a "__" prefix would hide it from the display
_NOTHING: Any = object()  # "no value given", where None is a value


B = TypeVar("B", bound=RequestModel)


class ResourceInputs(RequestModel):
    """Inputs every resource takes."""

    account_id: str | None = Field(
        default=None,
        description="Cloudflare account id; unset: ``aigateway:accountId``, ``cloudflare:accountId`` or "
        "``CLOUDFLARE_ACCOUNT_ID``. Changing it replaces the resource.",
    )
    adopt_existing: bool = Field(
        default=False,
        description="Take over the object when it already exists (same id, or same name on its gateway) "
        "instead of failing with ``AdoptionRequired``. Settings the program gives are applied; settings it "
        "leaves unset keep the object's current values (recorded in the state, so later runs keep them too "
        "until the program sets them), and nothing is written when nothing differs. ``pulumi preview`` warns "
        "with every setting adoption will change. This is how an existing object comes under management: "
        "``pulumi import`` and the ``import_`` option cannot work for dynamic resources (pulumi/pulumi#16175).",
    )

    def as_body(self, model: type[B]) -> B:
        """The request body ``model`` holding these inputs' values of its fields (unset ones left out)."""
        return model.model_validate(self.model_dump(include=set(model.model_fields), exclude_none=True))


class GatewayScoped(ResourceInputs):
    """Inputs of an object that lives in a gateway."""

    gateway_id: str = Field(
        min_length=1, description="The gateway the object belongs to. Changing it replaces the object."
    )


In = TypeVar("In", bound=ResourceInputs)
Api = TypeVar("Api", bound=ObjectApi)
F = TypeVar("F", bound=Callable[..., Any])


def _contains_unknown(value: Any) -> bool:
    """Whether a value is, or holds, a preview-time unknown (the sentinel string, or ``Unknown()`` in lists)."""
    if isinstance(value, Unknown):
        return True
    if isinstance(value, str):
        return value == rpc.UNKNOWN
    if isinstance(value, dict):
        return any(_contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_unknown(v) for v in value)
    return False


def _api_errors_without_traceback(method: F) -> F:
    """Raise our errors with their message only; an answer that cannot be read is one of them.

    Pulumi's dynamic provider host reports any exception from create/read/update/delete with its whole
    traceback; for an API error the frames say nothing the message does not, so they are dropped. Inputs were
    validated by ``check``, so a pydantic error here comes from reading what the API answered.
    """

    @functools.wraps(method)
    def wrapper(self: AnyProvider, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except AIGatewayError as error:
            raise error.with_traceback(None) from None
        except ValidationError as exc:
            object_id = f" {args[0]!r}" if args and isinstance(args[0], str) else ""
            raise unreadable(exc, f"{self.kind}{object_id}", method.__name__) from None

    return wrapper  # type: ignore[return-value]


def unreadable(exc: ValidationError, what: str, operation: str) -> UnreadableAnswerError:
    """The error for an answer of the API that pydantic could not read: names the object, operation, field."""
    first = exc.errors()[0]
    where = loc_path(first["loc"]) or "(the whole answer)"
    return UnreadableAnswerError(what, operation, where, first["msg"], exc.error_count())


class Provider(dyn.ResourceProvider, Generic[In, Api]):
    """Base dynamic provider; subclasses declare data and implement the ``_create``/``_read``/... hooks.

    Declared by a subclass: ``inputs_model``, ``outputs_model``, ``api_type``, ``kind``, ``natural_key``
    (and what differs from the defaults). Derived here, once: ``secrets`` and ``write_only`` from the inputs
    model's field metadata (``SECRET``, ``WRITE_ONLY``, ``WRITE_ONLY_SECRET``), ``computed`` from the outputs
    model.
    """

    inputs_model: ClassVar[type[ResourceInputs]]
    outputs_model: ClassVar[type[ComputedOutputs]]
    api_type: ClassVar[type[ObjectApi]]
    """The object's API class (``GatewayApi``, ...): the hooks' ``api``."""
    kind: ClassVar[str]
    replace_on: ClassVar[frozenset[str]] = frozenset()
    """Inputs whose change replaces the object (``account_id`` always does)."""
    write_only: ClassVar[frozenset[str]] = frozenset()
    """Inputs the API never returns (secrets): refresh keeps the last applied value. Derived."""
    secrets: ClassVar[frozenset[str]] = frozenset()
    """Inputs stored as secrets (input and output) and never shown in messages. Derived."""
    computed: ClassVar[tuple[str, ...]] = ()
    """Output-only fields the resource exposes. Derived."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "inputs_model" in cls.__dict__:
            cls.secrets = role_fields(cls.inputs_model, "secret")
            cls.write_only = role_fields(cls.inputs_model, "write_only")
        if "outputs_model" in cls.__dict__:
            cls.computed = tuple(cls.outputs_model.model_fields)

    resource_doc: ClassVar[str]
    """The docstring of the resource class (generated into ``_inputs`` with the class)."""
    delete_before_replace: ClassVar[bool] = False
    check_existing_first: ClassVar[bool] = False
    """Look the natural key up before creating: for objects whose names the API does not keep unique."""
    ignored_in_diff: ClassVar[frozenset[str]] = frozenset({"adopt_existing"})
    natural_key: ClassVar[tuple[str, ...]]
    """Inputs that name the object in its account: two resources with equal values would fight over it."""

    # Hooks ----------------------------------------------------------------------------------------------

    def _name(self, inputs: In) -> str:
        """How messages name the object (``gateway 'prod'``)."""
        raise NotImplementedError

    def _create(self, api: Api, inputs: In) -> tuple[str, dict[str, Any]]:
        """Create the object; return its id and computed outputs."""
        raise NotImplementedError

    def _find(self, api: Api, inputs: In) -> str | None:
        """The id of an existing object with the same natural key, or None."""
        raise NotImplementedError

    def _get(self, api: Api, id_: str, inputs: In) -> BaseModel:
        """The API's answer about the object (its read model). Raises NotFoundError when it is gone."""
        raise NotImplementedError

    def _answered(self, info: Any, inputs: In) -> dict[str, Any]:
        """The inputs as the API answered them: each input the read model holds, as answered (an answer's null,
        or a field it leaves out, is the input's default); the others as ``inputs`` applied them (write-only
        secrets, settings the API never answers). Providers override this where an answer means less than
        that (an id the API chose when the program set none is not drift)."""
        answered = set(type(info).model_fields) & set(self.inputs_model.model_fields) - self.write_only
        return {**inputs.model_dump(exclude=answered), **info.model_dump(include=answered, exclude_none=True)}

    def _read(self, api: Api, id_: str, inputs: In) -> tuple[In, dict[str, Any]]:
        """The object as it is (as inputs, keeping write-only values of ``inputs``) and its computed outputs:
        one read path for every object, its answer read by ``_answered``.

        Raises NotFoundError when it is gone.
        """
        info = self._get(api, id_, inputs)
        return self._observed(self._answered(info, inputs), inputs), self._computed(info)

    def _update(self, api: Api, id_: str, olds: In | None, news: In) -> dict[str, Any]:
        """Make the object match ``news`` (``olds`` is None when adopting); return computed outputs."""
        raise NotImplementedError

    def _delete(self, api: Api, id_: str, inputs: In) -> None:
        raise NotImplementedError

    def _settle(
        self, api: Api, id_: str, inputs: In, computed: dict[str, Any], *, made: bool
    ) -> dict[str, Any]:
        """After a create, adoption or update applied ``inputs``: wait for what the program asks to wait for
        (a custom domain turning active) and return the computed outputs. ``made``: this create made the
        object, so a failure here must remove it again (the engine records nothing of a failed create)."""
        return computed

    semantic_inputs: ClassVar[frozenset[str]] = frozenset()
    """Inputs ``_semantic_failures`` reads."""

    def _semantic_failures(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        """Problems pydantic cannot see (e.g. a route graph) in ``values`` (the validated
        ``semantic_inputs``, None when unset); (field path, reason) pairs."""
        return []

    # Plumbing -------------------------------------------------------------------------------------------

    def _api(self, account_id: str | None) -> Api:
        """The object's API in ``account_id`` (or the configured account)."""
        return cast(Api, self.api_type(http_for(account_id)))

    def _computed(self, info: BaseModel) -> dict[str, Any]:
        """The computed outputs of the object the API described in ``info``."""
        return self.outputs_model.of(info)

    def _delete_first(self, replaces: list[str]) -> bool:
        """Whether a replacement changing ``replaces`` must delete the old object before creating the new."""
        return self.delete_before_replace

    def configure(self, req: dyn.ConfigureRequest) -> None:
        use_config({key: req.config.get(key) for key in CONFIG_KEYS})
        watch_engine()  # only the dynamic-provider process is configured: it ends with its engine
        keep_until_exit()  # the provider module and its models are loaded now

    def _inputs(self, props: dict[str, Any]) -> In:
        """Checked inputs or stored state as the inputs model; read leniently, as state may hold what a
        refresh read from a later API (an enum value this release does not know, which then shows as drift)."""
        model = lenient(self.inputs_model)
        return cast(In, model.model_validate({k: v for k, v in props.items() if k in model.model_fields}))

    def _observed(self, data: dict[str, Any], inputs: In) -> In:
        """What the API answered (``data``), as the inputs model, with how ``inputs`` manage the object (its
        account, adoption): unknown fields ignored at every depth (the API grows)."""
        control = inputs.model_dump(include=set(CONTROL_INPUTS))
        return cast(In, lenient(self.inputs_model).model_validate({**control, **data}))

    def _outs(self, inputs: In, computed: dict[str, Any], kept: list[str] | None = None) -> dict[str, Any]:
        outs = inputs.model_dump(mode="json")
        outs.update({key: computed.get(key) for key in self.computed})
        if kept:
            outs[_KEPT] = sorted(kept)
        return outs

    @staticmethod
    def _kept(olds: dict[str, Any], news: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """``news`` with the settings an adoption kept, and the program still leaves unset, taken from ``olds``."""
        stored = olds.get(_KEPT)
        kept = [str(k) for k in stored if k in olds and k not in news] if isinstance(stored, list) else []
        return {**{k: olds[k] for k in kept}, **news}, kept

    def _adoption(self, observed: In, inputs: In) -> tuple[In, list[str]]:
        """What taking over an object leaves: the settings the program gives, the others as they are found.

        Returns the desired inputs and the settings kept as found (which the program does not manage).
        """
        given = inputs.model_fields_set | CONTROL_INPUTS
        desired = observed.model_copy(update={key: getattr(inputs, key) for key in given})
        kept = [
            key for key in type(inputs).model_fields if key not in given and key not in self.ignored_in_diff
        ]
        return desired, kept

    def _adoption_changes(self, observed: In, desired: In) -> list[str]:
        """What adopting changes, one ``field: old -> new`` each (secrets not shown)."""
        before, after = observed.model_dump(mode="json"), desired.model_dump(mode="json")
        changes = []
        for key in type(desired).model_fields:
            if key in CONTROL_INPUTS or key in self.ignored_in_diff:
                continue
            if key in self.write_only and after.get(key) is not None:
                changes.append(f"{key}: written (the API never shows it, so it cannot be compared)")
            elif before.get(key) != after.get(key):
                old, new = json.dumps(before.get(key)), json.dumps(after.get(key))
                changes.append(f"{key}: (secret)" if key in self.secrets else f"{key}: {old} -> {new}")
        return changes

    def adoption_preview(self, props: dict[str, Any]) -> tuple[str, list[str]] | None:
        """For ``pulumi preview`` (called in the program): the object a create would take over, and what
        taking it over changes; None when there is none or the inputs are not valid (check reports those)."""
        try:
            inputs = cast(In, self.inputs_model.model_validate(props))
        except ValidationError:
            return None
        api = self._api(inputs.account_id)
        existing = self._find(api, inputs)
        if existing is None:
            return None
        observed, _ = self._read(api, existing, inputs)
        return self._name(inputs), self._adoption_changes(observed, self._adoption(observed, inputs)[0])

    @staticmethod
    def _with_account(inputs: In) -> In:
        """``inputs`` naming the account they act in: the recorded one, else the one the settings name now
        (state from before the account was recorded, or inputs that did not pass through check)."""
        if inputs.account_id is not None:
            return inputs
        return inputs.model_copy(update={"account_id": Settings.resolve_account(config=configured())})

    def _key(self, inputs: In) -> tuple[Any, ...]:
        return (self.kind, inputs.account_id, *(getattr(inputs, field) for field in self.natural_key))

    def _declared_twice(self, inputs: In, resource: str) -> str | None:
        """Why ``resource`` may not declare this object: another resource of the program already does."""
        with _KEYS_LOCK:
            first = _DECLARED.setdefault(self._key(inputs), resource)
        if first == resource:
            return None
        one, other = sorted((first, resource))  # the engine checks in no fixed order
        return (
            f"{self._name(inputs)} is declared by two resources of this program, {one!r} and {other!r}; "
            f"they would both manage one object. Keep one, or give this one another "
            f"{' + '.join(self.natural_key)}"
        )

    def _failure(
        self, path: str, reason: str, news: dict[str, Any], given: Any = _NOTHING
    ) -> dyn.CheckFailure:
        """A check failure the engine shows well: beside the value for a top-level scalar; else the path in
        plain words (the engine would print a nested value as ``{<nil>}`` and a whole one as a Go map)."""
        top = re.split(r"[.\[]", path, maxsplit=1)[0]
        if path == top and top in news and not isinstance(news[top], (dict, list)):
            return dyn.CheckFailure(top, reason)
        if given is not _NOTHING and top not in self.secrets and isinstance(given, (str, int, float, bool)):
            reason += f" (given: {given!r})"
        return dyn.CheckFailure("", f"{path or self.kind}: {reason}")

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> dyn.CheckResult:
        news = dict(news)
        resource = news.pop(NAME_KEY, None)
        fields = self.inputs_model.model_fields
        unknown = {key for key, value in news.items() if key in fields and _contains_unknown(value)}
        failures = [
            dyn.CheckFailure(key, f"unknown input {key!r} for {self.kind}; valid inputs: {', '.join(fields)}")
            for key in news
            if key not in fields and key not in (PROVIDER_KEY, _CHANGED_SECRETS) and key not in self.computed
        ]
        known = {k: whole_numbers(v) for k, v in news.items() if k in fields and k not in unknown}
        wrong: set[str] = set()  # inputs with a failure already
        inputs: In | None = None
        try:
            inputs = cast(In, self.inputs_model.model_validate(known))
        except ValidationError as exc:
            for error in exc.errors():
                top = str(error["loc"][0]) if error["loc"] else ""
                if top in unknown:
                    continue  # decided once the value is known
                wrong.add(top)
                path = field_path(self.inputs_model, error["loc"])
                message = error["msg"].removeprefix("Value error, ")
                failures.append(self._failure(path, message, news, error.get("input", _NOTHING)))
        # Rules across fields (a route graph) run as soon as the inputs they read are known and valid, also
        # during preview, when other inputs (a gateway id from another resource) are not known yet.
        if self.semantic_inputs and not (unknown | wrong) & self.semantic_inputs:
            values = {
                name: field_value(self.inputs_model, name, known.get(name)) for name in self.semantic_inputs
            }
            failures += [self._failure(f, r, news) for f, r in self._semantic_failures(values)]
        if inputs is not None:
            if "account_id" not in unknown:
                # The account is recorded in the state: a change of it (input or config) then replaces, and
                # refresh, update and delete use the account the object was made in.
                try:
                    account = Settings.resolve_account(inputs.account_id, config=configured())
                except ConfigurationError as error:
                    failures.append(dyn.CheckFailure("account_id", str(error)))
                else:
                    inputs = inputs.model_copy(update={"account_id": account})
                    news.update(inputs.model_dump(include={"account_id"}, exclude_none=True))
            named = isinstance(resource, str) and not unknown & {"account_id", *self.natural_key}
            if named and (reason := self._declared_twice(inputs, str(resource))):
                failures.append(dyn.CheckFailure(self.natural_key[-1], reason))
        # Computed outputs are declared by passing None; dropping them here keeps them unknown during preview
        # (the engine previews a create with the checked inputs as outputs) instead of a misleading None.
        checked = {k: v for k, v in news.items() if k not in self.computed}
        if changed := sorted(k for k in self.secrets if k in olds and k in news and olds[k] != news[k]):
            # `preview --diff` shows a secret as [secret] before and after, changed or not: name what changed.
            checked[_CHANGED_SECRETS] = changed
        return dyn.CheckResult(checked, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> dyn.DiffResult:
        old = self._inputs(olds).model_dump(mode="json")
        unknown = {key for key, value in news.items() if _contains_unknown(value)}
        # Unknown values (preview) are filled from the old ones so the rest normalises alike; they count as changed.
        filled = {k: v for k, v in news.items() if k not in unknown} | {
            k: old[k] for k in unknown if k in old
        }
        new = self._inputs(self._kept(olds, filled)[0]).model_dump(mode="json")
        if old.get("account_id") is None or new.get("account_id") is None:
            # State from before the account was recorded, or no account configured now: nothing to compare.
            old["account_id"] = new["account_id"] = old.get("account_id") or new.get("account_id")
        changed = sorted(
            key
            for key in self.inputs_model.model_fields
            if key not in self.ignored_in_diff and (key in unknown or old.get(key) != new.get(key))
        )
        replaces = [key for key in changed if key in self.replace_on or key == "account_id"]
        return dyn.DiffResult(
            changes=bool(changed),
            replaces=replaces,
            delete_before_replace=self._delete_first(replaces) if replaces else None,
        )

    @_api_errors_without_traceback
    def create(self, props: dict[str, Any]) -> dyn.CreateResult:
        inputs = self._with_account(self._inputs(props))
        api = self._api(inputs.account_id)
        # Adopting looks first: taking over an object that matches then writes nothing at all.
        look_first = self.check_existing_first or adopting(inputs.adopt_existing)
        if look_first and (existing := self._find(api, inputs)) is not None:
            return self._take_over(api, existing, inputs)
        # Where names are not unique (check_existing_first), creating again while a create whose answer was
        # lost may still be running could make a second object.
        try:
            made = post_recovering(
                api.http,
                lambda: self._create(api, inputs),
                lambda: self._find(api, inputs),
                repeat_would_duplicate=self.check_existing_first,
            )
        except AlreadyExistsError:
            if (found := self._find(api, inputs)) is None:
                raise
            return self._take_over(api, found, inputs)  # it was there before this create
        # Made by an attempt whose answer was lost: finish it as desired.
        id_, computed = self._adopt(api, made.found, inputs) if isinstance(made, Lost) else made
        self._managed(inputs)
        computed = self._settle(api, id_, inputs, computed, made=True)
        return dyn.CreateResult(id_, self._outs(inputs, computed))

    def _managed(self, inputs: In) -> None:
        """Remember that a resource of this run made or changed the object named by ``inputs``."""
        with _KEYS_LOCK:
            _CREATED.add(self._key(inputs))

    def _take_over(self, api: Api, existing: str, inputs: In) -> dyn.CreateResult:
        """An object that was there before this create: adopt it if allowed, else say how."""
        with _KEYS_LOCK:
            made_here = self._key(inputs) in _CREATED
        if made_here:
            raise DeclaredTwice(
                f"{self._name(inputs)} is managed by another resource of this program, which created or "
                f"changed it in this run (id {existing!r}); one object can be managed by one resource only: "
                "remove one of the two"
            )
        if not adopting(inputs.adopt_existing):
            raise AdoptionRequired(
                f"{self._name(inputs)} already exists in the account (id {existing!r}). To manage it with this "
                f"program, set adopt_existing=True on the resource, or run `{ADOPT_VARIABLE}=true pulumi up` "
                f"once (e.g. after an interrupted `pulumi up`): that run takes existing objects over, applying "
                f"the settings the program gives and keeping the others as they are."
            )
        # Settings the program leaves unset keep the object's values; only what differs is written.
        observed, computed = self._read(api, existing, inputs)
        desired, kept = self._adoption(observed, inputs)
        id_ = existing
        if self._adoption_changes(observed, desired):
            id_, computed = self._adopt(api, existing, desired)
        self._managed(inputs)
        computed = self._settle(api, id_, desired, computed, made=False)
        return dyn.CreateResult(id_, self._outs(desired, computed, kept))

    def _adopt(self, api: Api, id_: str, inputs: In) -> tuple[str, dict[str, Any]]:
        """Take an existing object over and apply ``inputs``; returns its (possibly new) id."""
        return id_, self._update(api, id_, None, inputs)

    @_api_errors_without_traceback
    def read(self, id_: str, props: dict[str, Any]) -> dyn.ReadResult:
        inputs = self._with_account(self._inputs(props))
        try:
            observed, computed = self._read(self._api(inputs.account_id), id_, inputs)
        except NotFoundError:
            return dyn.ReadResult(None, {})
        # The API never returns write-only inputs (secrets): keep the values last applied; and the account.
        keep = {key: getattr(inputs, key) for key in (*self.write_only, "account_id")}
        observed = observed.model_copy(update=keep)
        return dyn.ReadResult(id_, self._outs(observed, or_last(computed, props), self._kept(props, {})[1]))

    @_api_errors_without_traceback
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> dyn.UpdateResult:
        news, kept = self._kept(olds, news)
        old, new = self._inputs(olds), self._with_account(self._inputs(news))
        api = self._api(new.account_id)
        computed = self._update(api, id_, old, new)
        self._managed(new)
        computed = self._settle(api, id_, new, computed, made=False)
        return dyn.UpdateResult(self._outs(new, or_last(computed, olds), kept))

    @_api_errors_without_traceback
    def delete(self, id_: str, props: dict[str, Any]) -> None:
        inputs = self._inputs(props)
        with contextlib.suppress(NotFoundError):  # already gone is the desired end state
            self._delete(self._api(inputs.account_id), id_, inputs)


AnyProvider = Provider[Any, Any]
"""A provider of any resource."""

S = TypeVar("S", bound=SingletonApi)


class AccountSingleton(Provider[In, S]):
    """The provider of an object the account holds at most one of (its spending limit, its auto top-up): it has
    a fixed id, two resources for it in one program fail at check (the account is its natural key), and a
    create looks first, so one made outside the program is adopted or refused, never overwritten."""

    object_id: ClassVar[str]
    natural_key = ("account_id",)
    check_existing_first = True

    def _name(self, inputs: In) -> str:
        return f"the {self.kind} of account {inputs.account_id!r}"

    def _find(self, api: S, inputs: In) -> str | None:
        try:
            api.get()
        except NotFoundError:
            return None
        return self.object_id

    def _get(self, api: S, id_: str, inputs: In) -> BaseModel:
        return api.get()

    def _delete(self, api: S, id_: str, inputs: In) -> None:
        api.delete()


def or_last(computed: dict[str, Any], last: dict[str, Any]) -> dict[str, Any]:
    """``computed`` where a value some answers leave out (a custom domain's cname_target) keeps its ``last``."""
    return {key: last.get(key) if value is None else value for key, value in computed.items()}
