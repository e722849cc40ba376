#!/usr/bin/env bash
# npm run bench: makes sure h2load (Debian's nghttp2-client) is installed, the independent C
# ceiling the benchmark compares otel-proc against, builds otel-proc, and runs dist/bench/run.js.
# Extra arguments go to dist/bench/run.js (e.g. -- --rounds 5 --json). OTEL_PROC_H2LOAD_BIN
# points at an h2load elsewhere.
set -euo pipefail
cd "$(dirname "$0")/../.."

find_h2load() {
  if [[ -n "${OTEL_PROC_H2LOAD_BIN:-}" ]]; then echo "$OTEL_PROC_H2LOAD_BIN"; return 0; fi
  command -v h2load 2>/dev/null && return 0
  return 1
}

if ! find_h2load >/dev/null; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "bench: h2load is not on PATH and apt-get is missing: install nghttp2's h2load or set OTEL_PROC_H2LOAD_BIN" >&2
    exit 1
  fi
  sudo=""
  [[ $(id -u) == 0 ]] || sudo="sudo"
  log="${TMPDIR:-/tmp}/otel-proc-h2load-apt.log"
  echo "== installing h2load (nghttp2-client) from Debian (log: $log)" >&2
  if ! { $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends nghttp2-client; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "bench: apt-get could not install nghttp2-client (full log: $log)" >&2
    exit 1
  fi
fi
h2load_bin="$(find_h2load)" || { echo "bench: h2load is still not on PATH" >&2; exit 1; }

echo "== building otel-proc" >&2
npx tsc -p tsconfig.json

node dist/bench/run.js --h2load "$h2load_bin" "$@"
