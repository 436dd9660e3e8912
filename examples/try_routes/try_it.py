"""Send the deployed route N requests (default 1,000) and print the split it made.

``pulumi stack output --json | python try_it.py [N]``. Against the emulator the split is drawn from its seeded
random source (``aigw-emulator serve --seed``), so the same seed gives the same split.
``CF_AIG_TOKEN`` is sent as ``cf-aig-authorization`` when set (gateways with ``authentication``).
"""

import json
import os
import sys
from collections import Counter

import httpx

outputs = json.load(sys.stdin)
count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
url = f"{outputs['compat_url']}/chat/completions"
headers = (
    {"cf-aig-authorization": f"Bearer {os.environ['CF_AIG_TOKEN']}"} if "CF_AIG_TOKEN" in os.environ else {}
)
model = f"dynamic/{outputs['route_name']}"

seen: Counter[str] = Counter()
with httpx.Client(timeout=30) as client:
    for n in range(count):
        body = {"model": model, "messages": [{"role": "user", "content": f"request {n}"}]}
        answer = client.post(url, json=body, headers=headers)
        seen[answer.json()["model"] if answer.status_code == 200 else f"HTTP {answer.status_code}"] += 1

print(f"{count} requests to {model}:")
for name, n in seen.most_common():
    print(f"  {name:<45} {n:>5}  {100 * n / count:5.1f} %")
