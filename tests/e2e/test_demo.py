"""`make demo` on this checkout: deploys the quickstart, prints gateway URLs, calls one twice (a cache hit) and
shows the log the first call wrote; the second run changes nothing."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.harness.emulator import free_port
from tests.harness.pulumi_cli import REPO_ROOT

pytestmark = pytest.mark.e2e


def test_make_demo_twice(tmp_path: Path) -> None:
    stack = f"demo-test-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PULUMI_", "CLOUDFLARE_", "AIGW_"))}
    port = free_port()
    env.update(
        AIGW_DEMO_PORT=str(port),
        AIGW_DEMO_STACK=stack,
        AIGW_DEMO_STATE_DIR=str(tmp_path / "emulator"),
        PULUMI_HOME=str(tmp_path / "home"),
        PULUMI_BACKEND_URL=(tmp_path / "backend").as_uri(),
    )
    (tmp_path / "backend").mkdir()

    def demo() -> str:
        done = subprocess.run(
            ["make", "demo"],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    try:
        first = demo()
        assert "+ 6 created" in first or "6 created" in first
        for provider in ("openai", "anthropic", "compat"):
            assert f"http://127.0.0.1:{port}/v1/demo-account/quickstart/{provider}" in first
        # The exported URL answers: the second call is a cache hit, and the first call's log is read back.
        assert "call 1: 200 cf-aig-cache-status: MISS" in first
        assert "call 2: 200 cf-aig-cache-status: HIT" in first
        assert (
            "log of call 1 (get_logs): id=" in first and "model=gpt-4o-mini status=200 cached=False" in first
        )
        second = demo()
        assert "call 2: 200 cf-aig-cache-status: HIT" in second
        assert "6 unchanged" in second
        for change in ("created", "updated", "replaced", "deleted"):
            assert f" {change}" not in second.split("Resources:")[1].split("Duration")[0]
    finally:
        (REPO_ROOT / f"Pulumi.{stack}.yaml").unlink(missing_ok=True)
