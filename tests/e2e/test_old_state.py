"""State written by an earlier release, run with this code: refresh, update and destroy, nothing replaced.

Dynamic providers are pickled into every user's state by module path and class name, and the state holds the
inputs and outputs as that release wrote them. ``tests/fixtures/state_<rev>/`` holds a stack exported after
``pulumi up`` of the every-resource program at commit ``rev`` (made by ``tests/fixtures/make_old_state.py``),
with its config file and the emulator's database at that moment.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EMULATOR_ACCOUNT
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import seed_legacy_limit
from tests.harness.pulumi_cli import PulumiStack
from tests.harness.sweep import SWEEP

pytestmark = pytest.mark.e2e

FIXTURE = Path(__file__).parent.parent / "fixtures" / "state_8464f68"
PROGRAM = Path(__file__).parent / "programs" / "every_resource"
# Where the fixture says the API is; the test puts in the address of its emulator (the state's default provider
# keeps the config of the last `up`, which is what a refresh uses).
EMULATOR_URL = "http://127.0.0.1:1/client/v4"
# The secrets the fixture's stack was made with (kept encrypted in its config file and state).
SECRETS = {
    "otelAuthorization": "Bearer otel-old-state-SECRET-1201",
    "stripeKey": "sk_live_old_state_SECRET_1202",
    "providerKey": "sk-old-state-provider-SECRET-1203",
}


def test_state_from_an_earlier_release_refreshes_updates_and_destroys(tmp_path: Path) -> None:
    database = tmp_path / "emulator.db"
    shutil.copy(FIXTURE / "emulator.db", database)
    emulator = EmulatorServer(tmp_path / "emulator.log", state=database)
    emulator.start()
    try:
        text = (FIXTURE / "deployment.json").read_text().replace(EMULATOR_URL, emulator.base_url)
        (tmp_path / "deployment.json").write_text(text)
        deployment = json.loads(text)
        resources = deployment["deployment"]["resources"]
        name = resources[0]["urn"].split("::")[0].removeprefix("urn:pulumi:")
        before = {r["urn"]: r.get("id") for r in resources}
        stack = PulumiStack(PROGRAM, tmp_path / "work", name=name)
        stack.init()
        # Its passphrase salt and secrets:
        stack.config_file.write_text(
            (FIXTURE / "stack.yaml").read_text().replace(EMULATOR_URL, emulator.base_url)
        )
        stack.set_config("prefix", "old-state")
        stack.set_config("datasetModel", "model-old-state-SECRET-1204", secret=True)  # new in this program
        for value in SECRETS.values():
            SWEEP.secret(value)  # set in the fixture's config file, not through set_config
        stack.run("stack", "import", "--stack", name, "--file", str(tmp_path / "deployment.json"))

        stack.refresh()
        steps = stack.preview("--json").json()["steps"]
        # The evaluation previews as a replacement: its dataset_ids come from the dataset, whose update this
        # program makes, and the engine does not know a dynamic resource's outputs before the update. The up
        # below replaces nothing (every id stays).
        # The custom provider, its cost, the custom domain and the billing objects are new in this program (and
        # in this release).
        ops = {s["urn"].rsplit("::", 1)[1]: s["op"] for s in steps if "Evaluation" not in s["urn"]}
        new = ("upstream", "cost", "domain", "legacy-limit", "topup")
        assert [ops.pop(name) for name in new] == ["create"] * len(new)
        assert set(ops.values()) <= {"same", "update"}, ops
        seed_legacy_limit(emulator.base_url, EMULATOR_ACCOUNT)  # what the new SpendingLimit adopts
        stack.up()  # the dataset gains the filter this program added: an update in place
        after = {r["urn"]: r.get("id") for r in stack.resources()}
        assert {
            urn: id_ for urn, id_ in after.items() if not urn.endswith(tuple(f"::{name}" for name in new))
        } == before
        for resource in stack.resources("pulumi-python:dynamic/aigateway:Gateway"):
            assert resource["outputs"]["account_id"] == EMULATOR_ACCOUNT  # recorded now
        stack.preview("--expect-no-changes")

        stack.set_config("generation", "1")
        stack.up()
        stack.destroy()
        assert not {kind: n for kind, n in emulator.control("GET", "/objects")["result"].items() if n}
    finally:
        emulator.stop()
