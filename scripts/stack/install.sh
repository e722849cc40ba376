#!/usr/bin/env bash
# Installs the local telemetry stack natively (no Docker): an OpenTelemetry Collector built with the
# Collector Builder from builder-manifest.yaml, Jaeger v2 via `go install`, Prometheus from Debian.
# Builds are cached by version (and manifest hash) under $OTEL_PROC_STACK_CACHE, so only the first
# run on a machine pays for the Go builds.
#
# Usage: scripts/stack/install.sh [--print-env] [--check]
#   --print-env  print OTELCOL_BIN=, JAEGER_BIN=, PROMETHEUS_BIN= lines on stdout when done
#   --check      build nothing: exit 3 (and say what is missing) unless everything is installed
# Progress goes to stderr. Exits non-zero with a clear message when anything cannot be installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.sh
source "$here/versions.sh"

print_env=0
check_only=0
for arg in "$@"; do
  case "$arg" in
    --print-env) print_env=1 ;;
    --check) check_only=1 ;;
    *) echo "install.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

say() { echo "[stack] $*" >&2; }
fail() { echo "[stack] ERROR: $*" >&2; exit 1; }

manifest="$here/builder-manifest.yaml"
# Every gomod line must carry the one pinned collector version: mixed versions build but misbehave.
if grep -E '^\s*- gomod:' "$manifest" | grep -v " v${OTELCOL_VERSION}\$" >&2; then
  fail "the lines above in $manifest are not pinned to v${OTELCOL_VERSION} (versions.sh)"
fi
manifest_hash="$(sha256sum "$manifest" | cut -c1-12)"

otelcol_dir="$OTEL_PROC_STACK_CACHE/otelcol/${OTELCOL_VERSION}-${manifest_hash}"
otelcol_bin="$otelcol_dir/otelcol-otel-proc"
jaeger_dir="$OTEL_PROC_STACK_CACHE/jaeger/${JAEGER_MODULE_VERSION}"
jaeger_bin="$jaeger_dir/jaeger"
logs="$OTEL_PROC_STACK_CACHE/logs"

find_prometheus() {
  if [[ -n "${OTEL_PROC_PROMETHEUS_BIN:-}" ]]; then echo "$OTEL_PROC_PROMETHEUS_BIN"; return 0; fi
  command -v prometheus 2>/dev/null && return 0
  [[ -x /usr/bin/prometheus ]] && { echo /usr/bin/prometheus; return 0; }
  return 1
}

