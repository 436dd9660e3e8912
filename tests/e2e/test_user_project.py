"""The package as a user meets it: the built wheel in a fresh virtualenv of a separate infrastructure project.

The project lives in a temporary directory with its own ``Pulumi.yaml`` naming its own virtualenv, outside this
repository, and the project's virtualenv is kept off ``PATH``: if the engine ran the program or the dynamic
provider with any other Python, ``import pulumi`` would fail. It is installed once with the newest ``pulumi``,
``pydantic`` and ``httpx`` on the index and once with the oldest versions ``pyproject.toml`` allows, and runs the
every-resource lifecycle, written in the keyword style, with this repository's engine: with the typed input
classes in one world and with plain dicts in the other. Both programs, and one using every lookup's results,
pass ``mypy --strict`` against what the project installed (no pydantic plugin: the types a user's checker
sees), and a secret given deep inside a nested setting stays secret in the state. The lookups program runs
under the engine in each world too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import venv
from importlib import metadata
from pathlib import Path

import pytest

from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.e2e.test_lookups import check_every_lookup
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import seed_legacy_limit
from tests.harness.pulumi_cli import REPO_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PROGRAMS = Path(__file__).parent / "programs"
PIP_TIMEOUT = 600
SECRETS = {
    "otelAuthorization": "Bearer otel-user-project-SECRET-7731",
    "datasetModel": "model-user-project-SECRET-7731",
    "stripeKey": "sk_live_user_project_SECRET_2208",
    "providerKey": "sk-user-project-provider-SECRET-0042",
}


def _floors() -> list[str]:
    """``name==floor`` for each runtime requirement of the package, read from pyproject.toml."""
    text = (REPO_ROOT / "pyproject.toml").read_text()
    floors = re.findall(r'^\s*"(pulumi|httpx|pydantic)>=([\w.]+),<\d+",?$', text, re.MULTILINE)
    assert {name for name, _ in floors} == {"pulumi", "httpx", "pydantic"}, floors
    return [f"{name}=={version}" for name, version in floors]


# What pip installs beside the wheel: nothing pinned (the newest of everything), or every floor.
WORLDS = {"newest": ["pulumi", "pydantic", "httpx"], "oldest": _floors()}
# The program each world runs: the typed input classes, or plain dicts.
PROGRAM = {"newest": PROGRAMS / "every_resource", "oldest": PROGRAMS / "every_resource_dicts"}
# Every lookup in both forms, its results used through their typed attributes.
LOOKUPS = PROGRAMS / "lookups" / "__main__.py"
MYPY_CONFIG = "[mypy]\nstrict = True\n"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built as it is published."""
    out = tmp_path_factory.mktemp("wheel")
    _pip(Path(sys.executable), "wheel", "--no-deps", "--wheel-dir", str(out), str(REPO_ROOT))
    (built,) = out.glob("pulumi_ai_gateway-*.whl")
    return built


def _pip(python: Path, *args: str) -> str:
    proc = subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        timeout=PIP_TIMEOUT,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert proc.returncode == 0, f"pip {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def _user_project(
    root: Path, wheel: Path, requirements: list[str], program: Path
) -> tuple[Path, dict[str, str]]:
    """A project directory as a user's infrastructure repository has it, and what pip installed there."""
    project = root / "infra"
    project.mkdir()
    shutil.copy(program / "__main__.py", project / "__main__.py")
    (project / "Pulumi.yaml").write_text(
        "name: user-infra\nruntime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: venv\n"
    )
    venv.create(project / "venv", with_pip=True)
    python = project / "venv" / "bin" / "python"
    _pip(python, "install", "--quiet", str(wheel), *requirements)
    installed = dict(line.split("==", 1) for line in _pip(python, "freeze").splitlines() if "==" in line)
    return project, installed


