"""Fixtures shared by every test layer."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.harness.emulator import EmulatorServer
from tests.harness.processes import leftovers
from tests.harness.pulumi_cli import PulumiStack
from tests.harness.sweep import SWEEP

StackFactory = Callable[..., PulumiStack]


@pytest.fixture
def pulumi_stack(tmp_path: Path) -> Iterator[StackFactory]:
    """Give fresh stacks of a program directory on a private file backend.

    ``pulumi_stack(program_dir, config={...}, secrets={...}, env={...})``. Stacks that still hold resources at
    the end of the test are destroyed, so a failing test does not leave objects behind.
    """
    made: list[PulumiStack] = []

    def make(
        program_dir: Path,
        *,
        config: dict[str, str] | None = None,
        secrets: dict[str, str] | None = None,
        env: dict[str, str] | None = None,
    ) -> PulumiStack:
        stack = PulumiStack(program_dir, tmp_path / f"stack-{len(made)}", env=env or {})
        stack.init()
        for key, value in (config or {}).items():
            stack.set_config(key, value)
        for key, value in (secrets or {}).items():
            stack.set_config(key, value, secret=True)
        made.append(stack)
        return stack

    yield make
    for stack in made:
        if stack.resources():
            stack.destroy(check=False)


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmulatorServer]:
    """A real emulator on a loopback port (state in a file), shared by a module; reset it where needed."""
    work = tmp_path_factory.mktemp("emulator")
    server = EmulatorServer(work / "emulator.log", state=work / "state.db", api_token=EMULATOR_TOKEN)
    server.start()
    yield server
    server.stop()


EMULATOR_TOKEN = "emulator-token-for-tests-0123456789"
EMULATOR_ACCOUNT = "test-account"


@pytest.fixture(scope="session", autouse=True)
def no_secret_in_any_output() -> Iterator[None]:
    """After the whole session: no registered secret in any engine output, state, provider or emulator log."""
    yield
    leaks = SWEEP.leaks()
    assert not leaks, "secrets in plain text:\n" + "\n".join(leaks)


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind() -> Iterator[None]:
    """After the whole session: no process the suite started is still running (re-parented ones included)."""
    yield
    deadline = time.monotonic() + 30  # a host or provider whose engine just ended notices within seconds
    while (left := leftovers()) and time.monotonic() < deadline:
        time.sleep(0.5)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    assert not left, "processes of the suite still running:\n" + "\n".join(
        f"{p}: {c}" for p, c in left.items()
    )


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SWEEP.secrets:
        terminalreporter.write_line(SWEEP.summary())
