"""How our processes end: the dynamic-provider process with the engine that started it, and every process
without a last garbage collection over what it loaded.

Pulumi starts a dynamic provider as ``python -m pulumi.dynamic <engine address>`` and that process then waits
forever: when the CLI is killed (Ctrl-C twice, a cancelled CI runner, an OOM kill) nothing tells it, and it
stays, re-parented, for good. Once one of our providers is configured in such a process, a daemon thread checks
the engine's address and ends the process when the engine no longer accepts connections.
"""

from __future__ import annotations

import gc
import os
import re
import socket
import sys
import threading
import time

__all__ = ["keep_until_exit", "watch_engine"]

CHECK_EVERY_S = 2.0
_MISSES = 2  # consecutive refused checks before the engine counts as gone (a restart never happens)
_ADDRESS = re.compile(r"^(?P<host>[\w.\-]+|\[[0-9a-fA-F:]+\]):(?P<port>\d{1,5})$")
_STARTED = threading.Event()


def engine_address(argv: list[str]) -> tuple[str, int] | None:
    """The engine's address among the arguments of a ``pulumi.dynamic`` process (its last ``host:port``)."""
    if not argv or not argv[0].replace(os.sep, "/").endswith("pulumi/dynamic/__main__.py"):
        return None  # not a dynamic-provider process (a program, a test)
    for arg in reversed(argv[1:]):
        if match := _ADDRESS.match(arg):
            return match["host"].strip("[]"), int(match["port"])
    return None


def watch_engine(argv: list[str] | None = None) -> bool:
    """In a dynamic-provider process, start (once) the thread that exits when the engine is gone."""
    address = engine_address(sys.argv if argv is None else argv)
    if address is None or _STARTED.is_set():
        return False
    _STARTED.set()
    threading.Thread(target=_watch, args=(address,), name="aigateway-engine-watch", daemon=True).start()
    return True


def _reachable(address: tuple[str, int]) -> bool:
    try:
        socket.create_connection(address, timeout=CHECK_EVERY_S).close()
    except OSError:
        return False
    return True


def _watch(address: tuple[str, int]) -> None:
    misses = 0
    while True:
        time.sleep(CHECK_EVERY_S)
        misses = 0 if _reachable(address) else misses + 1
        if misses >= _MISSES:
            # Nobody is left to answer: end now, without waiting for the gRPC server's threads.
            os._exit(1)


def keep_until_exit() -> None:
    """Take what the process holds now (modules, classes, pydantic schemas: kept until the end anyway) out of the
    garbage collector's sight.

    The engine waits for a program or provider process to exit, and an exiting interpreter collects every object
    it tracks once more: with pydantic, httpx and our models loaded, that last collection cost ~40 ms per process
    here, paid by every ``preview`` and twice by every ``up``. Frozen objects are still freed by reference
    counting; only cyclic garbage among them would stay, and these live until the process exits.
    Moving them is cheap (a list splice), so calling it again when more is loaded is fine.
    """
    gc.freeze()
