#!/usr/bin/env bash
# The whole test suite from a clean clone: installs what it needs, builds, runs every test.
# README's second set-up command, and exactly what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- prerequisites: say in a second what is missing and how to get it, before minutes of installing
if ! bash scripts/check-prerequisites.sh; then
  echo "scripts/test.sh: install what is listed above, then run it again (docs/development.md, Prerequisites)." >&2
  exit 1
fi
# --- end of prerequisites

# The browser test opens the HTML load report in Debian's Chromium (headless, network refused).
# Installed before the stack build starts, which may run apt-get for Prometheus: one apt at a time.
if [[ ! -x /usr/bin/chromium ]]; then
  command -v apt-get >/dev/null || { echo "ERROR: /usr/bin/chromium is missing and apt-get is not available: install Chromium for the browser test" >&2; exit 1; }
  sudo=""
  [[ $(id -u) == 0 ]] || sudo="sudo"
  chromium_log="$(mktemp)"
  echo "== installing chromium from Debian (for the browser test of the HTML load report; log: $chromium_log)"
  if ! { $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium; } >"$chromium_log" 2>&1; then
    tail -n 20 "$chromium_log" >&2
    echo "ERROR: apt-get could not install chromium (full log: $chromium_log)" >&2
    exit 1
  fi
fi

# The end-to-end tests run the real OpenTelemetry Collector, Jaeger v2 and Prometheus natively.
# Building them (Go) takes minutes the first time on a machine and well under a second once cached
# (see scripts/stack/install.sh), so it runs in the background while npm installs and builds.
stack_log="$(mktemp)"
echo "== building the telemetry stack in the background (Collector, Jaeger, Prometheus; cached after the first run)"
bash scripts/stack/install.sh >"$stack_log" 2>&1 &
stack_pid=$!
trap 'kill "$stack_pid" 2>/dev/null || true; rm -f "$stack_log"' EXIT

echo "== installing npm packages and building (npm ci runs the package's prepare script: npm run build)"
npm ci --no-audit --no-fund

# Static checks first: they take seconds and fail the run before minutes of tests.
# Biome (lint rules and formatting, biome.json) and knip (unused files, exports, dependencies; knip.json).
echo "== lint and format check (npm run lint)"
npm run lint
echo "== dead code check (npm run knip)"
npm run knip
# vitest strips types without checking them: the tests' own types are checked here (tsconfig.test.json).
echo "== type check of src and tests (npm run typecheck)"
npm run typecheck

echo "== waiting for the telemetry stack"
if ! wait "$stack_pid"; then
  cat "$stack_log" >&2
  echo "ERROR: the OpenTelemetry Collector / Jaeger / Prometheus stack could not be installed, so the end-to-end tests cannot run. The output above says why; fix it rather than skipping them." >&2
  exit 1
fi
cat "$stack_log"

echo "== running tests"
npx vitest run "$@"
