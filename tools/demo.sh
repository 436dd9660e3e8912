#!/usr/bin/env bash
# make demo: start the emulator (state kept in .emulator/demo.db), `pulumi up` the quickstart stack `demo`
# against it, print the stack outputs, then call the exported gateway URL twice (the second answer is a cache
# HIT) and print the log the first call wrote. Run it again: the second `pulumi up` changes nothing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

port=${AIGW_DEMO_PORT:-8787}
stack=${AIGW_DEMO_STACK:-demo}
token=demo-token
state=${AIGW_DEMO_STATE_DIR:-$root/.emulator}
mkdir -p "$state"
pulumi=(tools/pulumi-env pulumi --non-interactive)

healthy() { .venv/bin/python -c "import httpx,sys; sys.exit(httpx.get('http://127.0.0.1:$port/__emulator/health', timeout=0.5).status_code != 200)" 2>/dev/null; }

started=""
if ! healthy; then
  .venv/bin/aigw-emulator serve --port "$port" --state "$state/demo.db" --api-token "$token" \
    >>"$state/emulator.log" 2>&1 &
  started=$!
  trap '[ -n "$started" ] && kill "$started" 2>/dev/null || true' EXIT
  for _ in $(seq 100); do healthy && break; sleep 0.1; done
  healthy || { echo "demo: the emulator did not start; see $state/emulator.log" >&2; exit 1; }
fi
echo "demo: emulator at http://127.0.0.1:$port/client/v4 (state: $state/demo.db)"

"${pulumi[@]}" stack select "$stack" --create >/dev/null
"${pulumi[@]}" config set aigateway:baseUrl "http://127.0.0.1:$port/client/v4" --stack "$stack"
"${pulumi[@]}" config set aigateway:accountId demo-account --stack "$stack"
"${pulumi[@]}" config set --secret aigateway:apiToken "$token" --stack "$stack"

"${pulumi[@]}" up --yes --skip-preview --stack "$stack"
echo
echo "demo: stack outputs (gateway URLs):"
"${pulumi[@]}" stack output --stack "$stack"
echo
echo "demo: the gateway URL answers (the emulator serves it with the deployed settings):"
"${pulumi[@]}" stack output --json --stack "$stack" |
  CLOUDFLARE_BASE_URL="http://127.0.0.1:$port/client/v4" CLOUDFLARE_ACCOUNT_ID=demo-account \
  CLOUDFLARE_API_TOKEN="$token" .venv/bin/python examples/quickstart/call_gateway.py
