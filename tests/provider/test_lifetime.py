"""The dynamic-provider process ends with its engine (pulumi_ai_gateway/_lifetime.py)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

from pulumi_ai_gateway._lifetime import CHECK_EVERY_S, engine_address

DYNAMIC_MAIN = "/venv/lib/python3.11/site-packages/pulumi/dynamic/__main__.py"


def test_the_engine_address_is_the_last_host_port_of_a_dynamic_provider_process() -> None:
    assert engine_address([DYNAMIC_MAIN, "127.0.0.1:40123"]) == ("127.0.0.1", 40123)
    assert engine_address([DYNAMIC_MAIN, "--logtostderr", "-v=9", "localhost:7"]) == ("localhost", 7)
    assert engine_address([DYNAMIC_MAIN, "[::1]:5000"]) == ("::1", 5000)
    assert engine_address([DYNAMIC_MAIN]) is None
    assert engine_address(["__main__.py", "127.0.0.1:40123"]) is None, "a program is not watched"
    assert engine_address([]) is None


def test_a_provider_process_exits_once_its_engine_is_gone(tmp_path: Path) -> None:
    engine = socket.create_server(("127.0.0.1", 0))
    port = engine.getsockname()[1]
    # A process that looks like `python -m pulumi.dynamic <engine>` to the watch, and would wait forever.
    main = tmp_path / "pulumi" / "dynamic" / "__main__.py"
    main.parent.mkdir(parents=True)
    main.write_text(
        "import time\nfrom pulumi_ai_gateway._lifetime import watch_engine\n"
        "assert watch_engine() and not watch_engine()  # started once\nprint('watching', flush=True)\ntime.sleep(120)\n"
    )
    process = subprocess.Popen(
        [sys.executable, str(main), f"127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "watching"
        time.sleep(3 * CHECK_EVERY_S)
        assert process.poll() is None, "the engine still answers: the process stays"
        engine.close()  # the engine dies
        assert process.wait(timeout=6 * CHECK_EVERY_S) == 1
    finally:
        process.kill()
        engine.close()


def _frozen_after(code: str) -> int:
    """How many objects the garbage collector has frozen after ``code`` runs in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", f"import gc\n{code}\nprint(gc.get_freeze_count())"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return int(done.stdout.split()[-1])


def test_a_program_or_provider_process_keeps_what_it_loaded_out_of_the_last_collection() -> None:
    # A program loading a resource, and the provider host unpickling a provider, freeze what they loaded: the
    # interpreter's exit then skips collecting it (section 0 of `make bench`: exit after import / load).
    assert _frozen_after("import pulumi_ai_gateway as aig\naig.Gateway") > 10_000
    provider_host = (
        "import types, sys; from pulumi_ai_gateway.dataset import DatasetProvider\n"
        "assert 'pulumi_ai_gateway._inputs' not in sys.modules  # the resource classes are the program's\n"
        "DatasetProvider().configure(types.SimpleNamespace(config={}))"
    )
    assert _frozen_after(provider_host) > 10_000
    # A script that only uses the typed client may run for long: nothing of it is frozen.
    assert _frozen_after("import pulumi_ai_gateway.client") == 0
