/**
 * Differential test of the declarative schema check against the JS SDK itself: for each file, the
 * SDK's public createConfigFactory() (reading OTEL_CONFIG_FILE) either accepts it or throws
 * "Invalid OpenTelemetry config file: <file>: <path> <message>"; validate must accept the same files
 * and report the SDK's first schema error as its first DECLARATIVE_SCHEMA_INVALID. It fails when the
 * SDK moves to a schema other than the one vendored in src/config/declarative/.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfigFactory } from '@opentelemetry/configuration';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.js';

const dir = mkdtempSync(join(tmpdir(), 'otel-proc-declarative-differential-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixtures = new URL('../../../fixtures/validate/', import.meta.url);
const fromFixtures = readdirSync(fixtures)
  .filter((name) => name.startsWith('declarative-'))
  .flatMap((name) =>
    readdirSync(new URL(`${name}/`, fixtures))
      .filter((file) => /\.ya?ml$/.test(file))
      .map((file) => [name, readFileSync(new URL(`${name}/${file}`, fixtures), 'utf8')] as const),
  );

const head = 'file_format: "1.0"\n';
const crafted: Array<readonly [string, string]> = [
  [
    'sampler ratio out of range',
    `${head}tracer_provider:\n  processors:\n    - simple:\n        exporter:\n          console:\n  sampler:\n    trace_id_ratio_based:\n      ratio: 2\n`,
  ],
  [
    'unknown exporter property',
    `${head}tracer_provider:\n  processors:\n    - simple:\n        exporter:\n          otlp_http:\n            endpointt: http://x:4318\n`,
  ],
  [
    'attribute type not in the enum',
    `${head}resource:\n  attributes:\n    - name: service.name\n      value: checkout\n      type: strng\n`,
  ],
  ['log level not in the enum', `${head}log_level: verbose\n`],
  [
    'negative batch size',
    `${head}tracer_provider:\n  processors:\n    - batch:\n        max_export_batch_size: -1\n        exporter:\n          console:\n`,
  ],
  [
    'a complete valid file',
    `${head}resource:\n  attributes:\n    - name: service.name\n      value: checkout\ntracer_provider:\n  processors:\n    - batch:\n        exporter:\n          otlp_grpc:\n            endpoint: http://localhost:4317\n`,
  ],
];

function sdkVerdict(path: string): string | undefined {
  const previous = process.env.OTEL_CONFIG_FILE;
  process.env.OTEL_CONFIG_FILE = path;
  try {
    createConfigFactory();
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const prefix = `Invalid OpenTelemetry config file: ${path}: `;
    return message.startsWith(prefix) ? message.slice(prefix.length).trim().split('\n')[0]!.trim() : `other: ${message}`;
  } finally {
    if (previous === undefined) delete process.env.OTEL_CONFIG_FILE;
    else process.env.OTEL_CONFIG_FILE = previous;
  }
}

describe('the declarative schema check agrees with the JS SDK', () => {
  it.each([...fromFixtures, ...crafted])('%s', async (name, text) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    // Substitution references in the fixtures fall back to their defaults in both readers.
    writeFileSync(path, text);
    const expected = sdkVerdict(path);
    if (expected?.startsWith('other: ')) return; // refused before the schema (file_format, YAML): other tests cover those
    const { diagnostics } = await resolveConfig({ env: { OTEL_CONFIG_FILE: path }, cwd: dir, noConfigSearch: true });
    const schemaErrors = diagnostics.filter((d) => d.code === 'DECLARATIVE_SCHEMA_INVALID').map((d) => d.message);
    if (expected === undefined) expect(schemaErrors).toEqual([]);
    else expect(schemaErrors[0]).toContain(expected);
  });

  it('covers both verdicts', () => {
    const verdicts = crafted.map(([name, text]) => {
      const path = join(dir, `verdict-${name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(path, text);
      return sdkVerdict(path);
    });
    expect(verdicts.filter((verdict) => verdict === undefined)).toHaveLength(1);
    expect(verdicts.filter((verdict) => verdict !== undefined && !verdict.startsWith('other: '))).toHaveLength(crafted.length - 1);
  });
});
