#!/usr/bin/env bash
# Runs the local telemetry stack natively on 127.0.0.1 (free ports, configs rendered from
# templates/stack/ with loopback addresses): the collector, Jaeger v2 and Prometheus.
#
#   bash scripts/stack/start.sh                     # prints the endpoints, Ctrl-C stops everything
#   bash scripts/stack/start.sh --preset ci -- cmd  # runs cmd with OTEL_PROC_STACK_* set, then stops
#
# Exits non-zero with the failing process's log when anything cannot be built or started.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/stack/install.sh
# The stack runner is development tooling: only the development build has it (package.json files).
if [[ ! -f dist/init/native-stack-cli.js ]]; then
  echo "[stack] building otel-proc with its development tooling (npm run build:dev)" >&2
  npm run build:dev >&2
fi
exec node dist/init/native-stack-cli.js "$@"
