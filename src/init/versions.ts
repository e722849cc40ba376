/**
 * Pinned versions of the local telemetry stack. The Docker images here and the native builds in
 * scripts/stack/versions.sh must name the same releases; test/unit/init/versions.test.ts fails if
 * they drift, so the stack our tests run natively is the one docker-compose.telemetry.yml ships.
 */
export const STACK_VERSIONS = {
  /** Collector core and contrib component modules (builder manifest) and the contrib image. */
  collector: '0.165.0',
  /** Jaeger v2 release; its Go module is tagged v1.76.0 on the same commit. */
  jaeger: '2.13.0',
  jaegerModule: 'v1.76.0',
  /** Debian bookworm's package; the image uses the same release. */
  prometheus: '2.42.0',
} as const;

export const STACK_IMAGES = {
  collector: `otel/opentelemetry-collector-contrib:${STACK_VERSIONS.collector}`,
  jaeger: `jaegertracing/jaeger:${STACK_VERSIONS.jaeger}`,
  prometheus: `prom/prometheus:v${STACK_VERSIONS.prometheus}`,
} as const;
