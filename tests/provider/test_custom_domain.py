"""Custom domains (pulumi_ai_gateway/custom_domain.py): timestamps, refresh, and waiting until active."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from pulumi_ai_gateway import AIGatewayClient, Settings
from pulumi_ai_gateway.custom_domain import CustomDomainProvider
from pulumi_ai_gateway.errors import NotActiveError, NotFoundError
from tests.conftest import EMULATOR_ACCOUNT
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import CASES, Parent
from tests.provider.conftest import PARENT

CASE = CASES["custom_domain"]


def _decide(emulator: EmulatorServer, hostname: str, status: str = "active") -> None:
    """What Cloudflare does once the hostname's proxied CNAME exists (or what it decided instead)."""
    body = {"account_id": EMULATOR_ACCOUNT, "gateway_id": PARENT, "hostname": hostname, "status": status}
    emulator.control("POST", "/custom-domains/dcv", json=body)


@pytest.fixture
def decide_once_created(emulator: EmulatorServer) -> Iterator[list[str]]:
    """Marks the domain as validated as soon as it exists (in a thread, as the world would while we wait)."""
    statuses: list[str] = ["active"]
    stop = threading.Event()

    def run() -> None:
        client = AIGatewayClient(Settings.resolve())
        for _ in range(200):  # bounded: 20 s
            if stop.wait(0.1):
                return
            domains = list(client.custom_domains.list(PARENT))
            if domains:
                _decide(emulator, domains[0].hostname, statuses[0])
                return

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield statuses
    stop.set()
    thread.join(5)


def _inputs(parent: Parent, **extra: Any) -> dict[str, Any]:
    return {**CASE.inputs(parent), **extra}


def test_a_custom_domain_reads_as_the_others_do(parent: Parent, emulator: EmulatorServer) -> None:
    provider = CustomDomainProvider()
    created = provider.create(CASE.inputs(parent))
    outs = created.outs or {}
    # Epoch milliseconds become ISO strings; the CNAME target only create answers, and minTLS, which no
    # answer carries, stay through a refresh.
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", outs["created_at"]), outs["created_at"]
    read = provider.read(created.id, outs).outs or {}
    assert read["cname_target"] == outs["cname_target"] and read["min_tls"] == "1.2"
    assert (outs["status"], read["status"]) == ("initializing", "pending_dcv")
    _decide(emulator, created.id)
    assert (provider.read(created.id, read).outs or {})["status"] == "active"
    # The same hostname cannot exist twice: a replacement keeping it deletes first, a new hostname does not.
    assert provider.diff(created.id, read, {**CASE.inputs(parent), "zone_id": "other"}).delete_before_replace
    assert not provider.diff(created.id, read, {**CASE.inputs(parent), **CASE.change()}).delete_before_replace


def test_create_waits_until_the_domain_is_active(
    parent: Parent, decide_once_created: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    provider = CustomDomainProvider()
    created = provider.create(_inputs(parent, wait_until_active=True, active_timeout=30))
    outs = created.outs or {}
    assert outs["status"] == "active"
    assert outs["cname_target"], "the target only create answers is kept through the wait"
    # The progress shows in the engine's output (the provider process's stderr), naming the record to make.
    progress = capsys.readouterr().err
    assert f"custom domain {created.id!r} of gateway {PARENT!r} is 'pending_dcv'; waiting up to" in progress
    assert f"a proxied CNAME record {created.id} -> {outs['cname_target']}" in progress


def test_a_create_that_times_out_fails_with_the_record_to_make_and_leaves_nothing(parent: Parent) -> None:
    provider, inputs = CustomDomainProvider(), _inputs(parent, wait_until_active=True, active_timeout=2)
    started = time.monotonic()
    with pytest.raises(NotActiveError) as failure:
        provider.create(inputs)
    assert time.monotonic() - started < 10, "the wait is bounded by active_timeout"
    message = str(failure.value)
    assert "is 'pending_dcv' and did not become active within active_timeout=2 s" in message
    assert re.search(
        r"a proxied CNAME record \S+ -> contract-parent\.\S+\.gateway\.ai\.cloudflare\.com", message
    )
    assert "removed again" in message
    # The engine records nothing of a failed create: the domain is gone, so the next `pulumi up` can make it.
    with pytest.raises(NotFoundError):
        AIGatewayClient(Settings.resolve()).custom_domains.get(PARENT, inputs["domain"])
    assert provider.create(CASE.inputs(parent)).id == inputs["domain"]


def test_a_blocked_domain_fails_at_once(parent: Parent, decide_once_created: list[str]) -> None:
    decide_once_created[0] = "blocked"
    started = time.monotonic()
    with pytest.raises(NotActiveError, match="is 'blocked' and cannot become active as it is"):
        CustomDomainProvider().create(_inputs(parent, wait_until_active=True, active_timeout=600))
    assert time.monotonic() - started < 30, "no waiting for a status that waiting does not change"


def test_turning_waiting_on_for_a_domain_in_the_state_waits_in_place_and_keeps_it(
    parent: Parent, emulator: EmulatorServer
) -> None:
    provider = CustomDomainProvider()
    created = provider.create(CASE.inputs(parent))
    outs = created.outs or {}
    news = _inputs(parent, wait_until_active=True, active_timeout=1)
    diff = provider.diff(created.id, outs, news)
    assert diff.changes is True and diff.replaces == []
    with pytest.raises(NotActiveError, match="did not become active") as failure:
        provider.update(created.id, outs, news)
    assert "removed again" not in str(failure.value)
    client = AIGatewayClient(Settings.resolve())
    assert client.custom_domains.get(PARENT, created.id).status == "pending_dcv", (
        "it stays: it is in the state"
    )
    _decide(emulator, created.id)
    updated = provider.update(created.id, outs, news).outs or {}
    assert (updated["status"], updated["cname_target"]) == ("active", outs["cname_target"])
