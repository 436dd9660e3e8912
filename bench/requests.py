"""API requests per operation: what each lifecycle step of each resource sends, against the API's minimum.

The dynamic providers are called directly (exactly what the engine calls) against the emulator; the emulator's
request log is the count. The quickstart's no-change `up` and `preview` go through the real engine.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from unittest import mock

from bench.engine import quickstart_stack
from pulumi_ai_gateway.client import AIGatewayClient
from pulumi_ai_gateway.settings import Settings
from tests.harness.emulator import EmulatorServer
from tests.harness.objects import CASES, create_parent

ACCOUNT = "bench-account"
TOKEN = "bench-token-0123456789"
PARENT = "bench-parent"

# step -> (the API's minimum, why ours may differ). The minimum is what the API's operations allow for the
# step with nothing known beyond the stored state.
MINIMUM: dict[tuple[str, str], tuple[int, str]] = {
    ("gateway", "create"): (1, ""),
    ("gateway", "update one field"): (1, ""),
    ("gateway", "turn authentication on"): (1, ""),
    ("gateway", "refresh"): (1, ""),
    ("gateway", "delete"): (1, ""),
    ("dataset", "create"): (1, "a name lookup first: the API does not keep dataset names unique"),
    ("dataset", "update one field"): (1, ""),
    ("dataset", "clear the filters"): (1, ""),
    ("dataset", "refresh"): (1, ""),
    ("dataset", "delete"): (1, ""),
    ("evaluation", "create"): (1, "a name lookup first: the API does not keep evaluation names unique"),
    ("evaluation", "replace (any change)"): (2, "create (with its name lookup) + delete: no update exists"),
    ("evaluation", "refresh"): (1, ""),
    ("evaluation", "delete"): (1, ""),
    ("dynamic_route", "create"): (1, ""),
    ("dynamic_route", "rename"): (1, ""),
    ("dynamic_route", "graph change"): (2, "version POST + deployment POST"),
    ("dynamic_route", "refresh"): (1, ""),
    ("dynamic_route", "delete"): (1, ""),
    ("provider_config", "create"): (1, ""),
    ("provider_config", "secret rotation"): (1, ""),
    ("provider_config", "refresh"): (1, "no GET by id: one page of the list"),
    ("provider_config", "delete"): (1, ""),
    ("custom_provider", "create"): (1, ""),
    ("custom_provider", "update one field"): (1, ""),
    ("custom_provider", "rotate the headers"): (1, ""),
    ("custom_provider", "refresh"): (1, ""),
    ("custom_provider", "delete"): (1, ""),
    ("custom_provider_cost", "create"): (1, "a lookup first: the API keeps nothing about a cost unique"),
    ("custom_provider_cost", "update one field"): (1, ""),
    ("custom_provider_cost", "reprice the tokens"): (1, ""),
    ("custom_provider_cost", "refresh"): (1, ""),
    ("custom_provider_cost", "delete"): (1, ""),
    ("custom_domain", "create"): (1, ""),
    ("custom_domain", "replace (any change)"): (2, "create + delete: no update exists"),
    ("custom_domain", "refresh"): (1, ""),
    ("custom_domain", "delete"): (1, ""),
    ("spending_limit", "create"): (2, "adoption: look, then read what it takes over; nothing written"),
    ("spending_limit", "refresh"): (1, ""),
    ("spending_limit", "delete"): (1, ""),
    ("topup_config", "create"): (2, "look first: a POST would overwrite one set outside the program"),
    ("topup_config", "update one field"): (1, ""),
    ("topup_config", "lower the threshold"): (1, ""),
    ("topup_config", "refresh"): (1, ""),
    ("topup_config", "delete"): (1, ""),
}


def _environment(emulator: EmulatorServer) -> Any:
    """The environment the dynamic providers read their settings from, pointed at ``emulator``."""
    return mock.patch.dict(
        os.environ,
        {
            "CLOUDFLARE_API_TOKEN": TOKEN,
            "CLOUDFLARE_ACCOUNT_ID": ACCOUNT,
            "CLOUDFLARE_BASE_URL": emulator.base_url,
        },
    )


def _counted(emulator: EmulatorServer, step: Callable[[], Any]) -> tuple[Any, Counter[str], float]:
    """What ``step`` returned, the API requests it made by method, and its milliseconds."""
    emulator.control("DELETE", "/requests")
    started = time.perf_counter()
    result = step()
    elapsed_ms = (time.perf_counter() - started) * 1000
    return result, Counter(entry["method"] for entry in emulator.requests_made()), elapsed_ms


def per_step(emulator: EmulatorServer) -> list[dict[str, Any]]:
    """Requests per lifecycle step per resource, as rows of the results table."""
    emulator.control("POST", "/reset")
    measured: dict[tuple[str, str], tuple[Counter[str], float]] = {}
    with _environment(emulator):
        parent = create_parent(AIGatewayClient(Settings.resolve()), PARENT)
        for case in CASES.values():
            kind, provider, inputs = case.name, case.provider(), case.inputs(parent)

            def measure(name: str, step: Callable[[], Any], kind: str = kind) -> Any:
                result, counts, elapsed_ms = _counted(emulator, step)
                measured[(kind, name)] = (counts, elapsed_ms)
                return result

            created = measure("create", partial(provider.create, inputs))
            outs = created.outs
            for step, change in case.changes.items():
                news = {**inputs, **change}
                if provider.diff(created.id, outs, news).replaces:
                    created = measure(step, partial(_replace, provider, created.id, outs, news))
                    outs = created.outs
                else:
                    outs = measure(step, partial(provider.update, created.id, outs, news)).outs
                inputs = news
            measure("refresh", partial(provider.read, created.id, outs))
            measure("delete", partial(provider.delete, created.id, outs))
    rows = []
    for (kind, step), (counts, elapsed_ms) in measured.items():
        minimum, why = MINIMUM[(kind, step)]
        total = sum(counts.values())
        rows.append(
            {
                "resource": kind,
                "step": step,
                "requests": total,
                "by_method": dict(sorted(counts.items())),
                "minimum": minimum,
                "excess": total - minimum,
                "why": why,
                "ms": elapsed_ms,
            }
        )
    return rows


def _replace(provider: Any, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> Any:
    """What the engine does for a create-before-delete replacement."""
    created = provider.create(news)
    provider.delete(id_, olds)
    return created


def no_change_runs(emulator: EmulatorServer, work: Path) -> dict[str, Any]:
    """Requests of a no-change `pulumi up` and `pulumi preview` of the quickstart (root Pulumi.yaml)."""
    emulator.control("POST", "/reset")
    stack = quickstart_stack(emulator, work, "quickstart")
    stack.up()
    found: dict[str, Any] = {}
    for name, step in (("no-change up", stack.up), ("preview", stack.preview)):
        _, counts, _ = _counted(emulator, step)
        found[name] = {
            "requests": sum(counts.values()),
            "writes": sum(n for method, n in counts.items() if method != "GET"),
            "by_method": dict(counts),
        }
    stack.destroy()
    return found
