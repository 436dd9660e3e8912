"""Bad input under the engine: ``pulumi preview`` reports each mistake once, in plain words, and calls no API."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer

pytestmark = pytest.mark.e2e

PROGRAM = Path(__file__).parent / "programs" / "bad_inputs"


EXPECTED = {
    "settings": [
        "property cache_ttl value {300} has a problem: Input should be a valid integer",
        "has a problem: dlp.action: Input should be 'FLAG' or 'BLOCK' (given: 'BLOK')",
    ],
    "graph": [
        "has a problem: elements[0].outputs.next: leads to 'nowhere', which is not an element of this route"
    ],
    "import": [
        "Gateway 'gateway': the import_ option cannot work for dynamic resources (pulumi/pulumi#16175); to take "
        "over an existing object, set adopt_existing=True instead"
    ],
}


@pytest.mark.parametrize("mistake", sorted(EXPECTED))
def test_preview_reports_every_mistake_plainly(
    mistake: str, pulumi_stack: StackFactory, emulator: EmulatorServer
) -> None:
    emulator.control("POST", "/reset")
    emulator.control("DELETE", "/requests")
    stack = pulumi_stack(
        PROGRAM,
        config={
            "aigateway:baseUrl": emulator.base_url,
            "aigateway:accountId": EMULATOR_ACCOUNT,
            "mistake": mistake,
        },
        secrets={"aigateway:apiToken": EMULATOR_TOKEN},
    )
    preview = stack.preview(check=False)
    assert preview.returncode != 0
    out = preview.output
    for line in EXPECTED[mistake]:
        assert line in out, out
    errors = {line.strip() for line in out.splitlines() if line.strip().startswith("error:")}
    errors.discard("error: an unhandled error occurred: Program exited with non-zero exit code: 1")
    assert len(errors) == len(EXPECTED[mistake]), errors  # one error per mistake
    for noise in ("DlpSimple", "DlpPolicySet", "<nil>", "map[", "Traceback"):
        assert noise not in out, noise
    assert emulator.requests_made() == []
