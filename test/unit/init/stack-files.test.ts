import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PRESET_NAMES } from '../../../src/init/presets.js';
import { renderStackFiles, WELL_KNOWN_PORTS, type StackPorts } from '../../../src/init/stack-files.js';
import { STACK_IMAGES, STACK_VERSIONS } from '../../../src/init/versions.js';
import { declaredComponents, manifestComponentTypes } from './manifest-components.js';

const ports = Object.fromEntries(Object.keys(WELL_KNOWN_PORTS).map((name, index) => [name, 40000 + index])) as unknown as StackPorts;

interface CollectorConfig {
  extensions: Record<string, { endpoint?: string }>;
  receivers: { otlp: { protocols: Record<string, { endpoint: string; auth?: { authenticator: string } }> } };
  exporters: Record<string, { endpoint?: string }>;
  service: { extensions: string[]; pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }> };
}

describe('renderStackFiles', () => {
  it.each(PRESET_NAMES)('compose deployment (%s) listens on the well-known ports and talks by service name', (preset) => {
    const files = renderStackFiles({ preset, deployment: 'compose' });
    const collector = parse(files.collectorConfig) as CollectorConfig;
    expect(collector.receivers.otlp.protocols.grpc.endpoint).toBe('0.0.0.0:4317');
    expect(collector.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(collector.extensions.health_check.endpoint).toBe('0.0.0.0:13133');
    expect(collector.exporters['otlp_grpc/jaeger'].endpoint).toBe('jaeger:4317');
    // memory_limiter must come first in every pipeline, batch after it (collector docs).
    for (const pipeline of Object.values(collector.service.pipelines)) expect(pipeline.processors).toEqual(['memory_limiter', 'batch']);
    const compose = parse(files.compose) as { services: Record<string, { image: string; ports?: string[] }> };
    expect(compose.services['otel-collector'].image).toBe(STACK_IMAGES.collector);
    expect(compose.services['otel-collector'].ports).toEqual(
      expect.arrayContaining(['127.0.0.1:4317:4317', '127.0.0.1:4318:4318', '127.0.0.1:13133:13133', '127.0.0.1:8888:8888']),
    );
    expect(compose.services.jaeger.image).toBe(`jaegertracing/jaeger:${STACK_VERSIONS.jaeger}`);
    expect(parse(files.prometheusConfig).scrape_configs[0].static_configs[0].targets).toEqual(['otel-collector:8889']);
  });

  it('native deployment binds only 127.0.0.1 on the given ports', () => {
    const files = renderStackFiles({ preset: 'ci', deployment: 'native', ports, traceFile: '/tmp/t.jsonl' });
    for (const text of [files.collectorConfig, files.jaegerConfig, files.prometheusConfig]) {
      expect(text).not.toMatch(/0\.0\.0\.0|localhost|jaeger:\d|otel-collector:\d/);
    }
    const collector = parse(files.collectorConfig) as CollectorConfig;
    expect(collector.receivers.otlp.protocols.grpc.endpoint).toBe(`127.0.0.1:${ports.otlpGrpc}`);
    expect(collector.exporters['otlp_grpc/jaeger'].endpoint).toBe(`127.0.0.1:${ports.jaegerOtlpGrpc}`);
    const jaeger = parse(files.jaegerConfig) as { receivers: { otlp: { protocols: { grpc: { endpoint: string } } } } };
    expect(jaeger.receivers.otlp.protocols.grpc.endpoint).toBe(`127.0.0.1:${ports.jaegerOtlpGrpc}`);
  });

  it('adds bearer-token auth to both OTLP protocols only when asked', () => {
    const plain = parse(
      renderStackFiles({ preset: 'ci', deployment: 'native', ports, traceFile: '/t' }).collectorConfig,
    ) as CollectorConfig;
    expect(plain.service.extensions).toEqual(['health_check', 'zpages']);
    expect(plain.receivers.otlp.protocols.grpc.auth).toBeUndefined();
    const secured = parse(
      renderStackFiles({ preset: 'ci', deployment: 'native', ports, traceFile: '/t', bearerToken: 'tok' }).collectorConfig,
    ) as CollectorConfig;
    expect(secured.service.extensions).toEqual(['health_check', 'zpages', 'bearertokenauth']);
    expect(secured.receivers.otlp.protocols.grpc.auth?.authenticator).toBe('bearertokenauth');
    expect(secured.receivers.otlp.protocols.http.auth?.authenticator).toBe('bearertokenauth');
  });

  it('uses only components listed in the builder manifest', () => {
    const built = manifestComponentTypes();
    expect(built.size).toBe(11);
    const files = renderStackFiles({ preset: 'production', deployment: 'native', ports, traceFile: '/t', bearerToken: 'x' });
    for (const { kind, id, type } of declaredComponents(files.collectorConfig)) expect(built, `${kind}.${id}`).toContain(type);
    expect(declaredComponents(files.collectorConfig).map((c) => c.type)).toContain('bearertokenauth');
  });
});
