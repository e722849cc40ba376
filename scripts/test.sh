#!/usr/bin/env bash
# The whole test suite from a clean clone: installs what it needs, builds, runs every test.
# README's second set-up command, and exactly what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== installing npm packages"
npm ci --no-audit --no-fund

echo "== building"
npm run build

echo "== running tests"
npx vitest run "$@"
