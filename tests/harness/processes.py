"""Processes the suite started: each inherits a marker in its environment, so one that outlives its run, even
re-parented after its parent died, can be found at the end of the session."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

__all__ = ["MARKER", "descendants", "kill_cli_only", "leftovers", "survivors_of"]

MARKER = "AIGW_TEST_SESSION"
os.environ.setdefault(MARKER, str(os.getpid()))  # inherited by every process the suite starts


def _command(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    return "?"


def leftovers() -> dict[int, str]:
    """Live processes carrying this session's marker, but this process itself: pid -> command line."""
    mark = f"{MARKER}={os.environ[MARKER]}".encode()
    found = {}
    for environ in Path("/proc").glob("[0-9]*/environ"):
        pid = int(environ.parent.name)
        if pid == os.getpid():
            continue
        with contextlib.suppress(OSError):
            if mark in environ.read_bytes().split(b"\0") and _alive(pid):
                found[pid] = _command(pid)
    return found


def _alive(pid: int) -> bool:
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"  # a zombie has ended; only its parent has not collected it yet
    return False


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid``, from the parent links in /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        below = children.get(todo.pop(), [])
        found += below
        todo += below
    return found


def kill_cli_only(pid: int, wait_s: float) -> dict[int, str]:
    """SIGKILL the process ``pid`` alone (a CLI killed by an OOM killer or a cancelled runner) and wait up to
    ``wait_s`` for everything it had started to end by itself. Returns the processes still alive then (and kills
    them, so a failing check leaves nothing behind)."""
    below = descendants(pid)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    return survivors_of(below, wait_s)


def survivors_of(pids: list[int], wait_s: float) -> dict[int, str]:
    """Wait up to ``wait_s`` for ``pids`` to end; returns those still alive then (and kills them, so a failing
    check leaves nothing behind)."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.2)
    survivors = {p: _command(p) for p in pids if _alive(p)}
    for p in survivors:
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, signal.SIGKILL)
    return survivors