def _mypy(project: Path, program: Path) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` of ``program`` as the user's project sees the packages (its virtualenv, no plugins)."""
    (project / "mypy.ini").write_text(MYPY_CONFIG)
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--no-incremental",
         "--python-executable", str(project / "venv" / "bin" / "python"), str(program)],
        cwd=project, capture_output=True, text=True, timeout=PIP_TIMEOUT, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip


def _mypy_finds_mistakes(project: Path) -> None:
    """The check can fail: a misspelt keyword, a wrong nested key and a missing element tag are errors."""
    text = (PROGRAM["oldest"] / "__main__.py").read_text()
    broken = (
        text.replace("cache_ttl=", "cache_tll=")
        .replace('"operator": "eq", "value": [False]', '"operater": "eq", "value": [False]')
        .replace('{"id": "end", "type": "end"}', '{"id": "end"}')
    )
    assert broken.count("tll") == 1 and broken.count("operater") == 1 and '{"id": "end"}' in broken
    program = project / "broken.py"
    program.write_text(broken)
    checked = _mypy(project, program)
    assert checked.returncode == 1, checked.stdout
    assert 'Unexpected keyword argument "cache_tll"' in checked.stdout, checked.stdout
    assert (
        'List item 0 has incompatible type "dict[str, Sequence[object]]"; expected "DatasetFilterArgs'
        in checked.stdout
    )
    assert 'List item 2 has incompatible type "dict[str, str]"' in checked.stdout, checked.stdout
    program.unlink()

    # A lookup result's attributes are typed, in both forms: a misspelt one and a wrong use are errors.
    text = LOOKUPS.read_text()
    broken = text.replace("g.cache_ttl", "g.cache_tll").replace(
        "existing_chat.version.version_id if existing_chat.version else None",
        "existing_chat.version.version_id",
    )
    assert broken.count("cache_tll") == 1 and "if existing_chat.version" not in broken
    program.write_text(broken)
    checked = _mypy(project, program)
    assert checked.returncode == 1, checked.stdout
    assert '"GetGatewayResult" has no attribute "cache_tll"' in checked.stdout, checked.stdout
    assert (
        'Item "None" of "GetDynamicRouteVersionResult | None" has no attribute "version_id"' in checked.stdout
    )
    program.unlink()


def _is_secret(value: object) -> bool:
    return isinstance(value, dict) and "ciphertext" in value


@pytest.mark.parametrize("world", sorted(WORLDS))
def test_every_resource_lifecycle_in_a_users_project(
    world: str,
    wheel: Path,
    tmp_path: Path,
    pulumi_stack: StackFactory,
    emulator: EmulatorServer,
) -> None:
    project, installed = _user_project(tmp_path, wheel, WORLDS[world], PROGRAM[world])
    if world == "oldest":
        for floor in WORLDS["oldest"]:
            name, version = floor.split("==")
            assert installed[name] == version, (name, installed)
    print(
        f"\n[{world}] pulumi {installed['pulumi']}, pydantic {installed['pydantic']}, httpx {installed['httpx']}"
    )

    for program in [*(p / "__main__.py" for p in PROGRAM.values()), LOOKUPS]:
        checked = _mypy(project, program)
        assert checked.returncode == 0, f"mypy --strict {program}:\n{checked.stdout}{checked.stderr}"
    if world == "newest":
        _mypy_finds_mistakes(project)

    emulator.control("POST", "/reset")
    seed_legacy_limit(emulator.base_url, EMULATOR_ACCOUNT)
    stack = pulumi_stack(
        project,
        config={
            "aigateway:baseUrl": emulator.base_url,
            "aigateway:accountId": EMULATOR_ACCOUNT,
            "prefix": f"user-{world}",
        },
        secrets={"aigateway:apiToken": EMULATOR_TOKEN, **SECRETS},
        # Only the project's virtualenv can run the program and the provider.
        env={"AIGW_PYTHON_BIN": ""},
    )
    stack.up()
    outputs = stack.outputs()
    assert Path(outputs["python_prefix"]) == project / "venv"
    assert outputs["pulumi_sdk"] == installed["pulumi"]
    assert outputs["gateway_id"] == f"user-{world}-gw"
    assert (outputs["cache_ttl"], outputs["authentication"], outputs["account_id"]) == (
        300,
        False,
        EMULATOR_ACCOUNT,
    )
    # The resource name check reads is not kept in state.
    assert not [r["urn"] for r in stack.resources() if "__resource_name" in r.get("inputs", {})]
    # A secret inside a nested setting (one dataset filter's value) keeps the whole setting secret.
    (dataset,) = stack.resources("pulumi-python:dynamic/aigateway:Dataset")
    assert _is_secret(dataset["inputs"]["filters"]), dataset["inputs"]
    assert _is_secret(dataset["outputs"]["filters"]), dataset["outputs"]
    assert SECRETS["datasetModel"] not in json.dumps(stack.export_state())

    stack.preview("--expect-no-changes")
    stack.preview("--refresh", "--expect-no-changes")

    # `pulumi about`, what users paste into bug reports: the project's interpreter and what is installed there.
    about = stack.run("about", "--json", "--stack", stack.name)
    assert "not implemented" not in about.output.lower(), about.output
    runtime, dependencies = (
        about.json()["runtime"],
        {d["name"]: d["version"] for d in about.json()["dependencies"]},
    )
    assert Path(runtime["executable"]).parent == project / "venv" / "bin", runtime
    assert runtime["version"] == ".".join(map(str, sys.version_info[:3]))
    assert dependencies["pulumi-ai-gateway"] == metadata.version("pulumi-ai-gateway")  # the wheel built here

    stack.set_config("generation", "1")
    stack.up()
    api = emulator.client(EMULATOR_ACCOUNT, EMULATOR_TOKEN).http
    gateway = api.request("GET", f"/gateways/user-{world}-gw", what="g", operation="read")["result"]
    assert gateway["cache_ttl"] == 600
    stack.preview("--refresh", "--expect-no-changes")

    # The wheel's command writes the program of what is there, which type-checks against this world's pulumi.
    generated = project / "generated"
    env = {"CLOUDFLARE_API_TOKEN": EMULATOR_TOKEN, "CLOUDFLARE_BASE_URL": emulator.base_url, "PATH": ""}
    command = [str(project / "venv" / "bin" / "pulumi-ai-gateway"), "generate", "--account-id", EMULATOR_ACCOUNT,
               "--gateway", f"user-{world}-gw", "--out", str(generated)]  # fmt: skip
    ran = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert f'gateway_id="user-{world}-gw"' in (generated / "__main__.py").read_text()
    checked = _mypy(project, generated / "__main__.py")
    assert checked.returncode == 0, (
        f"mypy --strict of the generated program:\n{checked.stdout}{checked.stderr}"
    )

    stack.destroy()
    assert not {kind: n for kind, n in emulator.control("GET", "/objects")["result"].items() if n}

    # Every lookup in both forms, under this world's pulumi: typed results, maps, secrets kept.
    lookups = tmp_path / "lookups"
    lookups.mkdir()
    shutil.copy(LOOKUPS, lookups / "__main__.py")
    (lookups / "Pulumi.yaml").write_text(
        "name: user-lookups\nruntime:\n  name: python\n  options:\n    toolchain: pip\n"
        f"    virtualenv: {project / 'venv'}\n"
    )
    check_every_lookup(pulumi_stack, emulator, lookups, env={"AIGW_PYTHON_BIN": ""}).destroy()


def test_the_policy_pack_runs_from_a_users_project(
    wheel: Path, tmp_path: Path, pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    """A copy of the pack kept in the user's own repository, naming the package as published: the first
    ``pulumi preview --policy-pack`` builds the pack's virtualenv from its requirements.txt and runs it."""
    project, _ = _user_project(tmp_path, wheel, WORLDS["newest"], PROGRAM["newest"])
    pack = tmp_path / "company-policies"
    shutil.copytree(REPO_ROOT / "policies", pack, ignore=shutil.ignore_patterns("venv", "__pycache__"))
    requirements = (pack / "requirements.txt").read_text().replace("-e ..", str(wheel))
    (pack / "requirements.txt").write_text(requirements)
    emulator.control("POST", "/reset")
    stack = pulumi_stack(
        project,
        config={
            "aigateway:baseUrl": emulator.base_url,
            "aigateway:accountId": EMULATOR_ACCOUNT,
            "prefix": "policy",
        },
        secrets={"aigateway:apiToken": EMULATOR_TOKEN, **SECRETS},
        env={"AIGW_PYTHON_BIN": ""},
    )
    preview = stack.preview("--policy-pack", str(pack), check=False)
    assert (pack / "venv" / "bin" / "python").exists()
    assert "aigw-policies" in preview.output, preview.output
    # The program leaves authentication off: the pack's mandatory rule says so, so the preview fails.
    assert "[mandatory]  gateway-authentication" in preview.output, preview.output
    assert preview.returncode != 0
    assert "No module named" not in preview.output


def test_pulumi_install_creates_the_projects_virtualenv(
    wheel: Path, tmp_path: Path, pulumi_stack: StackFactory
) -> None:
    """``pulumi install`` in a project that names a virtualenv: created, with its requirements.txt."""
    project = tmp_path / "fresh-infra"
    project.mkdir()
    shutil.copy(PROGRAM["newest"] / "__main__.py", project / "__main__.py")
    (project / "Pulumi.yaml").write_text(
        "name: fresh-infra\nruntime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: venv\n"
    )
    (project / "requirements.txt").write_text(f"{wheel}\n")
    stack = pulumi_stack(project, env={"AIGW_PYTHON_BIN": ""})
    stack.run("install")
    python = project / "venv" / "bin" / "python"
    proc = subprocess.run(
        [str(python), "-c", "import pulumi_ai_gateway, pulumi; print(pulumi_ai_gateway.__file__)"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 0 and str(project / "venv") in proc.stdout, proc.stderr
