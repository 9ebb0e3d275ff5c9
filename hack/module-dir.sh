#!/usr/bin/env bash
# Prints where the Go module MODULE@VERSION is unpacked in the module cache, downloading it from
# the Go module proxy first if needed. Tests use it for YAML that upstream projects publish in their
# modules (the Gateway API's CRDs).
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: hack/module-dir.sh MODULE@VERSION" >&2; exit 2; }
json=$(cd "${TMPDIR:-/tmp}" && GOFLAGS=-mod=mod go mod download -json "$1")
dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' | head -1)
[ -n "$dir" ] && [ -d "$dir" ] || { echo "module-dir: could not download $1: $json" >&2; exit 1; }
echo "$dir"
