"""The emulator as a real server on a loopback port, for tests that need HTTP (engine runs, faults, restarts)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from tests.harness.sweep import SWEEP

if TYPE_CHECKING:
    from pulumi_ai_gateway import AIGatewayClient

__all__ = ["EmulatorServer", "free_port"]

_READY_TIMEOUT_S = 15.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class EmulatorServer:
    """``aigw-emulator serve`` in a subprocess; ``start()`` returns once it answers."""

    log_path: Path
    state: Path | None = None
    api_token: str | None = None
    evaluation_delay: float = 3600.0
    port: int = field(default_factory=free_port)
    script: Path | None = None
    """The ``aigw-emulator`` console script to run (default: the one beside this interpreter)."""
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """What a client's ``CLOUDFLARE_BASE_URL`` should be."""
        return f"{self.root}/client/v4"

    @property
    def pid(self) -> int:
        """The server's process id (it must be running)."""
        assert self._process is not None, "the emulator is not running"
        return self._process.pid

    def start(self) -> float:
        """Start and wait until ready; returns the seconds it took."""
        # The console script the package installs next to this interpreter: proves the entry point too.
        script = str(self.script or Path(sys.executable).parent / "aigw-emulator")
        args = [script, "serve", "--port", str(self.port),
                "--evaluation-delay", str(self.evaluation_delay)]  # fmt: skip
        if self.state is not None:
            args += ["--state", str(self.state)]
        if self.api_token is not None:
            args += ["--api-token", self.api_token]
        started = time.monotonic()
        SWEEP.watch(self.log_path)
        if self.api_token is not None:
            SWEEP.secret(self.api_token)
        log = self.log_path.open("ab")
        self._process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = started + _READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"emulator exited with {self._process.returncode}: {self.log_path.read_text()}"
                )
            try:
                if httpx.get(f"{self.root}/__emulator/health", timeout=0.5).status_code == 200:
                    return time.monotonic() - started
            except httpx.TransportError:
                time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"emulator not ready after {_READY_TIMEOUT_S}s: {self.log_path.read_text()}")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        self._process = None

    def control(self, method: str, path: str, **kwargs: Any) -> Any:
        """Call the control API (``/__emulator/...``) and return its JSON."""
        response = httpx.request(method, f"{self.root}/__emulator{path}", timeout=10, **kwargs)
        response.raise_for_status()
        return response.json()

    def client(self, account_id: str, api_token: str) -> AIGatewayClient:
        """The project's typed client, pointed at this emulator (nothing read from the environment)."""
        from pulumi_ai_gateway import AIGatewayClient, Settings

        return AIGatewayClient(
            Settings.resolve(account_id=account_id, api_token=api_token, base_url=self.base_url, environ={})
        )

    def settle(self, timeout_s: float = 15.0) -> None:
        """Wait until every request a fault met has been carried out (a slow one outlives the client that
        gave up on it): after this, nothing more lands from what the test did."""
        deadline = time.monotonic() + timeout_s
        while self.control("GET", "/faults")["in_flight"] > 0:
            if time.monotonic() > deadline:
                raise AssertionError(f"faulted requests still in flight after {timeout_s}s")
            time.sleep(0.02)

    def requests_made(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = self.control("GET", "/requests")["result"]
        return entries
