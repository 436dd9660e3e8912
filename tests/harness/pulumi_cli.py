"""End-to-end harness: the real Pulumi CLI on a throwaway file backend.

Every call goes through ``tools/pulumi-env`` (the same offline environment ``make demo`` uses) with its own
``PULUMI_HOME``, backend directory and stack config file inside a temporary directory, so a test never touches
the program directory it runs or any other test's state.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tests.harness.processes import descendants
from tests.harness.sweep import SWEEP

__all__ = ["REPO_ROOT", "PulumiError", "PulumiResult", "PulumiStack"]

REPO_ROOT = Path(__file__).resolve().parents[2]
PULUMI_ENV = REPO_ROOT / "tools" / "pulumi-env"
# Generous: the first engine start on a cold machine compiles nothing but loads a lot; a hung engine must
# still fail the test instead of holding CI.
DEFAULT_TIMEOUT = 600


@dataclass(frozen=True)
class PulumiResult:
    """What one CLI call produced."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        """stdout and stderr together: the engine's messages."""
        return self.stdout + self.stderr

    def json(self) -> Any:
        """stdout parsed as JSON (for calls made with ``--json``)."""
        return json.loads(self.stdout)


class PulumiError(AssertionError):
    """A CLI call that was expected to succeed failed; carries everything it printed."""

    def __init__(self, result: PulumiResult) -> None:
        super().__init__(
            f"pulumi {' '.join(result.args)} exited {result.returncode}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        )
        self.result = result


@dataclass
class PulumiStack:
    """A stack of ``program_dir`` on a private file backend under ``work_dir``."""

    program_dir: Path
    work_dir: Path
    # Unique, because `stack init` briefly writes Pulumi.<name>.yaml into the program directory.
    name: str = field(default_factory=lambda: f"test-{uuid.uuid4().hex[:8]}")
    env: dict[str, str] = field(default_factory=dict)
    _created: bool = field(default=False, init=False)

    @property
    def config_file(self) -> Path:
        return self.work_dir / f"Pulumi.{self.name}.yaml"

    @property
    def provider_log(self) -> Path:
        """The provider's request log for every command of this stack (swept for secrets)."""
        return self.work_dir / "provider.log"

    def _environ(self) -> dict[str, str]:
        backend = self.work_dir / "backend"
        home = self.work_dir / "home"
        backend.mkdir(parents=True, exist_ok=True)
        home.mkdir(parents=True, exist_ok=True)
        environ = {
            key: value for key, value in os.environ.items() if not key.startswith(("PULUMI_", "CLOUDFLARE_"))
        }
        environ.update(
            PULUMI_HOME=str(home),
            PULUMI_BACKEND_URL=backend.as_uri(),
            PULUMI_CONFIG_PASSPHRASE="harness-passphrase",
            PULUMI_AI_GATEWAY_LOG=str(self.provider_log),
        )
        environ.update(self.env)
        return environ

    def run(self, *args: str, check: bool = True, timeout: float = DEFAULT_TIMEOUT) -> PulumiResult:
        """Run ``pulumi ARGS`` for this stack; raise PulumiError on failure when ``check``."""
        cmd = [str(PULUMI_ENV), "pulumi", "--cwd", str(self.program_dir), "--non-interactive", *args]
        SWEEP.watch(self.provider_log)
        proc = subprocess.run(
            cmd,
            env=self._environ(),
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        result = PulumiResult(tuple(args), proc.returncode, proc.stdout, proc.stderr)
        SWEEP.record(f"pulumi {' '.join(args[:2])} ({self.name})", result.output)
        if check and proc.returncode != 0:
            raise PulumiError(result)
        return result

    def start(self, *args: str, output: IO[str] | None = None) -> subprocess.Popen[str]:
        """Start ``pulumi ARGS --stack ...`` in its own process group (to be killed as a whole), output piped
        (or written to ``output``: a run nobody reads while it runs cannot fill a pipe and stall)."""
        self.init()
        cmd = [str(PULUMI_ENV), "pulumi", "--cwd", str(self.program_dir), "--non-interactive", *args]
        return subprocess.Popen(
            [*cmd, *self._stack_args()],
            env=self._environ(),
            stdout=output or subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )

    @staticmethod
    def kill(process: subprocess.Popen[str]) -> None:
        """SIGKILL a started CLI and every process under it, as a lost CI runner would.

        The engine starts its plugins (language host, providers) in process groups of their own, so killing the
        CLI's group alone would leave them running with no parent: the whole tree is collected first.
        """
        doomed = [process.pid, *descendants(process.pid)]
        for pid in doomed:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=30)

    def _stack_args(self) -> tuple[str, ...]:
        return ("--stack", self.name, "--config-file", str(self.config_file))

    def init(self) -> None:
        """Create the stack (idempotent).

        ``stack init`` writes the stack's config file (with the passphrase salt) into the program directory and
        has no ``--config-file`` option: move it to the work directory, where every later call reads it.
        """
        if not self._created:
            self.run("stack", "init", self.name)
            written = self.program_dir / f"Pulumi.{self.name}.yaml"
            if written.exists():
                shutil.move(written, self.config_file)
            else:
                self.config_file.touch()
            self._created = True

    def set_config(self, key: str, value: str, *, secret: bool = False) -> None:
        """``pulumi config set`` into this stack's private config file."""
        self.init()
        if secret:
            SWEEP.secret(value)
        flags = ("--secret",) if secret else ()
        self.run("config", "set", *flags, *self._stack_args(), "--", key, value)

    def command(self, *args: str, check: bool = True) -> PulumiResult:
        """``pulumi ARGS`` on this stack (``--stack`` added)."""
        self.init()
        return self.run(*args, *self._stack_args(), check=check)

    def up(self, *extra: str, check: bool = True, skip_preview: bool = True) -> PulumiResult:
        self.init()
        preview = ("--skip-preview",) if skip_preview else ()
        return self.run("up", "--yes", *preview, *self._stack_args(), *extra, check=check)

    def preview(self, *extra: str, check: bool = True) -> PulumiResult:
        self.init()
        return self.run("preview", *self._stack_args(), *extra, check=check)

    def refresh(self, *extra: str, check: bool = True) -> PulumiResult:
        self.init()
        return self.run("refresh", "--yes", "--skip-preview", *self._stack_args(), *extra, check=check)

    def destroy(self, *extra: str, check: bool = True) -> PulumiResult:
        self.init()
        return self.run("destroy", "--yes", "--skip-preview", *self._stack_args(), *extra, check=check)

    def outputs(self, *, show_secrets: bool = False) -> dict[str, Any]:
        """The stack outputs as JSON values."""
        args = ["stack", "output", "--json", "--stack", self.name]
        if show_secrets:
            args.append("--show-secrets")
        result: dict[str, Any] = self.run(*args).json()
        return result

    def export_state(self) -> dict[str, Any]:
        """``pulumi stack export``: the deployment as stored (secrets stay encrypted)."""
        state: dict[str, Any] = self.run("stack", "export", "--stack", self.name).json()
        return state

    def resources(self, type_token: str | None = None) -> list[dict[str, Any]]:
        """Resources of the exported state, optionally only those of one type token."""
        found: list[dict[str, Any]] = self.export_state()["deployment"].get("resources") or []
        return [r for r in found if type_token is None or r["type"] == type_token]
