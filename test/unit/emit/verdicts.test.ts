import { describe, expect, it } from 'vitest';
import { decideVerdicts } from '../../../src/emit/verdicts.js';
import { createExportLedger } from '../../../src/sdk/export-ledger.js';
import { effectiveConfig } from '../sdk/config-fixture.js';

const config = effectiveConfig({ endpoint: 'http://collector:4318', serviceName: 'v' });

describe('decideVerdicts', () => {
  it('calls spans the SDK never exported a drop (the batch queue was full), not a success', () => {
    const ledger = createExportLedger();
    ledger.attempts.push({ signal: 'traces', items: 90, outcome: 'success', durationMs: 1 });
    const [verdict] = decideVerdicts(config, ledger, ['traces'], { flushedInTime: true, sampledTraces: 10, expected: { traces: 110 } });
    // "20 of 110 not delivered": sent counts what the SDK was given, dropped items included.
    expect(verdict).toMatchObject({
      status: 'failure',
      sent: 110,
      failed: 20,
      accepted: 90,
      reason: { code: 'EXPORT_DROPPED', hint: 'raise OTEL_BSP_MAX_QUEUE_SIZE' },
    });
  });

  it('does not call a signal a success when its last exports were still running at Ctrl-C or the flush deadline', () => {
    const ledger = createExportLedger();
    ledger.attempts.push({ signal: 'traces', items: 512, outcome: 'success', durationMs: 1 });
    const [interrupted] = decideVerdicts(config, ledger, ['traces'], {
      flushedInTime: false,
      interrupted: true,
      sampledTraces: 100,
      expected: { traces: 1100 },
    });
    expect(interrupted).toMatchObject({
      status: 'failure',
      sent: 1100,
      accepted: 512,
      failed: 588,
      reason: { code: 'EXPORT_INTERRUPTED' },
    });
    const [late] = decideVerdicts(config, ledger, ['traces'], { flushedInTime: false, sampledTraces: 100, expected: { traces: 1100 } });
    expect(late).toMatchObject({
      status: 'failure',
      sent: 1100,
      failed: 588,
      reason: { code: 'EXPORT_TIMEOUT', message: expect.stringMatching(/^timed out: 588 of 1100 spans were not exported/) },
    });
  });

  it('on interrupt counts exports still in flight as sent and not confirmed, and queued items as not delivered', () => {
    const ledger = createExportLedger();
    ledger.attempts.push({ signal: 'traces', items: 100, outcome: 'success', durationMs: 1 });
    ledger.pending.add({ signal: 'traces', items: 512, settled: new Promise(() => undefined) });
    ledger.pending.add({ signal: 'metrics', items: 40, settled: new Promise(() => undefined) });
    const [traces, metrics, logs] = decideVerdicts(config, ledger, ['traces', 'metrics', 'logs'], {
      flushedInTime: false,
      interrupted: true,
      sampledTraces: 70,
      expected: { traces: 770, logs: 0 },
    });
    expect(traces).toMatchObject({
      status: 'failure',
      sent: 770,
      accepted: 100,
      failed: 670,
      unconfirmed: 512,
      reason: {
        code: 'EXPORT_INTERRUPTED',
        message: 'interrupted with 512 spans in exports still in flight and 158 spans not exported yet',
      },
    });
    expect(metrics).toMatchObject({ status: 'failure', sent: 40, accepted: 0, failed: 40, unconfirmed: 40 });
    expect(logs).toMatchObject({ status: 'failure', sent: 0, reason: { message: 'interrupted before anything was sent' } });
  });

  it('reports drops when the exports that did happen were partial successes', () => {
    const ledger = createExportLedger();
    ledger.attempts.push({ signal: 'logs', items: 8, outcome: 'partial', rejected: 2, partialMessage: 'quota', durationMs: 1 });
    const [verdict] = decideVerdicts(config, ledger, ['logs'], { flushedInTime: true, sampledTraces: 0, expected: { logs: 12 } });
    expect(verdict).toMatchObject({ status: 'failure', sent: 12, failed: 4, rejected: 2, accepted: 6, reason: { code: 'EXPORT_DROPPED' } });
  });

  it('counts items the SDK dropped after exports started failing as not delivered', () => {
    const ledger = createExportLedger();
    ledger.attempts.push({
      signal: 'traces',
      items: 80,
      outcome: 'failure',
      error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      durationMs: 1,
    });
    const [verdict] = decideVerdicts(config, ledger, ['traces'], { flushedInTime: true, sampledTraces: 10, expected: { traces: 110 } });
    expect(verdict).toMatchObject({
      status: 'failure',
      sent: 110,
      failed: 110,
      accepted: 0,
      reason: { code: 'EXPORT_CONNECTION_REFUSED' },
    });
  });

  it('gives partial success with counts and the receiver message, and success otherwise', () => {
    const ledger = createExportLedger();
    ledger.attempts.push({ signal: 'logs', items: 10, outcome: 'partial', rejected: 3, partialMessage: 'quota', durationMs: 1 });
    ledger.attempts.push({ signal: 'metrics', items: 5, outcome: 'success', durationMs: 1 });
    const [logs, metrics] = decideVerdicts(config, ledger, ['logs', 'metrics'], { flushedInTime: true, sampledTraces: 0 });
    expect(logs).toMatchObject({ status: 'partial', sent: 10, accepted: 7, rejected: 3, partialMessage: 'quota' });
    expect(metrics).toMatchObject({ status: 'success', accepted: 5 });
  });

  it('treats exports still pending at the flush deadline as timed out', () => {
    const [verdict] = decideVerdicts(config, createExportLedger(), ['traces'], { flushedInTime: false, sampledTraces: 3 });
    expect(verdict).toMatchObject({ status: 'failure', reason: { code: 'EXPORT_TIMEOUT' } });
  });

  it('keeps the password of the endpoint out of the verdict', () => {
    const withPassword = { ...config, traces: { ...config.traces, url: 'https://user:pa55word@collector:4318/v1/traces' } };
    const [verdict] = decideVerdicts(withPassword, createExportLedger(), ['traces'], { flushedInTime: true, sampledTraces: 0 });
    expect(verdict!.url).toBe('https://user:redacted@collector:4318/v1/traces');
  });
});
