"""Where a run's time goes, phase by phase, ours against a no-op dynamic resource (`make bench`, section 0).

Each phase runs in fresh interpreters (median of a few), as the engine starts them: the program process and the
dynamic-provider host both import the package, build the models they use on first use, and set up a client
before their first request. Against the emulator, on loopback, the API's own latency is the raw GET's.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.harness.emulator import EmulatorServer

# phase -> (our code, the no-op's code); each prints the milliseconds of its measured part.
_PHASES: dict[str, tuple[str, str]] = {
    "program: import (pulumi, the package, a Gateway)": (
        "import pulumi; t = now(); import pulumi_ai_gateway as aig; aig.Gateway, aig.GatewayArgs; done(t)",
        "import pulumi; t = now(); import pulumi.dynamic; done(t)",
    ),
    "provider host: load the pickled provider and configure it": (
        # As `python -m pulumi.dynamic` does: only pulumi is loaded; unpickling imports the provider's module,
        # then the provider is configured with the stack's config.
        "import pulumi.dynamic, dill, base64; t = now(); p = dill.loads(base64.b64decode(os.environ['PICKLED']));"
        "p.configure(CONFIGURE); done(t)",
        "import pulumi.dynamic, dill, base64; from pulumi.dynamic.dynamic import serialize_provider;"
        "s = serialize_provider(noop_provider()); t = now(); p = dill.loads(base64.b64decode(s));"
        "p.configure(CONFIGURE); done(t)",
    ),
    "provider host: first check (model build)": (
        "from pulumi_ai_gateway.gateway import GatewayProvider; p = GatewayProvider(); t = now();"
        "p.check({}, {'gateway_id': 'g1', 'cache_ttl': 60}); done(t)",
        "import pulumi.dynamic as dyn; p = dyn.ResourceProvider(); t = now();"
        "p.check({}, {'gateway_id': 'g1', 'cache_ttl': 60}); done(t)",
    ),
    "provider host: first request (settings, client set-up, one GET)": (
        "from pulumi_ai_gateway.gateway import GatewayProvider; p = GatewayProvider(); t = now();"
        "p.read('x', {'gateway_id': 'x'}); done(t)",
        "import httpx; t = now(); httpx.Client(headers=AUTH, verify=not URL.startswith('http://')).get(URL); done(t)",
    ),
    "provider host: each further read": (
        "from pulumi_ai_gateway.gateway import GatewayProvider; p = GatewayProvider();"
        "o = p.create({'gateway_id': NAME}).outs; p.read(NAME, o); t = now();"
        "[p.read(NAME, o) for _ in range(50)]; done(t, 50); p.delete(NAME, o)",
        "import httpx; c = httpx.Client(headers=AUTH); c.get(URL); t = now();"
        "[c.get(URL) for _ in range(50)]; done(t, 50)",
    ),
}

_PRELUDE = """
import os, sys, time, types
now = time.perf_counter
def done(t, n=1):
    # The phase's milliseconds, and when the code ended (system-wide monotonic clock): the rest is exit.
    print((time.perf_counter() - t) * 1000 / n, time.monotonic())
NAME = "startup-phase"
URL = os.environ["CLOUDFLARE_BASE_URL"] + "/accounts/" + os.environ["CLOUDFLARE_ACCOUNT_ID"] + "/ai-gateway/gateways/x"
AUTH = {"Authorization": "Bearer " + os.environ["CLOUDFLARE_API_TOKEN"]}
CONFIGURE = types.SimpleNamespace(config={})  # a ConfigureRequest: its config answers get(key)
def noop_provider():
    # As bench/programs/noop defines it: in __main__, so dill pickles it by value.
    import pulumi.dynamic as dyn
    class NoopProvider(dyn.ResourceProvider):
        def create(self, props):
            return dyn.CreateResult(str(props["gateway_id"]), props)
    return NoopProvider()
"""


def _run(code: str, env: dict[str, str]) -> tuple[float, float]:
    """The phase's milliseconds, and the milliseconds the interpreter took to exit after it."""
    done = subprocess.run(
        [sys.executable, "-c", _PRELUDE + code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"phase failed:\n{code}\n{done.stderr}")
    exited = time.monotonic()
    measured, ended = done.stdout.strip().splitlines()[-1].split()
    return float(measured), (exited - float(ended)) * 1000


def phases(emulator: EmulatorServer, account: str, token: str, rounds: int) -> list[dict[str, Any]]:
    """One row per phase: the median milliseconds of ours and of the no-op, alternated round by round; after the
    program's import and the provider host's load, how long that process then takes to exit."""
    from pulumi.dynamic.dynamic import serialize_provider

    from pulumi_ai_gateway.gateway import GatewayProvider

    env = {**os.environ, "CLOUDFLARE_BASE_URL": emulator.base_url, "CLOUDFLARE_ACCOUNT_ID": account,
           "CLOUDFLARE_API_TOKEN": token, "PICKLED": serialize_provider(GatewayProvider())}  # fmt: skip
    rows = []
    for phase, (ours_code, noop_code) in _PHASES.items():
        ours, noop = [], []
        for _ in range(rounds):
            ours.append(_run(ours_code, env))
            noop.append(_run(noop_code, env))
        rows.append(_row(phase, [ms for ms, _ in ours], [ms for ms, _ in noop]))
        if phase in _EXITS:
            rows.append(_row(_EXITS[phase], [ms for _, ms in ours], [ms for _, ms in noop]))
    return rows


_EXITS = {
    "program: import (pulumi, the package, a Gateway)": "program: exit after that import",
    "provider host: load the pickled provider and configure it": "provider host: exit after that load",
}


def _row(phase: str, ours: list[float], noop: list[float]) -> dict[str, Any]:
    ours_ms, noop_ms = statistics.median(ours), statistics.median(noop)
    return {"phase": phase, "ours_ms": ours_ms, "noop_ms": noop_ms, "extra_ms": ours_ms - noop_ms}


def compile_bytecode() -> None:
    """Compile our packages' modules, as pip does when it installs the wheel: a user's processes load them
    compiled, while this checkout (an editable install, and machines with ``PYTHONDONTWRITEBYTECODE``) would
    compile them again in every process."""
    root = Path(__file__).resolve().parent.parent
    for package in (root / "provider" / "pulumi_ai_gateway", root / "emulator" / "aigw_emulator"):
        compileall.compile_dir(package, quiet=1)
