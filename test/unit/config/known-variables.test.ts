import { describe, expect, it } from 'vitest';
import { nearestName, nearestValue, obsoleteReplacement } from '../../../src/config/known-variables.js';

describe('did you mean', () => {
  it.each([
    ['OTEL_TRACE_EXPORTER', 'OTEL_TRACES_EXPORTER'],
    ['OTEL_EXPORTER_OTLP_TRACE_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'],
    ['OTEL_TRACES_SAMPLER_ARGS', 'OTEL_TRACES_SAMPLER_ARG'],
    ['OTEL_EXPORTER_OTLP_HEADER', 'OTEL_EXPORTER_OTLP_HEADERS'],
    ['OTEL_RESOURCE_ATTRIBUTE', 'OTEL_RESOURCE_ATTRIBUTES'],
    ['OTEL_PROPAGATOR', 'OTEL_PROPAGATORS'],
    ['OTEL_SERVICENAME', 'OTEL_SERVICE_NAME'],
    ['OTEL_EXPORTER_OTLP_ENDPIONT', 'OTEL_EXPORTER_OTLP_ENDPOINT'],
  ])('%s → %s', (typo, real) => {
    expect(nearestName(typo)).toBe(real);
  });

  it('suggests nothing for a name far from every real one', () => {
    expect(nearestName('OTEL_COMPLETELY_DIFFERENT_THING')).toBeUndefined();
  });

  it('suggests enum values, case-insensitively first', () => {
    expect(nearestValue('HTTP/PROTOBUF', ['grpc', 'http/protobuf', 'http/json'])).toBe('http/protobuf');
    expect(nearestValue('http', ['grpc', 'http/protobuf', 'http/json'])).toBe('http/protobuf');
    expect(nearestValue('gzipp', ['gzip', 'none'])).toBe('gzip');
  });

  it('names the replacement of obsolete variables', () => {
    expect(obsoleteReplacement('OTEL_EXPORTER_OTLP_SPAN_INSECURE')).toBe('OTEL_EXPORTER_OTLP_TRACES_INSECURE');
    expect(obsoleteReplacement('OTEL_EXPORTER_JAEGER_AGENT_HOST')).toMatch(/OTLP/);
    expect(obsoleteReplacement('OTEL_SERVICE_NAME')).toBeUndefined();
  });
});
