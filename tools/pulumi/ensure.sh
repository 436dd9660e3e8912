#!/usr/bin/env bash
# Puts a Pulumi engine of the pinned version into .tools/bin:
#   pulumi, pulumi-language-python, pulumi-language-python-exec (beside the host), pulumi-resource-pulumi-python.
# 1. A `pulumi` of the pinned version on PATH, with its helpers beside it (a user's machine): link it.
# 2. Else, with Go: build from Go modules through this directory's wrapper module, into a cache outside the
#    repository keyed by everything that affects the build (Go version, pin, go.mod/go.sum, this script, the
#    language host's source), so fresh clones on the same machine reuse it and any change rebuilds.
# 3. Else, keep an engine already in .tools/bin if it is of the pinned version.
# 4. Otherwise: stop and say how to install the Pulumi CLI.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$(tr -d '[:space:]' < "$here/VERSION")
dest="$root/.tools/bin"
helpers=(pulumi pulumi-language-python pulumi-language-python-exec pulumi-resource-pulumi-python)

log() { echo "ensure-pulumi: $*" >&2; }

is_current() {  # $1: directory holding the four executables
  local d=$1 h
  for h in "${helpers[@]}"; do [ -e "$d/$h" ] || return 1; done
  [ "$("$d/pulumi" version 2>/dev/null)" = "v$version" ]
}

install_into_dest() {  # $1: directory holding the four executables; links them into .tools/bin
  mkdir -p "$dest"
  local h changed=""
  for h in "${helpers[@]}"; do
    if [ "$(readlink "$dest/$h" 2>/dev/null)" != "$1/$h" ]; then ln -sfn "$1/$h" "$dest/$h"; changed=1; fi
  done
  if [ -n "$changed" ]; then log "pulumi v$version ready in .tools/bin (from $1)"
  else log "pulumi v$version already in .tools/bin"; fi
}

# 1. A user's own installation, when it is exactly our version and ships its helpers.
if existing=$(PATH=$(echo "$PATH" | tr ':' '\n' | grep -vxF "$dest" | paste -sd:) command -v pulumi 2>/dev/null); then
  existing_dir=$(dirname "$(readlink -f "$existing")")
  if is_current "$existing_dir"; then
    install_into_dest "$existing_dir"
    exit 0
  fi
  log "ignoring $existing: not v$version with its Python helpers"
fi

# 2. Build from Go modules (3: no Go, but a current engine already linked).
if ! command -v go >/dev/null 2>&1; then
  if is_current "$dest"; then
    log "no Go toolchain; keeping the pulumi v$version already in .tools/bin"
    exit 0
  fi
  cat >&2 <<MSG
ensure-pulumi: no Pulumi CLI v$version and no Go toolchain to build one.
Install the Pulumi CLI v$version (https://www.pulumi.com/docs/install/, e.g.
  curl -fsSL https://get.pulumi.com | sh -s -- --version $version
) and put it on PATH, or install Go >= 1.26 and run 'make pulumi' again.
MSG
  exit 1
fi

export GOTOOLCHAIN=local
cache=${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-ai-gateway
export GOMODCACHE=${AIGW_GOMODCACHE:-$cache/go/mod}
export GOCACHE=${AIGW_GOCACHE:-$cache/go/build}
export GOFLAGS=-mod=readonly
key=$( (go version; cat "$here/VERSION" "$here/go.mod" "$here/go.sum" "$here/ensure.sh"; \
        find "$here/cmd" -type f -name '*.go' | sort | xargs cat) | sha256sum | cut -c1-16)
out="$cache/pulumi-v$version-$key"

if is_current "$out"; then
  log "reusing the build in $out"
else
  log "building pulumi v$version from Go modules into $out (several minutes the first time)"
  start=$(date +%s)
  tmp="$out.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$tmp"
  ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
  (cd "$here" && go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$tmp/" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi ./cmd/pulumi-language-python)
  # The two scripts the engine runs beside the binaries ship in the sdk/v3 module, not in the PyPI wheel.
  sdk=$(cd "$here" && go mod download -json "github.com/pulumi/pulumi/sdk/v3@v$version" \
        | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$sdk" ] || { log "could not locate the sdk/v3@v$version module"; exit 1; }
  install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$tmp/pulumi-language-python-exec"
  install -m 0755 "$sdk/python/dist/pulumi-resource-pulumi-python" "$tmp/pulumi-resource-pulumi-python"
  rm -rf "$out"; mv "$tmp" "$out"
  is_current "$out" || { log "the build in $out does not report v$version"; exit 1; }
  log "built in $(( $(date +%s) - start ))s"
fi
install_into_dest "$out"
