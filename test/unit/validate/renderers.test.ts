import { sanitize } from '../../../src/boundary/sanitize.js';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatAnnotation } from '../../../src/report/github.js';
import { renderValidateGithub } from '../../../src/report/validate-github.js';
import { renderValidateHuman } from '../../../src/report/validate-human.js';
import { runValidate } from '../../../src/validate/run.js';

const ANSI = /\u001b\[/;

async function report(env: Record<string, string>) {
  return runValidate({ resolve: { env, cwd: process.cwd(), noConfigSearch: true }, strict: false });
}

describe('GitHub annotations', () => {
  it('escapes data and properties as the runner expects', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
    expect(formatAnnotation({ severity: 'info', title: 'X', file: 'dir/a,b.yaml', line: 3, message: 'x\ny' })).toBe(
      '::notice file=dir/a%2Cb.yaml,line=3,title=X::x%0Ay',
    );
    expect(formatAnnotation({ severity: 'warning', message: 'no file' })).toBe('::warning::no file');
  });

  it('puts env-file findings on the env file line and names the variable otherwise', async () => {
    const validated = await report({ OTEL_SERVICE_NAME: 'svc', OTEL_EXPORTER_OTLP_TIMEOUT: '10' });
    const output = renderValidateGithub(validated);
    expect(output).toMatch(/^::warning title=DURATION_LOOKS_LIKE_SECONDS::OTEL_EXPORTER_OTLP_TIMEOUT: /m);
    expect(output.trim().split('\n').at(-1)).toBe('otel-proc validate: valid (0 errors, 1 warning, 0 notes)');
  });
});

describe('human report', () => {
  it('groups findings errors first, then warnings, then notes, with code, source and fix', async () => {
    const validated = await report({
      OTEL_SERVICE_NAME: 'svc',
      OTEL_EXPORTER_OTLP_TIMEOUT: '10',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector',
      OTEL_TRACES_SAMPLER: 'xray',
    });
    const text = renderValidateHuman(validated, false);
    const order = [
      'Errors (1)',
      'SAMPLER_UNSUPPORTED_BY_JS',
      'Warnings (1)',
      'DURATION_LOOKS_LIKE_SECONDS',
      'Notes (1)',
      'OTLP_ENDPOINT_NO_PORT',
      '✖ invalid: 1 error, 1 warning, 1 note',
    ];
    const positions = order.map((needle) => text.indexOf(needle));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('at OTEL_TRACES_SAMPLER');
    expect(text).not.toMatch(ANSI);
  });

  it('colours only when told to', async () => {
    const validated = await report({ OTEL_SERVICE_NAME: 'svc' });
    // Colours become escape sequences at the output boundary.
    expect(sanitize(renderValidateHuman(validated, true), { secrets: [], keepStyle: true })).toMatch(ANSI);
    expect(renderValidateHuman(validated, false)).not.toMatch(ANSI);
  });

  it('shows escape sequences and newlines from values escaped, never raw', async () => {
    const validated = await report({
      OTEL_SERVICE_NAME: 'evil\u001b]0;pwned\u0007\nfake line',
      OTEL_RESOURCE_ATTRIBUTES: 'k%0A=v%1B%5B2J',
    });
    const text = renderValidateHuman(validated, false);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('service.name   evil\\u001b]0;pwned\\u0007\\u000afake line');
    expect(text).toContain('k\\u000a');
    expect(text).not.toMatch(/^fake line/m);
    // The data itself is untouched: JSON consumers get the real value.
    expect(validated.config.serviceName).toBe('evil\u001b]0;pwned\u0007\nfake line');
  });
});
