"""The emulator on its own, as a user outside this repository installs it: its wheel in a fresh virtualenv."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import httpx
import pytest

from pulumi_ai_gateway.gateway import GatewayCreate
from tests.harness.emulator import EmulatorServer
from tests.harness.pulumi_cli import REPO_ROOT

pytestmark = pytest.mark.slow

PIP_TIMEOUT = 600


def _run(*args: str) -> None:
    proc = subprocess.run(
        args, capture_output=True, text=True, timeout=PIP_TIMEOUT, stdin=subprocess.DEVNULL, check=False
    )
    assert proc.returncode == 0, f"{' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"


def test_the_emulator_wheel_runs_on_its_own_and_keeps_state(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        str(wheels),
        str(REPO_ROOT / "emulator"),
    )
    (wheel,) = wheels.glob("aigw_emulator-*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    _run(str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel))

    state = tmp_path / "state.db"
    first = EmulatorServer(tmp_path / "first.log", state=state, script=env / "bin" / "aigw-emulator")
    first.start()
    try:
        client = first.client("standalone-account", "any-token")
        client.gateways.create(
            GatewayCreate(
                id="kept",
                cache_invalidate_on_update=False,
                cache_ttl=60,
                collect_logs=True,
                rate_limiting_interval=None,
                rate_limiting_limit=None,
            )
        )
    finally:
        first.stop()
    again = EmulatorServer(tmp_path / "again.log", state=state, script=env / "bin" / "aigw-emulator")
    again.start()
    try:
        client = again.client("standalone-account", "any-token")
        assert client.gateways.get("kept").cache_ttl == 60
        # The installed wheel serves the gateway URL too (the data plane ships in it).
        url = client.gateways.url("kept", "openai")
        body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}
        answers = [httpx.post(f"{url}/chat/completions", json=body, timeout=10) for _ in range(2)]
        assert [a.headers["cf-aig-cache-status"] for a in answers] == ["MISS", "HIT"]
    finally:
        again.stop()
