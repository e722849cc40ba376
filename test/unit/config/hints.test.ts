/** Every warning or error a user can act on carries a hint; these had none before. */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.js';

async function diagnostic(env: Record<string, string>, code: string) {
  const { diagnostics } = await resolveConfig({ env: { OTEL_SERVICE_NAME: 'hints', ...env }, cwd: process.cwd(), noConfigSearch: true });
  const found = diagnostics.find((d) => d.code === code);
  expect(found, JSON.stringify(diagnostics)).toBeDefined();
  return found!;
}

describe('diagnostic hints', () => {
  it('an unreadable client key is called a client key, with a hint', async () => {
    const d = await diagnostic(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://c:4318',
        OTEL_EXPORTER_OTLP_CLIENT_KEY: 'missing.key',
        OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: 'missing.crt',
      },
      'OTLP_CERTIFICATE_UNREADABLE',
    );
    expect(d.message).toMatch(/client key file missing\.key cannot be read/);
    expect(d.hint).toMatch(/may read the file/);
  });

  it('a timeout of 0 says how to get a working value', async () => {
    const d = await diagnostic({ OTEL_EXPORTER_OTLP_TIMEOUT: '0' }, 'NUMBER_NOT_POSITIVE');
    expect(d.hint).toBe('Unset OTEL_EXPORTER_OTLP_TIMEOUT for the default, or set a value greater than 0.');
  });

  it('a ratio of 0 and an exporter of none say what to set', async () => {
    expect((await diagnostic({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }, 'SAMPLING_DROPS_ALL')).hint).toMatch(
      /OTEL_TRACES_SAMPLER_ARG/,
    );
    expect((await diagnostic({ OTEL_LOGS_EXPORTER: 'none' }, 'EXPORTER_NONE')).hint).toMatch(/^Set OTEL_LOGS_EXPORTER=otlp/);
  });
});
