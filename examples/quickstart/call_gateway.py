"""Call the quickstart's gateway the way an application would, and show what the gateway did.

Reads the stack outputs (``pulumi stack output --json``) on standard input, sends the same chat request twice
to the exported ``openai_url`` and prints the second answer's ``cf-aig-cache-status`` and the log the first
request wrote (read back with ``get_logs``). The API settings come from the environment
(``CLOUDFLARE_BASE_URL``, ``CLOUDFLARE_ACCOUNT_ID``, ``CLOUDFLARE_API_TOKEN``); the gateway requires
authentication, so the token also goes in ``cf-aig-authorization``.
"""

import json
import os
import sys

import httpx

import pulumi_ai_gateway as aig

outputs = json.load(sys.stdin)
url = f"{outputs['openai_url']}/chat/completions"
headers = {"cf-aig-authorization": f"Bearer {os.environ['CLOUDFLARE_API_TOKEN']}"}
request = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "What is an AI gateway?"}]}

answers = [httpx.post(url, json=request, headers=headers, timeout=30) for _ in range(2)]
for number, answer in enumerate(answers, start=1):
    answer.raise_for_status()
    print(
        f"call {number}: {answer.status_code} cf-aig-cache-status: {answer.headers.get('cf-aig-cache-status')}"
    )
print(f"answer: {answers[1].json()['choices'][0]['message']['content']}")

first_log = answers[0].headers["cf-aig-log-id"]
[log] = [entry for entry in aig.get_logs(outputs["gateway_id"], limit=10) if entry.id == first_log]
print(
    f"log of call 1 (get_logs): id={log.id} provider={log.provider} model={log.model} "
    f"status={log.status_code} cached={log.cached} tokens_in={log.tokens_in} tokens_out={log.tokens_out} "
    f"cost={log.cost} duration_ms={log.duration}"
)
