import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseEnv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderConfigFile, renderEnvFile } from '../../../src/init/app-files.js';
import { otelProcConfigSchema } from '../../../src/config/config-file/schema.js';
import { PRESET_NAMES } from '../../../src/init/presets.js';

const identity = { serviceName: 'billing', serviceVersion: '1.2.3' };

describe('the otel-proc config file init writes', () => {
  it.each(PRESET_NAMES)('%s: YAML, JSON and TS hold the same document, and the config schema accepts it', async (preset) => {
    const fromYaml = parse(renderConfigFile('yaml', preset, identity)) as unknown;
    expect(JSON.parse(renderConfigFile('json', preset, identity))).toEqual(fromYaml);
    // The generated .ts is also plain JavaScript: load it as a module.
    const ts = renderConfigFile('ts', preset, identity);
    const module = (await import(`data:text/javascript,${encodeURIComponent(ts)}`)) as { default: unknown };
    expect(module.default).toEqual(fromYaml);
    const checked = otelProcConfigSchema.safeParse(fromYaml);
    expect(checked.success, JSON.stringify(checked.error?.issues)).toBe(true);
  });

  it('production samples 10% of new traces behind a parent-based sampler and sends gzip over TLS', () => {
    const config = parse(renderConfigFile('yaml', 'production', identity)) as { tracing: Record<string, unknown> };
    expect(config.tracing.sampling).toEqual({ strategy: 'parent_based', root: { strategy: 'trace_id_ratio', ratio: 0.1 } });
    expect(config.tracing.compression).toBe('gzip');
    expect(String(config.tracing.otlpEndpoint)).toMatch(/^https:\/\//);
  });

  it('survives service names that need quoting in YAML', () => {
    const odd = { serviceName: 'a: "b" # c', serviceVersion: '1.0.0' };
    expect((parse(renderConfigFile('yaml', 'local', odd)) as { tracing: { serviceName: string } }).tracing.serviceName).toBe(
      odd.serviceName,
    );
  });
});

describe('.env.otel', () => {
  it.each(PRESET_NAMES)('%s: the same settings as OTEL_* variables', (preset) => {
    const env = parseEnv(renderEnvFile(preset, identity));
    expect(env.OTEL_SERVICE_NAME).toBe('billing');
    expect(env.OTEL_RESOURCE_ATTRIBUTES).toContain('service.version=1.2.3');
    expect(env.OTEL_EXPORTER_OTLP_PROTOCOL).toBe('grpc');
    expect(Number(env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE)).toBeLessThanOrEqual(Number(env.OTEL_BSP_MAX_QUEUE_SIZE));
    if (preset === 'production') {
      expect(env.OTEL_TRACES_SAMPLER).toBe('parentbased_traceidratio');
      expect(env.OTEL_TRACES_SAMPLER_ARG).toBe('0.1');
      expect(env.OTEL_EXPORTER_OTLP_HEADERS).toMatch(/^authorization=Bearer%20/);
    } else {
      expect(env.OTEL_TRACES_SAMPLER).toBe('always_on');
      expect(env.OTEL_TRACES_SAMPLER_ARG).toBeUndefined();
    }
  });

  it('quotes values dotenv would otherwise cut, and percent-encodes resource attribute values', () => {
    const env = parseEnv(renderEnvFile('local', { serviceName: 'my service #1', serviceVersion: '1.0.0 beta' }));
    expect(env.OTEL_SERVICE_NAME).toBe('my service #1');
    expect(env.OTEL_RESOURCE_ATTRIBUTES).toBe('service.version=1.0.0%20beta,deployment.environment.name=development');
  });

  it.each(['we"ird: name, a=b', "it's mine", 'back\\slash and \\n', 'x"y\'z #1'])(
    'writes %s so that dotenv and node --env-file both read it back as it was',
    (serviceName) => {
      const text = renderEnvFile('local', { serviceName, serviceVersion: '1.0.0' });
      expect(parseEnv(text).OTEL_SERVICE_NAME).toBe(serviceName);
      const folder = mkdtempSync(join(tmpdir(), 'otel-proc-env-otel-'));
      try {
        writeFileSync(join(folder, '.env.otel'), text);
        const node = spawnSync(
          process.execPath,
          [`--env-file=${join(folder, '.env.otel')}`, '-e', 'process.stdout.write(String(process.env.OTEL_SERVICE_NAME))'],
          { encoding: 'utf8', env: {} },
        );
        expect(node.stdout).toBe(serviceName);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );
});
