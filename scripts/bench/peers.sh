#!/usr/bin/env bash
# npm run bench:peers: installs telemetrygen (cached by version under ~/.cache/otel-proc, or
# $OTEL_PROC_CACHE), builds otel-proc, and runs both against the same count-only receiver.
# Extra arguments go to dist/bench/peers.js (e.g. -- --spans 1000000 --json).
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION="${TELEMETRYGEN_VERSION:-v0.161.0}"
CACHE="${OTEL_PROC_CACHE:-$HOME/.cache/otel-proc}/telemetrygen/$VERSION"
BIN="$CACHE/telemetrygen"

if [ ! -x "$BIN" ]; then
  if ! command -v go >/dev/null 2>&1; then
    echo "bench:peers: Go is needed to install telemetrygen $VERSION (https://go.dev/dl/)" >&2
    exit 1
  fi
  echo "== installing telemetrygen $VERSION into $CACHE (first run only)" >&2
  mkdir -p "$CACHE"
  GOBIN="$CACHE" go install "github.com/open-telemetry/opentelemetry-collector-contrib/cmd/telemetrygen@$VERSION"
fi

echo "== building otel-proc" >&2
npx tsc -p tsconfig.json

node dist/bench/peers.js --telemetrygen "$BIN" --telemetrygen-version "$VERSION" "$@"
