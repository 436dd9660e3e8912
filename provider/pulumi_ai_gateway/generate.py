"""``pulumi-ai-gateway generate``: write the Pulumi program that brings an account's objects under management.

It reads the account through the same API client and settings as the provider and writes ``__main__.py``,
``Pulumi.yaml``, ``requirements.txt`` and a ``README.md``: every object of the registry (``_objects``), each
with ``adopt_existing=True``: the account's own (custom providers and their costs), then every gateway and what
it holds (datasets, evaluations, dynamic routes with their deployed graph, provider configs, custom domains).
Each object is read with the provider's own ``_read``, the view adoption compares, so the first ``pulumi up``
finds nothing that differs and writes nothing but the secrets the program sets. Secret values are never
written into the program: they come from the stack's config (``config.require_secret``), listed in the README.
The same account gives the same bytes.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import keyword
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pulumi_ai_gateway import _inputs
from pulumi_ai_gateway._control import CONTROL_INPUTS
from pulumi_ai_gateway._http import ApiClient
from pulumi_ai_gateway._objects import OBJECTS, by_name
from pulumi_ai_gateway._provider import ResourceInputs
from pulumi_ai_gateway.client import AIGatewayClient
from pulumi_ai_gateway.errors import AIGatewayError
from pulumi_ai_gateway.settings import DEFAULT_BASE_URL, Settings

__all__ = ["Program", "generate", "main"]

_WIDTH = 110  # the line length the rendered code aims at


@dataclass(frozen=True)
class _Code:
    """Python source standing for a value: a reference to another resource or a config lookup."""

    source: str


@dataclass
class Program:
    """A generated program: its files by name, and the config keys the user must set before ``pulumi up``."""

    account_id: str
    files: dict[str, str]
    secrets: dict[str, str] = field(default_factory=dict)
    """Secret config key -> what it holds (``pulumi config set --secret``)."""
    settings: dict[str, str] = field(default_factory=dict)
    """Plain config key -> what it holds: values the API never answers (a custom domain's zone)."""

    def write(self, out: Path) -> list[Path]:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in self.files.items():
            path = out / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
        return written


class _Writer:
    """Collects resource blocks, variable names and config keys as the account is walked."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.secrets: dict[str, str] = {}
        self.settings: dict[str, str] = {}
        self._names: set[str] = set()

    def secret(self, key: str, what: str) -> _Code:
        key = _config_key(key)
        self.secrets[key] = what
        return _Code(f"config.require_secret({_render(key, 0)})")

    def setting(self, key: str, what: str, *, structured: bool = False) -> _Code:
        key = _config_key(key)
        self.settings[key] = what
        return _Code(f"config.{'require_object' if structured else 'require'}({_render(key, 0)})")

    def variable(self, *parts: str) -> str:
        base = re.sub(r"[^0-9a-zA-Z_]+", "_", "_".join(parts)).strip("_").lower() or "resource"
        if base[0].isdigit() or keyword.iskeyword(base):
            base = f"r_{base}"
        name, n = base, 2
        while name in self._names:
            name, n = f"{base}_{n}", n + 1
        self._names.add(name)
        return name

    def resource(
        self, comment: str, variable: str, kind: str, name: str, inputs: BaseModel, **given: Any
    ) -> None:
        """One ``variable = aig.Resource("name", ...)`` block of an object of ``kind`` (``gateway``, ...):
        every input the object has, then ``adopt_existing``.

        ``given`` replaces inputs by references and config lookups (secrets).
        """
        resource = by_name(kind).resource_class
        args: list[tuple[str, Any]] = []
        for arg in dataclasses.fields(resource.args_type):
            value = given[arg.name] if arg.name in given else getattr(inputs, arg.name, None)
            if arg.name not in CONTROL_INPUTS and value is not None:
                args.append((arg.name, value))
        args.sort(key=lambda arg: arg[0] != "gateway_id")  # the parent first
        parts = [
            _render(name, 0),
            *(f"{key}={_render(value, 1)}" for key, value in args),
            "adopt_existing=True",
        ]
        body = "".join(f"    {part},\n" for part in parts)
        self.blocks.append(f"# {comment}\n{variable} = aig.{resource.__name__}(\n{body})\n")


def _config_key(key: str) -> str:
    """A config key from object names: letters, digits, ``-`` and ``_`` only (hostnames lose their dots)."""
    return re.sub(r"[^0-9A-Za-z_-]+", "-", key)


def _render(value: Any, indent: int) -> str:
    """``value`` as Python source: models as their ``...Args`` classes (keyword style), inline when it fits."""
    if isinstance(value, _Code):
        return value.source
    if isinstance(value, BaseModel):
        return _call(f"aig.{type(value).__name__}Args", _model_args(value), indent)
    if isinstance(value, (list, tuple)):
        return _bracketed("[", "]", [_render(item, indent + 1) for item in value], indent)
    if isinstance(value, dict):
        items = [f"{_render(str(key), 0)}: {_render(value[key], indent + 1)}" for key in sorted(value)]
        return _bracketed("{", "}", items, indent)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a Python literal, double-quoted
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    raise TypeError(f"cannot render {type(value).__name__}")  # a model field of a type this module misses


def _model_args(model: BaseModel) -> list[tuple[str, Any]]:
    """A nested settings model's arguments: required ones and those that differ from the default."""
    args = []
    fields = type(model).model_fields
    for arg in dataclasses.fields(getattr(_inputs, f"{type(model).__name__}Args")):
        if not arg.init:  # a discriminator (``type``) the Args class sets itself
            continue
        value = getattr(model, arg.name)
        info = fields[arg.name]
        if info.is_required() or value != info.get_default(call_default_factory=True):
            args.append((arg.name, value))
    return args


def _call(func: str, args: list[tuple[str, Any]], indent: int) -> str:
    parts = [f"{key}={_render(value, indent + 1)}" for key, value in args]
    return _bracketed(f"{func}(", ")", parts, indent)


def _bracketed(opening: str, closing: str, parts: list[str], indent: int) -> str:
    inline = f"{opening}{', '.join(parts)}{closing}"
    if "\n" not in inline and len(inline) + 4 * indent + 30 <= _WIDTH:
        return inline
    pad = "    " * (indent + 1)
    return opening + "\n" + "".join(f"{pad}{part},\n" for part in parts) + "    " * indent + closing


def _observe(kind: str, http: ApiClient, id_: str, **stub: Any) -> Any:
    """The object (of ``kind``: ``gateway``, ...) as adoption sees it: the provider's own read, from inputs
    holding only what that read needs."""
    provider = by_name(kind).provider()
    inputs: ResourceInputs = provider.inputs_model.model_construct(**stub)
    return provider._read(provider.api_type(http), id_, inputs)[0]


@dataclass
class _Walk:
    """One walk of an account: the client, the writer, and the variable of each object written so far (by
    object name and id), so later objects refer to earlier ones."""

    client: AIGatewayClient
    writer: _Writer
    variables: dict[tuple[str, str], str] = field(default_factory=dict)

    def parent(self, gateway_id: str) -> dict[str, Any]:
        """``gateway_id`` as a reference to the gateway resource written before."""
        return {"gateway_id": _Code(f"{self.variables['gateway', gateway_id]}.gateway_id")}


def _walk(client: AIGatewayClient, gateways: Sequence[str] | None, writer: _Writer) -> None:
    """Every object of the registry, in its order: the account's own objects once (with the whole account
    only), then each gateway's, gateway by gateway."""
    missing = [spec.name for spec in OBJECTS if spec.name not in _WRITERS]
    if missing:  # a new object of the registry: generate.py must say how it is written
        raise NotImplementedError(f"generate.py has no writer for {', '.join(missing)}")
    walk = _Walk(client, writer)
    scoped = [spec.name for spec in OBJECTS if "gateway_id" in spec.provider.inputs_model.model_fields]
    if not gateways:
        for spec in OBJECTS:
            if spec.name not in scoped:
                _WRITERS[spec.name](walk, "")
    ids = sorted(gateways) if gateways else sorted(info.id for info in client.gateways.list())
    for gateway_id in ids:
        for name in scoped:
            _WRITERS[name](walk, gateway_id)


def _custom_providers(walk: _Walk, _: str) -> None:
    writer = walk.writer
    for info in sorted(walk.client.custom_providers.list(), key=lambda i: i.id):
        name = f"custom-provider-{info.slug}"
        walk.variables["custom_provider", info.id] = variable = writer.variable("custom_provider", info.slug)
        observed = _observe(
            "custom_provider",
            walk.client.http,
            info.id,
            name=info.name,
            slug=info.slug,
            base_url=info.base_url,
        )
        given = {}
        if observed.headers is not None:
            given["headers"] = writer.secret(f"{name}-headers", f"headers of custom provider {info.slug!r}")
        writer.resource(
            f"Custom provider {info.slug!r} ({info.id})", variable, "custom_provider", name, observed, **given
        )


def _costs(walk: _Walk, _: str) -> None:
    for cost in sorted(walk.client.custom_provider_costs.list(), key=lambda i: i.id):
        observed = _observe(
            "custom_provider_cost",
            walk.client.http,
            cost.id,
            account_provider_id=cost.account_provider_id,
            model=cost.model,
        )
        upstream = walk.variables.get(("custom_provider", cost.account_provider_id))
        refs = {"account_provider_id": _Code(f"{upstream}.id")} if upstream else {}
        walk.writer.resource(
            f"Cost of {cost.model!r} ({cost.id})",
            walk.writer.variable("cost", cost.id[:12]),
            "custom_provider_cost",
            f"custom-provider-cost-{cost.id}",
            observed,
            **refs,
        )


def _gateway(walk: _Walk, gateway_id: str) -> None:
    writer = walk.writer
    walk.variables["gateway", gateway_id] = gw = writer.variable("gateway", gateway_id)
    observed = _observe("gateway", walk.client.http, gateway_id, gateway_id=gateway_id)
    given: dict[str, Any] = {}
    if observed.otel:
        given["otel"] = [
            exporter.model_copy(
                update={
                    "authorization": exporter.authorization
                    and writer.secret(
                        f"{gateway_id}-otel-{n}-authorization", f"OTel exporter {n} of {gateway_id!r}"
                    ),
                    "headers": {
                        header: writer.secret(
                            f"{gateway_id}-otel-{n}-header-{header}", f"OTel header {header!r}"
                        )
                        for header in exporter.headers
                    },
                }
            )
            for n, exporter in enumerate(observed.otel)
        ]
    if observed.stripe is not None:
        key = writer.secret(f"{gateway_id}-stripe-authorization", f"Stripe key of gateway {gateway_id!r}")
        given["stripe"] = observed.stripe.model_copy(update={"authorization": key})
    writer.resource(f"Gateway {gateway_id!r}", gw, "gateway", gateway_id, observed, **given)


def _datasets(walk: _Walk, gateway_id: str) -> None:
    for ds in sorted(walk.client.datasets.list(gateway_id), key=lambda i: i.id):
        walk.variables["dataset", ds.id] = variable = walk.writer.variable(gateway_id, "dataset", ds.id[:12])
        seen = _observe(
            "dataset",
            walk.client.http,
            ds.id,
            gateway_id=gateway_id,
            name=ds.name,
            enable=ds.enable,
            filters=[],
        )
        walk.writer.resource(
            f"Dataset {ds.name!r} ({ds.id})",
            variable,
            "dataset",
            f"{gateway_id}-dataset-{ds.id}",
            seen,
            **walk.parent(gateway_id),
        )


def _evaluations(walk: _Walk, gateway_id: str) -> None:
    for ev in sorted(walk.client.evaluations.list(gateway_id), key=lambda i: i.id):
        name = f"{gateway_id}-evaluation-{ev.id}"
        seen = _observe(
            "evaluation",
            walk.client.http,
            ev.id,
            gateway_id=gateway_id,
            name=ev.name,
            dataset_ids=ev.dataset_ids,
            evaluation_type_ids=[],
        )
        refs: dict[str, Any] = walk.parent(gateway_id)
        refs["dataset_ids"] = [
            _Code(f"{walk.variables['dataset', d]}.id") if ("dataset", d) in walk.variables else d
            for d in seen.dataset_ids
        ]
        if not seen.evaluation_type_ids:  # not processed yet: the API does not tell its evaluators
            refs["evaluation_type_ids"] = walk.writer.setting(
                f"{name}-evaluationTypeIds",
                f"evaluator ids of evaluation {ev.name!r} (a JSON list)",
                structured=True,
            )
        walk.writer.resource(
            f"Evaluation {ev.name!r} ({ev.id})",
            walk.writer.variable(gateway_id, "evaluation", ev.id[:12]),
            "evaluation",
            name,
            seen,
            **refs,
        )


def _routes(walk: _Walk, gateway_id: str) -> None:
    for route in sorted(walk.client.routes.list(gateway_id), key=lambda i: i.id):
        seen = _observe(
            "dynamic_route", walk.client.http, route.id, gateway_id=gateway_id, name=route.name, elements=[]
        )
        walk.writer.resource(
            f"Dynamic route {route.name!r} ({route.id}), its deployed graph",
            walk.writer.variable(gateway_id, "route", route.name),
            "dynamic_route",
            f"{gateway_id}-route-{route.id}",
            seen,
            **walk.parent(gateway_id),
        )


def _provider_configs(walk: _Walk, gateway_id: str) -> None:
    for pc in sorted(walk.client.provider_configs.list(gateway_id), key=lambda i: i.id):
        name = f"{gateway_id}-provider-config-{pc.id}"
        seen = _observe(
            "provider_config",
            walk.client.http,
            pc.id,
            gateway_id=gateway_id,
            provider_slug=pc.provider_slug,
            alias=pc.alias,
        )
        key = walk.writer.secret(
            f"{name}-secret", f"the {pc.provider_slug} key {pc.alias!r} of gateway {gateway_id!r}"
        )
        walk.writer.resource(
            f"Provider key {pc.provider_slug}/{pc.alias} ({pc.id})",
            walk.writer.variable(gateway_id, "key", pc.provider_slug, pc.alias),
            "provider_config",
            name,
            seen,
            secret=key,
            **walk.parent(gateway_id),
        )


def _custom_domains(walk: _Walk, gateway_id: str) -> None:
    for domain in sorted(walk.client.custom_domains.list(gateway_id), key=lambda i: i.hostname):
        name = f"{gateway_id}-domain-{domain.hostname}"
        seen = _observe(
            "custom_domain",
            walk.client.http,
            domain.hostname,
            gateway_id=gateway_id,
            domain=domain.hostname,
            zone_id="",
        )
        zone = walk.writer.setting(
            f"{name}-zoneId", f"the zone id of {domain.hostname} (the API never answers it)"
        )
        walk.writer.resource(
            f"Custom domain {domain.hostname}",
            walk.writer.variable(gateway_id, "domain", domain.hostname),
            "custom_domain",
            name,
            seen,
            zone_id=zone,
            **walk.parent(gateway_id),
        )


def _account_singleton(kind: str, name: str, what: str) -> Callable[[_Walk, str], None]:
    """The writer of an object the account holds at most one of (its spending limit, its auto top-up)."""

    def write(walk: _Walk, _: str) -> None:
        provider = by_name(kind).provider()
        api = provider.api_type(walk.client.http)
        if (found := provider._find(api, provider.inputs_model.model_construct())) is None:
            return
        observed = _observe(kind, walk.client.http, found)
        walk.writer.resource(f"The account's {what}", walk.writer.variable(kind, ""), kind, name, observed)

    return write


# How each object of the registry is written (the gateway's id; "" for the account's own objects).
_WRITERS: dict[str, Callable[[_Walk, str], None]] = {
    "gateway": _gateway,
    "dataset": _datasets,
    "evaluation": _evaluations,
    "dynamic_route": _routes,
    "provider_config": _provider_configs,
    "custom_provider": _custom_providers,
    "custom_provider_cost": _costs,
    "custom_domain": _custom_domains,
    "spending_limit": _account_singleton("spending_limit", "spending-limit", "spending limit (legacy)"),
    "topup_config": _account_singleton("topup_config", "topup-config", "auto top-up"),
}


def generate(
    settings: Settings,
    *,
    gateways: Sequence[str] | None = None,
    project: str = "ai-gateway",
    stack: str | None = None,
    client: AIGatewayClient | None = None,
) -> Program:
    """The program managing what the account of ``settings`` holds (only ``gateways``, when given; then
    without the account-level custom providers). ``client``: an API client of ``settings`` to use."""
    writer = _Writer()
    _walk(client or AIGatewayClient(settings), gateways, writer)
    account = settings.account_id
    files = {
        "__main__.py": _main(account, writer),
        "Pulumi.yaml": _project(project, account),
        "requirements.txt": _requirements(),
        "README.md": _readme(project, account, writer, stack),
    }
    if stack is not None:
        files[f"Pulumi.{stack}.yaml"] = _stack_config(settings)
    return Program(account, files, dict(writer.secrets), dict(writer.settings))


def _main(account: str, writer: _Writer) -> str:
    head = (
        f'"""The Cloudflare AI Gateway objects of account {account}, as `pulumi-ai-gateway generate` found them.\n\n'
        "Every resource adopts its object (adopt_existing=True): the first `pulumi up` takes them over and writes\n"
        "only what differs. Secrets and values the API never answers come from the stack's config: see README.md.\n"
        '"""\n\nimport pulumi\nimport pulumi_ai_gateway as aig\n\nconfig = pulumi.Config()\n'
    )
    return head + "".join(f"\n{block}" for block in writer.blocks)


def _project(project: str, account: str) -> str:
    return (
        f"name: {project}\n"
        f"description: Cloudflare AI Gateway objects of account {account} (generated by pulumi-ai-gateway).\n"
        "runtime:\n  name: python\n  options:\n    virtualenv: venv\n"
    )


def _requirements() -> str:
    try:
        version = metadata.version("pulumi-ai-gateway")
    except metadata.PackageNotFoundError:  # run from a source tree
        version = "0.1.0"
    return f"pulumi>=3.139.0,<4\npulumi-ai-gateway>={version}\n"


def _stack_config(settings: Settings) -> str:
    lines = ["config:", f"  aigateway:accountId: {settings.account_id}"]
    if settings.base_url != DEFAULT_BASE_URL:
        lines.append(f"  aigateway:baseUrl: {settings.base_url}")
    return "\n".join(lines) + "\n"


def _readme(project: str, account: str, writer: _Writer, stack: str | None) -> str:
    target = f" --stack {stack}" if stack else ""
    lines = [
        f"# {project}",
        "",
        f"The Cloudflare AI Gateway objects of account `{account}`, generated by `pulumi-ai-gateway generate`.",
        "Every resource has `adopt_existing=True`: the first `pulumi up` takes the objects over, writing only",
        "what differs from the account (nothing, right after generating, but the secrets below).",
        "",
        "```sh",
        "python -m venv venv && venv/bin/pip install -r requirements.txt",
        f"pulumi stack {'select --create ' + stack if stack else 'init'}",
        "export CLOUDFLARE_API_TOKEN=...   # or: pulumi config set --secret aigateway:apiToken ...",
    ]
    lines += [
        f"pulumi config set --secret {key} '...'{target}   # {what}" for key, what in writer.secrets.items()
    ]
    lines += [f"pulumi config set {key} '...'{target}   # {what}" for key, what in writer.settings.items()]
    lines += [f"pulumi up{target}", "```", ""]
    if writer.secrets:
        lines += [
            "Secrets are never read from the account into this program. Provider keys (`ProviderConfig.secret`)",
            "cannot be compared (the API never shows them): the first `pulumi up` stores the value you set, a",
            "rotation to the same key. To keep the stored key instead, delete the `secret=` line of that resource:",
            "nothing is written then, and a later `secret=` rotates it.",
            "",
        ]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pulumi-ai-gateway", description="Cloudflare AI Gateway for Pulumi."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser(
        "generate",
        help="write a Pulumi program that adopts the account's objects",
        description="Write a Pulumi program (keyword style, adopt_existing=True) declaring every gateway of the "
        "account and what it holds. Credentials come from CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY and "
        "CLOUDFLARE_EMAIL), never from the command line.",
    )
    gen.add_argument("--account-id", help="the account (default: CLOUDFLARE_ACCOUNT_ID)")
    gen.add_argument("--base-url", help="the API's base URL (default: CLOUDFLARE_BASE_URL or Cloudflare's)")
    gen.add_argument("--gateway", action="append", metavar="ID", help="only this gateway (repeatable)")
    gen.add_argument("--out", type=Path, default=Path("."), help="directory to write (default: .)")
    gen.add_argument("--stack", help="also write Pulumi.<STACK>.yaml with the account and base URL")
    gen.add_argument("--project", default="ai-gateway", help="the Pulumi project name (default: ai-gateway)")
    return parser


def main(argv: Iterable[str] | None = None) -> int:
    """The ``pulumi-ai-gateway`` command."""
    args = _parser().parse_args(list(argv) if argv is not None else None)
    try:
        settings = Settings.resolve(account_id=args.account_id, base_url=args.base_url)
        program = generate(settings, gateways=args.gateway, project=args.project, stack=args.stack)
    except AIGatewayError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in program.write(args.out):
        print(f"wrote {path}")
    needed = [*program.secrets, *program.settings]
    if needed:
        print(f"set {len(needed)} config value(s) before `pulumi up`: see {args.out / 'README.md'}")
    return 0
