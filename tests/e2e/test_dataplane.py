"""The gateway URL a stack exports answers, under the real engine: what `pulumi up` deployed is what a request
meets (authentication, cache, rate limit, a dynamic route's split and fallback, logs, datasets, evaluations),
and a setting changed by the next `pulumi up` changes the next request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

import pulumi_ai_gateway as aig
from tests.conftest import EMULATOR_ACCOUNT, EMULATOR_TOKEN, StackFactory
from tests.harness.emulator import EmulatorServer
from tests.harness.pulumi_cli import REPO_ROOT

pytestmark = pytest.mark.e2e

PROGRAM = Path(__file__).parent / "programs" / "dataplane"
APP = Path(__file__).parent / "apps" / "openai_chat.py"
EXAMPLES = REPO_ROOT / "examples"
RUN = {"cf-aig-authorization": f"Bearer {EMULATOR_TOKEN}"}
CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hello"}]}
EVALUATION = "pulumi-python:dynamic/aigateway:Evaluation"


def post(url: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(url, json=body, headers=headers, timeout=30)


def chat(base: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> httpx.Response:
    return post(f"{base}/chat/completions", body, {**RUN, **(headers or {})})


@pytest.fixture
def openai_python(tmp_path: Path) -> Path:
    """A virtualenv of the application's own, with the newest ``openai`` on the index."""
    venv.create(tmp_path / "app", with_pip=True)
    python = tmp_path / "app" / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "openai"],
        check=True, capture_output=True, timeout=600, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    return python


def test_the_exported_url_behaves_as_deployed(
    pulumi_stack: StackFactory, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch, openai_python: Path
) -> None:
    emulator.control("POST", "/reset")
    stack = pulumi_stack(
        PROGRAM,
        config={
            "aigateway:baseUrl": emulator.base_url,
            "aigateway:accountId": EMULATOR_ACCOUNT,
            "rateLimit": "4",
        },
        secrets={"aigateway:apiToken": EMULATOR_TOKEN},
    )
    stack.up()
    outputs = stack.outputs()
    openai_url, compat_url = outputs["openai_url"], outputs["compat_url"]
    assert openai_url == f"{emulator.root}/v1/{EMULATOR_ACCOUNT}/edge/openai"
    sent = 0  # requests the gateway logs (a refused caller writes none)

    # authentication: true
    unauthenticated = post(f"{openai_url}/chat/completions", CHAT)
    assert unauthenticated.status_code == 401
    assert unauthenticated.json()["error"][0]["code"] == 2009

    # cache_ttl: 300 -> MISS, then HIT; the upstream is called once
    first, second = chat(openai_url, CHAT), chat(openai_url, CHAT)
    sent += 2
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first.headers["cf-aig-cache-status"], second.headers["cf-aig-cache-status"]) == ("MISS", "HIT")
    assert emulator.control("GET", "/upstream")["calls"] == {"openai/gpt-4o-mini": 1}

    # rate_limiting_limit: 4 per hour -> the fifth request is refused
    statuses = [chat(openai_url, {**CHAT, "n": n}).status_code for n in range(3)]
    sent += 3
    assert statuses == [200, 200, 429]

    # `pulumi up` with a higher limit: the very next request goes through
    stack.set_config("rateLimit", "5000")
    stack.up()
    assert chat(openai_url, {**CHAT, "n": 99}).status_code == 200
    sent += 1

    # The route's 90/10 split over 1,000 seeded requests
    emulator.control("POST", "/dataplane/reset", json={"seed": 2026})
    seen: Counter[str] = Counter()
    for n in range(1000):
        answer = chat(compat_url, {**CHAT, "model": "dynamic/chat", "n": n})
        assert answer.status_code == 200, answer.text
        seen[answer.json()["model"]] += 1
    sent += 1000
    # 900 expected, standard deviation sqrt(1000 x 0.9 x 0.1) ~ 9.5: within 4 sigma
    assert 862 <= seen["openai/gpt-4o-mini"] <= 938 and sum(seen.values()) == 1000, seen
    assert seen["anthropic/claude-3-5-haiku-latest"] == 1000 - seen["openai/gpt-4o-mini"]

    # The fallback is taken when the first model fails
    emulator.control("POST", "/upstream", json={"provider": "openai", "status": 500})
    emulator.control("POST", "/upstream", json={"provider": "anthropic", "status": 503})
    fallback = chat(compat_url, {**CHAT, "model": "dynamic/chat", "n": "fallback"})
    sent += 1
    assert (
        fallback.status_code == 200
        and fallback.json()["model"] == "workers-ai/@cf/meta/llama-3.1-8b-instruct"
    )
    assert fallback.headers["cf-aig-step"] == "1"
    failed = chat(openai_url, {**CHAT, "n": "fails"})
    sent += 1
    assert failed.status_code == 500
    emulator.control("DELETE", "/upstream")

    # get_logs returns each request; the dataset's filter (success eq false) selects the failures
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", EMULATOR_TOKEN)
    monkeypatch.setenv("CLOUDFLARE_ACCOUNT_ID", EMULATOR_ACCOUNT)
    monkeypatch.setenv("CLOUDFLARE_BASE_URL", emulator.base_url)
    logged = aig.get_logs("edge", limit=2000)
    assert len(logged) == sent
    assert {log.id for log in logged} >= {first.headers["cf-aig-log-id"], fallback.headers["cf-aig-log-id"]}
    assert sum(log.cached for log in logged) == 1
    failure_filter = [aig.LogFilter(key="success", operator="eq", value=[False])]
    failures = aig.get_logs("edge", filters=failure_filter, limit=50)
    assert sorted(log.status_code or 0 for log in failures) == [429, 500]

    # The evaluation processes them: its dataset's two failures, shown by `pulumi refresh`
    emulator.control("POST", "/evaluations/process", json={"account_id": EMULATOR_ACCOUNT})
    stack.refresh()
    [evaluation] = stack.resources(EVALUATION)
    state = evaluation["outputs"]
    assert state["processed"] is True and state["total_logs"] == 2, state
    results = {r["evaluation_type_id"]: r["result"] for r in state["results"]}
    assert results["performance"] == "0.000", results

    # The official openai client, unchanged, through the exported URLs
    plain = openai_app(openai_python, openai_url, "gpt-4o-mini")
    assert (
        plain["model"] == "gpt-4o-mini" and plain["text"] == "[openai/gpt-4o-mini] What does the gateway do?"
    )
    assert plain["headers"]["cf-aig-cache-status"] == "MISS" and plain["headers"]["cf-aig-log-id"]
    routed = openai_app(openai_python, compat_url, "dynamic/chat")
    assert routed["model"] in {"openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-latest"}
    assert routed["total_tokens"] > 0
    stack.destroy()


