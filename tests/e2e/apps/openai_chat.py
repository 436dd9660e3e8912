"""An application as users write it: the official ``openai`` client pointed at a gateway URL a stack exports.

Run in its own virtualenv with the newest ``openai`` from the index: ``python openai_chat.py BASE_URL MODEL``
(the run token in ``CF_AIG_TOKEN``). Prints the answer's model, text and the gateway's headers as JSON.
"""

import json
import os
import sys

from openai import OpenAI

base_url, model = sys.argv[1], sys.argv[2]
client = OpenAI(
    base_url=base_url,
    api_key="sk-app-key-of-the-user",
    default_headers={"cf-aig-authorization": f"Bearer {os.environ['CF_AIG_TOKEN']}"},
    max_retries=0,
)
raw = client.chat.completions.with_raw_response.create(
    model=model, messages=[{"role": "user", "content": "What does the gateway do?"}]
)
completion = raw.parse()
print(
    json.dumps(
        {
            "model": completion.model,
            "text": completion.choices[0].message.content,
            "total_tokens": completion.usage.total_tokens if completion.usage else None,
            "headers": {k: v for k, v in raw.headers.items() if k.startswith("cf-aig-")},
        }
    )
)
