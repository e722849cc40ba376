/**
 * `otelcol validate` from the pinned collector build accepts the collector config the repository
 * ships and every one `otel-proc init` writes, and the build has every component they name.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderStackFiles, WELL_KNOWN_PORTS } from '../../src/init/stack-files.js';
import { runCli } from '../helpers/cli.js';
import { declaredComponents, manifestComponentTypes } from '../unit/init/manifest-components.js';
import { collectorComponents, runStackTool, validateCollectorConfig } from './helpers/stack.js';

const root = new URL('../../', import.meta.url);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('otelcol validate (collector v0.165.0 build)', () => {
  it("accepts the repository's telemetry/otel-collector-config.yaml", async () => {
    const result = await validateCollectorConfig({ path: new URL('telemetry/otel-collector-config.yaml', root).pathname });
    expect(result.output).not.toMatch(/error/i);
    expect(result.ok).toBe(true);
  });

  it.each(['local', 'ci', 'production'] as const)('accepts the collector config `init --preset %s` writes', async (preset) => {
    const dir = mkdtempSync(join(tmpdir(), 'otel-proc-init-validate-'));
    dirs.push(dir);
    const init = await runCli(['init', '--yes', '--preset', preset, '--dir', dir]);
    expect(init.code).toBe(0);
    const result = await validateCollectorConfig({ path: join(dir, 'telemetry', 'otel-collector-config.yaml') });
    expect(result.ok, result.output).toBe(true);
  });

  it('accepts the native (loopback) rendering with bearer-token auth', async () => {
    const files = renderStackFiles({
      preset: 'ci',
      deployment: 'native',
      ports: WELL_KNOWN_PORTS,
      traceFile: join(tmpdir(), 'x.jsonl'),
      bearerToken: 't',
    });
    const result = await validateCollectorConfig({ yaml: files.collectorConfig });
    expect(result.ok, result.output).toBe(true);
  });

  it('rejects a config naming a component the build does not have', async () => {
    const shipped = readFileSync(new URL('telemetry/otel-collector-config.yaml', root), 'utf8');
    const broken = shipped
      .replace('  debug:\n    verbosity: basic\n', '  debug:\n    verbosity: basic\n  kafka:\n    brokers: [localhost:9092]\n')
      .replace('exporters: [prometheus, debug]', 'exporters: [prometheus, debug, kafka]');
    const result = await validateCollectorConfig({ yaml: broken });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('kafka');
  });

  it('the build has exactly the components of the builder manifest, and the shipped config uses only those', async () => {
    const listed = parse(await collectorComponents()) as Record<string, Array<{ name: string }> | undefined>;
    const inBuild = new Set(
      ['receivers', 'processors', 'exporters', 'extensions'].flatMap((kind) => (listed[kind] ?? []).map((c) => c.name)),
    );
    expect(inBuild).toEqual(manifestComponentTypes());
    const shipped = readFileSync(new URL('telemetry/otel-collector-config.yaml', root), 'utf8');
    for (const { kind, id, type } of declaredComponents(shipped)) expect(inBuild, `${kind}.${id}`).toContain(type);
  });
});

describe('the other shipped configs', () => {
  it.each(['local', 'ci', 'production'] as const)('jaeger validate and promtool check config accept the %s preset', async (preset) => {
    const dir = mkdtempSync(join(tmpdir(), 'otel-proc-stack-configs-'));
    dirs.push(dir);
    const files = renderStackFiles({ preset, deployment: 'compose' });
    writeFileSync(join(dir, 'jaeger.yaml'), files.jaegerConfig);
    writeFileSync(join(dir, 'prometheus.yml'), files.prometheusConfig);
    const jaeger = await runStackTool('jaeger', ['validate', `--config=${join(dir, 'jaeger.yaml')}`]);
    expect(jaeger.ok, jaeger.output).toBe(true);
    const prometheus = await runStackTool('promtool', ['check', 'config', join(dir, 'prometheus.yml')]);
    expect(prometheus.ok, prometheus.output).toBe(true);
    expect(prometheus.output).toContain('SUCCESS');
  });

  it('promtool rejects a broken Prometheus config (the check can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otel-proc-stack-configs-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'prometheus.yml'),
      renderStackFiles({ preset: 'local', deployment: 'compose' }).prometheusConfig.replace('scrape_interval: 5s', 'scrape_interval: soon'),
    );
    expect((await runStackTool('promtool', ['check', 'config', join(dir, 'prometheus.yml')])).ok).toBe(false);
  });
});