def openai_app(python: Path, base_url: str, model: str) -> dict[str, Any]:
    """The application's answer, run with the virtualenv's ``openai``."""
    done = subprocess.run(
        [str(python), str(APP), base_url, model],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, check=False,
        env={**os.environ, "CF_AIG_TOKEN": EMULATOR_TOKEN},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_try_routes_example_shows_its_split(pulumi_stack: StackFactory, emulator: EmulatorServer) -> None:
    emulator.control("POST", "/reset")
    emulator.control("POST", "/dataplane/reset", json={"seed": 7})
    stack = pulumi_stack(
        EXAMPLES / "try_routes",
        config={"aigateway:baseUrl": emulator.base_url, "aigateway:accountId": EMULATOR_ACCOUNT},
        secrets={"aigateway:apiToken": EMULATOR_TOKEN},
    )
    stack.up()
    outputs = json.dumps(stack.outputs())

    def try_it() -> dict[str, int]:
        done = subprocess.run(
            [sys.executable, str(EXAMPLES / "try_routes" / "try_it.py")],
            input=outputs, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.startswith("1000 requests to dynamic/split:"), done.stdout
        return {line.split()[0]: int(line.split()[1]) for line in done.stdout.splitlines()[1:]}

    split = try_it()
    assert set(split) == {"openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-latest"}, split
    assert 862 <= split["openai/gpt-4o-mini"] <= 938, split
    # The same seed draws the same split; with the 90 % model down, its share goes to the fallback model.
    emulator.control("POST", "/dataplane/reset", json={"seed": 7})
    emulator.control("POST", "/upstream", json={"provider": "openai", "status": 503})
    assert try_it() == {
        "workers-ai/@cf/meta/llama-3.1-8b-instruct": split["openai/gpt-4o-mini"],
        "anthropic/claude-3-5-haiku-latest": split["anthropic/claude-3-5-haiku-latest"],
    }
    stack.destroy()
