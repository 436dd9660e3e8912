"""What importing the package loads: the typed client without Pulumi, every public name on first use."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import pulumi_ai_gateway
from pulumi_ai_gateway._objects import OBJECTS


def _fresh(code: str) -> str:
    """Run ``code`` in a fresh interpreter; its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_typed_client_loads_neither_pulumi_nor_a_command_line() -> None:
    loaded = _fresh(
        "import sys, pulumi_ai_gateway.client as c; c.AIGatewayClient;"
        "print(sorted(m for m in ('pulumi', 'grpc', 'click', 'rich', 'pygments', 'httpx._main') if m in sys.modules))"
    )
    assert loaded == "[]"


def test_httpx_keeps_its_command_line_for_whoever_imports_it() -> None:
    assert _fresh("import pulumi_ai_gateway.client, httpx._main; print(callable(httpx._main.main))") == "True"


def test_importing_the_package_loads_nothing_until_a_name_is_used() -> None:
    assert _fresh("import sys, pulumi_ai_gateway; print('pulumi' in sys.modules)") == "False"
    assert _fresh("import sys, pulumi_ai_gateway as a; a.Gateway; print('pulumi' in sys.modules)") == "True"


def test_a_program_loads_neither_pydantic_nor_httpx_nor_the_providers() -> None:
    # The dynamic-provider process loads those (from the pickled provider), a program never needs them.
    loaded = _fresh(
        "import sys, pulumi_ai_gateway as aig; aig.Gateway, aig.GatewayArgs, aig.DynamicRoute, aig.OtelExporterArgs;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'httpx') or m in"
        " ('pulumi_ai_gateway.gateway', 'pulumi_ai_gateway._provider', 'pulumi_ai_gateway._http')))"
    )
    assert loaded == "[]"


def test_every_public_name_resolves_and_star_import_gives_them_all() -> None:
    namespace: dict[str, object] = {}
    exec("from pulumi_ai_gateway import *", namespace)
    missing = [name for name in pulumi_ai_gateway.__all__ if name not in namespace]
    assert missing == []
    for spec in OBJECTS:
        assert getattr(pulumi_ai_gateway, spec.resource) is spec.resource_class
        assert f"{spec.resource}Args" in pulumi_ai_gateway.__all__ and spec.resource in dir(pulumi_ai_gateway)
    with pytest.raises(AttributeError, match="has no attribute 'Gatewya'"):
        pulumi_ai_gateway.Gatewya  # noqa: B018


def test_the_wire_models_stay_importable_from_the_resource_modules() -> None:
    from pulumi_ai_gateway.api.gateway import GatewayApi, GatewayInfo
    from pulumi_ai_gateway.gateway import GatewayApi as Old
    from pulumi_ai_gateway.gateway import GatewayInfo as OldInfo

    assert (Old, OldInfo) == (GatewayApi, GatewayInfo)


def test_a_preview_loads_no_http_client_until_a_request() -> None:
    # A preview's provider host only checks and diffs: httpx and httpcore load with the first API client.
    loaded = _fresh(
        "import sys; from pulumi_ai_gateway.gateway import GatewayProvider; p = GatewayProvider();"
        "news = p.check({}, {'gateway_id': 'g1', 'cache_ttl': 60}).inputs;"
        "p.diff('g1', {**news, 'account_id': 'acct'}, {**news, 'cache_ttl': 30});"
        "before = 'httpx' in sys.modules;"
        "from pulumi_ai_gateway._http import ApiClient; from pulumi_ai_gateway.settings import Settings;"
        "ApiClient(Settings.resolve(account_id='acct', api_token='t', base_url='http://127.0.0.1:9', environ={}));"
        "print(before, 'httpx' in sys.modules)"
    )
    assert loaded == "False True"


def _imports(path: Path, module: str, known: set[str]) -> set[str]:
    """The package's modules that ``module`` imports anywhere in it (also inside functions), except under
    ``if TYPE_CHECKING:``, which never runs."""
    found: set[str] = set()

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if ast.unparse(node.test).endswith("TYPE_CHECKING"):
                for statement in node.orelse:
                    self.visit(statement)
                return
            self.generic_visit(node)

        def visit_Import(self, node: ast.Import) -> None:
            found.update(alias.name for alias in node.names)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            assert node.level == 0, f"{module}: relative import"
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else str(node.module))

    Visitor().visit(ast.parse(path.read_text()))
    return {name for name in found if name in known and name != module}


def test_the_package_has_no_import_cycle() -> None:
    root = Path(pulumi_ai_gateway.__file__).parent
    files = {
        ".".join(("pulumi_ai_gateway", *path.relative_to(root).with_suffix("").parts)).removesuffix(
            ".__init__"
        ): path
        for path in root.rglob("*.py")
    }
    graph = {module: _imports(path, module, set(files)) for module, path in files.items()}
    assert graph["pulumi_ai_gateway._inputs"] >= {"pulumi_ai_gateway._program"}  # the walk sees imports
    order: list[str] = []  # Kahn's algorithm: a module comes after every module it imports

    def ready() -> list[str]:
        return [m for m, deps in graph.items() if m not in order and deps <= {*order}]

    while batch := ready():
        order += batch
    assert set(order) == set(graph), f"import cycle among {sorted(set(graph) - set(order))}"