if [[ $check_only == 1 ]]; then
  missing=()
  [[ -x "$otelcol_bin" ]] || missing+=("collector ($otelcol_bin)")
  [[ -x "$jaeger_bin" ]] || missing+=("jaeger ($jaeger_bin)")
  find_prometheus >/dev/null || missing+=("prometheus (not on PATH)")
  if (( ${#missing[@]} )); then
    echo "[stack] not installed: ${missing[*]}. Run: bash scripts/stack/install.sh" >&2
    exit 3
  fi
else
  command -v go >/dev/null || fail "Go is required to build the collector and Jaeger (https://go.dev/dl/)"
  mkdir -p "$logs"
  # One installer at a time per cache: two builds into the same folders corrupt each other.
  exec 9>"$OTEL_PROC_STACK_CACHE/.install.lock"
  if ! flock -n 9; then
    say "another install is running; waiting for it"
    flock 9
  fi

  build_otelcol() {
    local work="$otelcol_dir.build"
    rm -rf "$work" && mkdir -p "$work"
    GOBIN="$OTEL_PROC_STACK_CACHE/builder/${OTELCOL_VERSION}" \
      go install "go.opentelemetry.io/collector/cmd/builder@v${OTELCOL_VERSION}"
    cp "$manifest" "$work/manifest.yaml"
    # The builder writes go.mod (every component at its pinned version) and then runs `go mod tidy`,
    # which also fetches the test-only dependencies of every component; some of those (fileexporter's
    # otlpencodingextension) are missing from the Go module proxy, so that tidy fails. We let it,
    # redo the tidy with -e (which tolerates missing test-only modules) and compile ourselves.
    (cd "$work" && "$OTEL_PROC_STACK_CACHE/builder/${OTELCOL_VERSION}/builder" --config manifest.yaml \
      --skip-compilation) || echo "(builder's go mod tidy failed: retrying with go mod tidy -e)"
    [[ -f "$work/build/go.mod" && -f "$work/build/components.go" ]] || { echo "the builder generated no sources"; return 1; }
    (cd "$work/build" && go mod tidy -e && go build -trimpath -ldflags "-s -w" -o otelcol-otel-proc .)
    # Minimal version selection may lift a component above the pin: refuse, a mixed build is not what we ship.
    local module version resolved
    while read -r module version; do
      resolved="$(cd "$work/build" && go list -m -f '{{.Version}}' "$module")"
      [[ "$resolved" == "$version" ]] || { echo "$module resolved to $resolved, not the pinned $version"; return 1; }
    done < <(awk '/^[[:space:]]*- gomod:/{print $3, $4}' "$manifest")
    mkdir -p "$otelcol_dir"
    mv "$work/build/otelcol-otel-proc" "$otelcol_bin.tmp" && mv "$otelcol_bin.tmp" "$otelcol_bin"
    rm -rf "$work"
  }

  build_jaeger() {
    # `go install module/cmd/jaeger@version` refuses modules whose go.mod has replace directives, and
    # Jaeger's has one. So a throwaway main module requires the pinned Jaeger, copies its replace
    # lines verbatim, and builds cmd/jaeger: the same code, the same dependency versions.
    local work="$jaeger_dir.build"
    rm -rf "$work" && mkdir -p "$work" "$jaeger_dir"
    cd "$work"
    go mod init otel-proc.local/jaeger-build
    go mod download -json "github.com/jaegertracing/jaeger@${JAEGER_MODULE_VERSION}" >jaeger-module.json
    local jaeger_mod
    jaeger_mod="$(go env GOMODCACHE)/cache/download/github.com/jaegertracing/jaeger/@v/${JAEGER_MODULE_VERSION}.mod"
    awk '/^replace \(/{block=1} block{print} block&&/^\)/{block=0} /^replace [^(]/{print}' "$jaeger_mod" >>go.mod
    go mod edit -require "github.com/jaegertracing/jaeger@${JAEGER_MODULE_VERSION}"
    go mod edit -go "$(awk '/^go /{print $2}' "$jaeger_mod")"
    go get "github.com/jaegertracing/jaeger/cmd/jaeger@${JAEGER_MODULE_VERSION}"
    go build -trimpath -ldflags "-s -w" -o "$jaeger_bin.tmp" github.com/jaegertracing/jaeger/cmd/jaeger
    mv "$jaeger_bin.tmp" "$jaeger_bin"
    cd / && rm -rf "$work"
  }

  # The two Go builds run side by side: module downloads overlap and the linker phases interleave.
  pids=()
  names=()
  if [[ ! -x "$otelcol_bin" ]]; then
    say "building collector v${OTELCOL_VERSION} with the Collector Builder (log: $logs/otelcol.log)"
    (time build_otelcol) >"$logs/otelcol.log" 2>&1 &
    pids+=($!); names+=(otelcol)
  else
    say "collector v${OTELCOL_VERSION}: cached ($otelcol_bin)"
  fi
  if [[ ! -x "$jaeger_bin" ]]; then
    say "building jaeger ${JAEGER_MODULE_VERSION} (log: $logs/jaeger.log)"
    (time build_jaeger) >"$logs/jaeger.log" 2>&1 &
    pids+=($!); names+=(jaeger)
  else
    say "jaeger ${JAEGER_MODULE_VERSION}: cached ($jaeger_bin)"
  fi

  if ! find_prometheus >/dev/null; then
    command -v apt-get >/dev/null || fail "Prometheus is not on PATH and apt-get is missing: install Prometheus or set OTEL_PROC_PROMETHEUS_BIN"
    sudo=""
    [[ $(id -u) == 0 ]] || sudo="sudo"
    say "installing prometheus from Debian (log: $logs/prometheus-apt.log)"
    if ! { $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends prometheus; } >"$logs/prometheus-apt.log" 2>&1; then
      tail -n 20 "$logs/prometheus-apt.log" >&2
      fail "apt-get could not install prometheus (full log: $logs/prometheus-apt.log)"
    fi
  fi

  failed=0
  for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then
      say "${names[$i]} built in $(grep -E '^real' "$logs/${names[$i]}.log" | awk '{print $2}')"
    else
      tail -n 30 "$logs/${names[$i]}.log" >&2
      say "ERROR: building ${names[$i]} failed (full log: $logs/${names[$i]}.log)"
      failed=1
    fi
  done
  [[ $failed == 0 ]] || fail "the telemetry stack could not be built"
fi

prometheus_bin="$(find_prometheus)" || fail "prometheus is still not on PATH"
"$otelcol_bin" components >/dev/null 2>&1 || fail "$otelcol_bin does not run (remove it to rebuild)"
if [[ $print_env == 1 ]]; then
  echo "OTELCOL_BIN=$otelcol_bin"
  echo "JAEGER_BIN=$jaeger_bin"
  echo "PROMETHEUS_BIN=$prometheus_bin"
  echo "OTELCOL_VERSION=$OTELCOL_VERSION"
  echo "JAEGER_MODULE_VERSION=$JAEGER_MODULE_VERSION"
fi
say "ready: collector v${OTELCOL_VERSION} ($otelcol_bin), jaeger ${JAEGER_MODULE_VERSION} ($jaeger_bin), $("$prometheus_bin" --version 2>&1 | head -1)"
