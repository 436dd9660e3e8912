"""Crash anywhere, lose nothing: a seeded campaign of faults and kills under the real engine (see
``tests/harness/campaign.py`` for what each round does and checks).

``make test`` runs 20 rounds; ``make soak`` 200. The seed is printed; a failing round names the command that
replays the campaign up to it (``AIGW_CRASH_SEED``, ``AIGW_CRASH_ROUNDS``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest

from tests.conftest import StackFactory
from tests.harness.campaign import PROGRAM, Campaign, plan
from tests.harness.emulator import EmulatorServer

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(3600)]

ROUNDS = int(os.environ.get("AIGW_CRASH_ROUNDS", "20"))
SEED = os.environ.get("AIGW_CRASH_SEED") or secrets.token_hex(4)


def test_crash_campaign(pulumi_stack: StackFactory, emulator: EmulatorServer, tmp_path: Path) -> None:
    print(f"\ncrash campaign: seed {SEED}, {ROUNDS} rounds")
    emulator.control("POST", "/reset")
    campaign = Campaign(pulumi_stack(PROGRAM), emulator, tmp_path)
    campaign.configure()
    campaign.reference()
    print(f"requests of a clean step: {campaign.requests_of}")
    for number in range(ROUNDS):
        round_ = plan(f"{SEED}-{number}", campaign.deployed, campaign.requests_of)
        try:
            row = campaign.run(round_)
        except BaseException:
            print(
                f"round {round_.seed} failed: {round_}\nreplay: AIGW_CRASH_SEED={SEED} "
                f"AIGW_CRASH_ROUNDS={number + 1} .venv/bin/python -m pytest -s tests/e2e/test_crash_campaign.py"
            )
            raise
        print(" | ".join(str(value) for value in row.values()))
    if campaign.deployed is not None:
        campaign.stack.destroy()
    kills = sum(1 for row in campaign.table if row["kill"] != "finished first")
    print(f"crash campaign {SEED}: {ROUNDS} rounds, {kills} killed mid-step, all recovered")
    assert kills > 0 or ROUNDS < 5  # the kill points fall within the steps' requests
