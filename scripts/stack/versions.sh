# Versions of the local telemetry stack: one place, read by install.sh, start.sh and the e2e harness.
# Every collector component module is pinned to OTELCOL_VERSION (see builder-manifest.yaml);
# docker-compose.telemetry.yml uses the matching contrib image (templates/stack/versions.json).
OTELCOL_VERSION="0.165.0"
# The Go the Collector builder and the collector modules of OTELCOL_VERSION ask for (`go` in their go.mod).
GO_MIN_VERSION="1.26.0"
# Jaeger v2 lives in the v1 module path (no /v2): tag v1.76.0 is the Jaeger v2.13.0 release commit.
JAEGER_MODULE_VERSION="v1.76.0"
# Prometheus comes from Debian (bookworm ships 2.42.0); any 2.x/3.x with the HTTP query API works.
OTEL_PROC_STACK_CACHE="${OTEL_PROC_STACK_CACHE:-${HOME}/.cache/otel-proc-stack}"
