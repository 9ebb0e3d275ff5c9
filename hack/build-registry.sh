#!/usr/bin/env bash
# Builds the CNCF distribution registry (pinned in hack/registry/go.mod) into a cache keyed by its
# pins, for the tests that push ModelPack artifacts. Prints the binary's path as its last line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache_root=${OPENMODEL_CACHE:-$HOME/.cache/openmodel}
command -v go >/dev/null || { echo "build-registry: Go is not installed" >&2; exit 1; }
version=$(sed -n 's#^\s*\(require \)\?github.com/distribution/distribution/v3 \(v[^ ]*\).*#\2#p' "$here/registry/go.mod" | head -1)
key=$(cat "$here/registry/go.mod" "$here/registry/go.sum" | sha256sum | cut -c1-12)
bin="$cache_root/tools/registry-$version-$key/bin"
mkdir -p "$bin"
if [ ! -x "$bin/registry" ]; then
  echo "building registry ($version)..." >&2
  start=$SECONDS
  (cd "$here/registry" && CGO_ENABLED=0 GOFLAGS=-trimpath go build -ldflags "-s -w" -o "$bin/.registry.tmp" \
      github.com/distribution/distribution/v3/cmd/registry) >&2 || { rm -f "$bin/.registry.tmp"; echo "build-registry: build failed" >&2; exit 1; }
  mv "$bin/.registry.tmp" "$bin/registry"
  echo "built registry in $((SECONDS - start))s" >&2
fi
echo "$bin/registry"
