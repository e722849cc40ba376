import { sanitize } from '../../../src/boundary/sanitize.js';
import { describe, expect, it } from 'vitest';
import { renderEmitHuman, renderEmitJson } from '../../../src/report/emit-human.js';
import type { EmitReport } from '../../../src/emit/report.js';

const report: EmitReport = {
  seed: 'abc',
  scenario: 'stream-processor',
  count: 2,
  services: ['svc'],
  traces: [
    { traceId: 'a'.repeat(32), sampled: true, spans: 11 },
    { traceId: 'b'.repeat(32), sampled: false, spans: 11 },
  ],
  signals: [
    {
      signal: 'traces',
      status: 'success',
      protocol: 'grpc',
      url: 'http://c:4317',
      sent: 11,
      accepted: 11,
      rejected: 0,
      failed: 0,
      exports: 1,
    },
    {
      signal: 'metrics',
      status: 'partial',
      protocol: 'grpc',
      url: 'http://c:4317',
      sent: 10,
      accepted: 8,
      rejected: 2,
      failed: 0,
      exports: 1,
      partialMessage: 'too old',
    },
    {
      signal: 'logs',
      status: 'failure',
      protocol: 'grpc',
      url: 'http://c:4317',
      sent: 4,
      accepted: 0,
      rejected: 0,
      failed: 4,
      exports: 1,
      reason: {
        code: 'EXPORT_UNAUTHENTICATED',
        message: 'unauthenticated: c:4317 rejected the credentials (gRPC UNAUTHENTICATED)',
        hint: 'check the header',
      },
    },
  ],
  jaeger: {
    backend: 'jaeger',
    url: 'http://j:16686',
    ok: false,
    expected: 1,
    found: 0,
    missing: [`${'a'.repeat(32)} (not found)`],
    waitedMs: 3000,
  },
  prometheus: { backend: 'prometheus', url: 'http://p:9090', ok: true, expected: 7, found: 7, missing: [], waitedMs: 1500 },
  findings: [{ code: 'EMIT_PROPAGATION_LOST', severity: 'warning', message: 'lost', hint: 'fix' }],
  durationMs: 4200,
  ok: false,
};

describe('renderEmitHuman', () => {
  const text = renderEmitHuman(report, false);

  it('writes one verdict line per signal with counts and reasons', () => {
    expect(text).toContain('✔ traces   success: 11 spans accepted in 1 export (grpc → http://c:4317)');
    expect(text).toContain('✖ metrics  partial success: 8 of 10 data points accepted, 2 rejected: "too old"');
    expect(text).toContain('✖ logs     failure: unauthenticated: c:4317 rejected the credentials (gRPC UNAUTHENTICATED)');
    expect(text).toContain('    hint: check the header');
  });

  it('lists sampled trace ids only, and the backend checks', () => {
    expect(text).toContain('trace ids (1 sampled of 2):');
    expect(text).toContain(`  ${'a'.repeat(32)}  11 spans`);
    expect(text).not.toContain('b'.repeat(32));
    expect(text).toContain('✖ jaeger http://j:16686: 0/1 traces found (3.0 s)');
    expect(text).toContain(`    missing: ${'a'.repeat(32)} (not found)`);
    expect(text).toContain('✔ prometheus http://p:9090: 7/7 metrics found (1.5 s)');
    expect(text).toContain('! lost [EMIT_PROPAGATION_LOST]');
    expect(text.trimEnd().endsWith('result: FAILED (4.2 s)')).toBe(true);
  });

  it('has no colour codes without colour, and some with', () => {
    expect(text).not.toMatch(/\u001b\[/);
    // Colours become escape sequences at the output boundary.
    expect(sanitize(renderEmitHuman(report, true), { secrets: [], keepStyle: true })).toMatch(/\u001b\[/);
  });
});

describe('renderEmitJson', () => {
  it('is exactly one JSON document', () => {
    expect(JSON.parse(renderEmitJson(report))).toEqual(report);
  });
});

describe('renderEmitHuman for exports that got no answer', () => {
  it('does not claim that timed-out items were not delivered: the receiver may have taken them', () => {
    const timedOut: EmitReport = {
      ...report,
      signals: [
        {
          signal: 'traces',
          status: 'failure',
          protocol: 'grpc',
          url: 'http://c:4317',
          sent: 11,
          accepted: 0,
          rejected: 0,
          failed: 11,
          exports: 1,
          reason: { code: 'EXPORT_TIMEOUT', message: 'timed out: no answer from c:4317 within 1500 ms' },
        },
      ],
    };
    const text = renderEmitHuman(timedOut, false);
    expect(text).toContain('    11 of 11 spans were not confirmed (no answer came for them; the receiver may still have taken some)');
    expect(text).not.toContain('not delivered');
    expect(renderEmitHuman(report, false)).toContain('    4 of 4 log records were not delivered');
  });
});

describe('renderEmitHuman for drops on top of a partial success', () => {
  it('shows the dropped and the rejected items', () => {
    const dropped: EmitReport = {
      ...report,
      signals: [
        {
          signal: 'logs',
          status: 'failure',
          protocol: 'grpc',
          url: 'http://c:4317',
          sent: 12,
          accepted: 6,
          rejected: 2,
          failed: 4,
          exports: 1,
          partialMessage: 'quota',
          reason: { code: 'EXPORT_DROPPED', message: 'the SDK dropped 4 of 12 log records before export (batch queue full)' },
        },
      ],
    };
    const text = renderEmitHuman(dropped, false);
    expect(text).toContain('    4 of 12 log records were not delivered');
    expect(text).toContain('    2 more were rejected by the receiver (partial success): "quota"');
  });
});
