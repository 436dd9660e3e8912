"""A seeded crash-and-fault campaign over the every-resource program (tests/e2e/test_crash_campaign.py).

Each round draws, from its own seed (``<campaign seed>-<round>``), one step of the stack's life (create,
update, destroy), a mix of API faults armed on the requests of that step, and a moment to kill the ``pulumi``
CLI (SIGINT, or SIGKILL of the CLI alone) counted in API requests the emulator has received. It runs the step,
kills it there, recovers as the README says (``pulumi cancel``, ``pulumi refresh --clear-pending-creates``,
``AIGATEWAY_ADOPT_EXISTING=true pulumi up`` or ``pulumi destroy``), runs a plain ``pulumi up``, and checks
what must hold after any crash:

- the account holds exactly the declared objects (none missing, duplicated or left over);
- no object was made twice: the objects the emulator made in the round, per kind, are those the same step
  makes when run cleanly (a duplicate made and then cleaned away would not show in the counts above);
- state and account agree (``pulumi preview --refresh --expect-no-changes``);
- no process of the run is left;
- no secret in plain text in the state or in what the CLI printed.

Rounds follow each other on one stack, as a stack lives: the replay of a round runs the campaign up to it.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import CASES, seed_legacy_limit
from tests.harness.processes import descendants, kill_cli_only, survivors_of
from tests.harness.pulumi_cli import PulumiStack
from tests.harness.sweep import SWEEP

__all__ = ["FAULT_KINDS", "Campaign", "Round", "plan"]

PROGRAM = Path(__file__).parent.parent / "e2e" / "programs" / "every_resource"
TIMEOUT_S = 1.5  # the stack's aigateway:requestTimeout
SECRETS = {
    "otelAuthorization": "Bearer otel-crash-campaign-SECRET-8813",
    "datasetModel": "model-crash-campaign-SECRET-8813",
    "stripeKey": "sk_live_crash_campaign_SECRET_8814",
    "providerKey": "sk-crash-campaign-provider-SECRET-0001",
}
# Each kind of fault, as the emulator's fault control arms it (each fires once).
FAULT_KINDS: dict[str, dict[str, Any]] = {
    "5xx": {"status": 503},
    "reset": {"reset_connection": True},
    "lost answer": {"status": 504, "apply_then_fail": True},
    "timeout": {"latency_ms": int(TIMEOUT_S * 2000)},
    "429": {"status": 429, "retry_after": 0.2},
}
_FAULTED_STEP = {"create": "create", "update": "update", "destroy": "delete"}


@dataclass(frozen=True)
class Round:
    """What one round does: drawn from its seed alone."""

    seed: str
    step: str
    generation: int
    """The generation the step deploys (create, update); the one it removes (destroy)."""
    faults: tuple[tuple[str, str, str], ...]
    """(kind, method, path regex) of each armed fault."""
    signal: str
    kill_at: int
    """Kill once the emulator has received this many API requests of the step."""


def plan(seed: str, deployed: int | None, requests_of: dict[str, int]) -> Round:
    """The round of ``seed`` for a stack that has ``deployed`` (a generation, or nothing); ``requests_of``: how
    many API requests each step made when run cleanly (the kill lands within them)."""
    rng = random.Random(seed)
    if deployed is None:
        step, generation = "create", rng.randint(0, 1)
    else:
        step = rng.choice(("update", "update", "destroy"))
        generation = 1 - deployed if step == "update" else deployed
    requests = sorted({r for case in CASES.values() if (r := case.requests[_FAULTED_STEP[step]]) is not None})
    faults = tuple(
        (kind, *rng.choice(requests)) for kind in rng.sample(sorted(FAULT_KINDS), rng.randint(0, 3))
    )
    return Round(
        seed,
        step,
        generation,
        faults,
        rng.choice(("SIGINT", "SIGKILL")),
        rng.randint(1, max(1, requests_of[step])),
    )


def desired_objects(graphs: int, deployments: int) -> dict[str, int]:
    """What the emulator holds with the every-resource program deployed: ``graphs``, the route's versions (one
    per graph it has had: going back to an earlier graph deploys its version again), and its ``deployments``
    (one per graph change)."""
    return {
        "gateway": 1,
        "dataset": 1,
        "evaluation": 1,
        "route": 1,
        "route_version": graphs,
        "route_deployment": deployments,
        "provider_config": 1,
        "secret": 1,
        "custom_provider": 1,
        "custom_provider_cost": 1,
        "custom_domain": 1,
        "spending_limit": 1,
        "topup_config": 1,
    }


@dataclass
class Campaign:
    """One stack of the every-resource program against one emulator, and what it has deployed."""

    stack: PulumiStack
    emulator: EmulatorServer
    work: Path
    deployed: int | None = None
    graphs: set[int] = field(default_factory=set)
    """The generations whose route graph the route has a version of."""
    deployments: int = 0
    requests_of: dict[str, int] = field(default_factory=dict)
    made_by: dict[str, Counter[str]] = field(default_factory=dict)
    """The objects (per kind) each step made when run cleanly."""
    table: list[dict[str, Any]] = field(default_factory=list)

    def configure(self) -> None:
        for key, value in {
            "aigateway:baseUrl": self.emulator.base_url,
            "aigateway:accountId": EMULATOR_ACCOUNT,
            "aigateway:requestTimeout": str(TIMEOUT_S),
            "prefix": "crash",
        }.items():
            self.stack.set_config(key, value)
        for key, value in {"aigateway:apiToken": EMULATOR_TOKEN, **SECRETS}.items():
            self.stack.set_config(key, value, secret=True)

    def _requests(self) -> list[dict[str, Any]]:
        return [e for e in self.emulator.requests_made() if "/ai-gateway" in e["path"]]

    def _made(self) -> Counter[str]:
        """Objects the emulator has made per kind (deleted ones included)."""
        return Counter(self.emulator.control("GET", "/objects")["made"])

    def reference(self) -> None:
        """Each step once without faults or kills: how many requests it makes and which objects it creates."""
        for step, generation in (("create", 0), ("update", 1), ("destroy", 1)):
            self.emulator.control("DELETE", "/requests")
            self._prepare(step)
            before = self._made()
            self._command(step, generation, adopt=False)
            self.requests_of[step], self.made_by[step] = len(self._requests()), self._made() - before
            self._deployed_after(step, generation)
        self.check()

    def _prepare(self, step: str) -> None:
        """Give the account its legacy spending limit before a create (the program adopts it; the API makes
        none), outside what the round counts as made."""
        if step == "create":
            seed_legacy_limit(self.emulator.base_url, EMULATOR_ACCOUNT)

    def _deployed_after(self, step: str, generation: int) -> None:
        if step == "destroy":
            self.deployed, self.graphs, self.deployments = None, set(), 0
        else:
            self.deployments += 1 if step == "create" or generation != self.deployed else 0
            self.graphs.add(generation)
            self.deployed = generation

    def _expected_creates(self, step: str, generation: int) -> Counter[str]:
        """What a clean run of ``step`` creates: as measured, but a graph the route had before is deployed from
        its version again, not stored once more."""
        expected = Counter(self.made_by[step])
        if step == "update" and generation in self.graphs:
            expected.subtract(["route_version"])
        return +expected

    def _command(self, step: str, generation: int, *, adopt: bool) -> None:
        if step == "destroy":
            self.stack.destroy()
            return
        self.stack.set_config("generation", str(generation))
        if adopt:
            self.stack.env["AIGATEWAY_ADOPT_EXISTING"] = "true"
        try:
            self.stack.up()
        finally:
            self.stack.env.pop("AIGATEWAY_ADOPT_EXISTING", None)

    def run(self, round_: Round) -> dict[str, Any]:
        """The round: its step, faulted and killed; the recovery; the checks. Returns its row of the table."""
        self.emulator.control("DELETE", "/faults")
        self.emulator.control("DELETE", "/requests")
        self._prepare(round_.step)
        expected, before = self._expected_creates(round_.step, round_.generation), self._made()
        fired_before = self.emulator.control("GET", "/faults")["fired"]
        for kind, method, path in round_.faults:
            self.emulator.control(
                "POST", "/faults", json={"method": method, "path": path, **FAULT_KINDS[kind]}
            )
        if round_.step != "destroy":
            self.stack.set_config("generation", str(round_.generation))
        args = ("destroy",) if round_.step == "destroy" else ("up",)
        log = self.work / f"round-{round_.seed}.log"
        with log.open("w") as output:
            running = self.stack.start(*args, "--yes", "--skip-preview", output=output)
            killed, survivors = self._kill_at(running, round_)
        SWEEP.record(f"pulumi {args[0]} (round {round_.seed})", log.read_text())
        assert survivors == {}, f"still running after the CLI was killed: {survivors}"
        fired = self.emulator.control("GET", "/faults")["fired"] - fired_before
        self.emulator.control("DELETE", "/faults")
        self.emulator.settle()  # what was in flight at the kill has landed

        # Recovery, as the README says.
        restored = self._restore_checkpoint()
        self.stack.run("cancel", "--yes", "--stack", self.stack.name, check=False)  # a dead run's lock
        self.stack.refresh("--clear-pending-creates")
        self._command(round_.step, round_.generation, adopt=True)
        self._deployed_after(round_.step, round_.generation)
        if self.deployed is not None:
            self.stack.up()  # a plain up after the recovery: nothing left to do
        made = self._made() - before
        assert made == expected, (
            f"objects made in this round {dict(made)} differ from a clean {round_.step}'s {dict(expected)}: an "
            "object was made twice, or not at all"
        )
        self.check()
        row = {
            "round": round_.seed,
            "step": round_.step,
            "faults": ", ".join(kind for kind, *_ in round_.faults) or "none",
            "fired": fired,
            "kill": f"{round_.signal} at request {round_.kill_at}" if killed else "finished first",
            "checkpoint": "restored from .bak" if restored else "readable",
        }
        self.table.append(row)
        return row

    def _restore_checkpoint(self) -> bool:
        """Put the file backend's last checkpoint back when the kill left none readable.

        The backend keeps the previous checkpoint as ``<stack>.json.bak`` and writes the next one with a sidecar
        of its metadata (``<stack>.json.attrs``) that is not replaced atomically: a CLI killed while it saves
        leaves one of them empty, and every command then fails with ``failed to load checkpoint: EOF``
        (pulumi/pulumi#2801, #4679 are the same class). The README's recovery copies the backup and its sidecar
        back; what the backup lacks (the last step's record) the adopting ``up`` takes over."""
        probe = self.stack.run("stack", "export", "--stack", self.stack.name, check=False)
        if probe.returncode == 0:
            return False
        assert "failed to load checkpoint" in probe.output, probe.output
        [checkpoint] = (self.stack.work_dir / "backend").rglob(f"{self.stack.name}.json.bak")
        for kept in (checkpoint, checkpoint.with_name(checkpoint.name + ".attrs")):
            shutil.copyfile(kept, kept.with_name(kept.name.replace(".json.bak", ".json")))
        return True

    def _kill_at(self, running: Any, round_: Round) -> tuple[bool, dict[int, str]]:
        """Kill the CLI once the emulator has received ``kill_at`` requests; (whether it was killed, what is still
        running after it)."""
        deadline = time.monotonic() + 300
        while len(self._requests()) < round_.kill_at:
            if running.poll() is not None:
                return False, {}
            assert time.monotonic() < deadline, "the step neither ended nor reached its kill point"
            time.sleep(0.02)
        if round_.signal == "SIGKILL":
            survivors = kill_cli_only(running.pid, wait_s=30)
            running.wait(timeout=30)
            return True, survivors
        below = descendants(running.pid)
        with contextlib.suppress(ProcessLookupError):
            os.kill(running.pid, signal.SIGINT)  # Ctrl-C: the engine cancels, finishing what is in flight
        try:
            running.wait(timeout=120)
        except subprocess.TimeoutExpired:  # a CLI that ignores Ctrl-C is a finding: collect it and say so
            return True, kill_cli_only(running.pid, wait_s=5) | {running.pid: "pulumi ignored SIGINT"}
        return True, survivors_of(below, wait_s=30)

    def check(self) -> None:
        """What must hold after any round: exactly the declared objects, state and account in agreement, no
        secret in the state."""
        held = {k: n for k, n in self.emulator.control("GET", "/objects")["result"].items() if n}
        if self.deployed is None:
            assert held == {}, f"left after destroy: {held}"
            assert [r for r in self.stack.resources() if "/aigateway:" in r["type"]] == []
        else:
            assert held == desired_objects(len(self.graphs), self.deployments), held
            state = {
                r["type"].rsplit(":", 1)[-1] for r in self.stack.resources() if "/aigateway:" in r["type"]
            }
            assert state == {case.spec.resource for case in CASES.values()}
            self.stack.preview("--refresh", "--expect-no-changes")
        exported = json.dumps(self.stack.export_state())
        leaked = [name for name, value in SECRETS.items() if value in exported]
        assert not leaked and EMULATOR_TOKEN not in exported, f"in plain text in the state: {leaked}"
