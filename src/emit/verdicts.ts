/**
 * One verdict per signal from the export ledger: success, partial success with counts, failure
 * with the reason in plain words, or nothing sent (and why).
 */
import { redactUrl } from '../boundary/secrets.js';
import type { EffectiveConfig, Signal } from '../config/types.js';
import { describeExportFailure } from '../sdk/export-failure.js';
import { tallySignal, type ExportLedger } from '../sdk/export-ledger.js';
import type { SignalVerdict } from './report.js';

export interface VerdictContext {
  /** False when flushing hit its deadline: exports still pending count as timed out. */
  flushedInTime: boolean;
  /** Ctrl-C came before the exports finished. */
  interrupted?: boolean;
  sampledTraces: number;
  /** Items the SDK was given to export (sampled spans, log records): fewer exported means the SDK dropped some. */
  expected?: Partial<Record<Signal, number>>;
}

export function decideVerdicts(config: EffectiveConfig, ledger: ExportLedger, signals: readonly Signal[], context: VerdictContext): SignalVerdict[] {
  return signals.map((signal) => {
    const tally = tallySignal(ledger, signal);
    const settings = config[signal];
    const base = {
      signal,
      protocol: settings.protocol.value,
      url: redactUrl(settings.url),
      sent: tally.items,
      accepted: tally.accepted,
      rejected: tally.rejected,
      failed: tally.failed,
      exports: tally.exports,
    };
    if (tally.outcome === 'failure') {
      const failure = tally.failures[0]!;
      // Items the SDK dropped (queue full) after the exports started failing are lost too.
      const given = Math.max(context.expected?.[signal] ?? 0, tally.items);
      return { ...base, sent: given, failed: tally.failed + (given - tally.items), status: 'failure', reason: describeExportFailure(failure.error, { protocol: settings.protocol.value, url: settings.url, timeoutMs: settings.timeoutMs.value }) };
    }
    const expected = context.expected?.[signal];
    const unit = signal === 'traces' ? 'spans' : signal === 'metrics' ? 'data points' : 'log records';
    const unfinished = (tally.outcome === 'success' || tally.outcome === 'partial') && expected !== undefined && tally.items < expected;
    // Exports that had not finished when Ctrl-C came or the flush deadline passed: not a success.
    if (unfinished && (context.interrupted || !context.flushedInTime)) {
      const missing = expected - tally.items;
      return {
        ...base,
        status: 'failure',
        sent: expected,
        failed: missing,
        reason: context.interrupted
          ? { code: 'EXPORT_INTERRUPTED', message: `interrupted (Ctrl-C) before ${missing} of ${expected} ${unit} were exported` }
          : {
              code: 'EXPORT_TIMEOUT',
              message: `timed out: ${missing} of ${expected} ${unit} were not exported to ${redactUrl(settings.url)} within ${settings.timeoutMs.value} ms per export plus margin`,
              hint: 'the receiver answers too slowly for this burst: raise --timeout or lower --count',
            },
      };
    }
    if (unfinished) {
      // The batch processor drops silently when its queue is full; the ledger never saw those items.
      const batch = signal === 'traces' ? 'OTEL_BSP_MAX_QUEUE_SIZE' : 'OTEL_BLRP_MAX_QUEUE_SIZE';
      const message = tally.partials.map((p) => p.partialMessage).find(Boolean);
      return {
        ...base,
        ...(message ? { partialMessage: message } : {}),
        status: 'failure',
        // What the SDK was given, so that "failed of sent" counts the dropped items in both.
        sent: expected,
        failed: expected - tally.items,
        reason: { code: 'EXPORT_DROPPED', message: `the SDK dropped ${expected - tally.items} of ${expected} ${signal === 'traces' ? 'spans' : 'log records'} before export (batch queue full)`, hint: `raise ${batch}` },
      };
    }
    if (tally.outcome === 'partial') {
      const message = tally.partials.map((p) => p.partialMessage).find(Boolean);
      return { ...base, status: 'partial', ...(message ? { partialMessage: message } : {}) };
    }
    if (tally.outcome === 'success') return { ...base, status: 'success' };
    if (context.interrupted && tally.exports === 0) {
      return { ...base, status: 'failure', reason: { code: 'EXPORT_INTERRUPTED', message: 'interrupted (Ctrl-C) before the export finished' } };
    }
    if (!context.flushedInTime) {
      return {
        ...base,
        status: 'failure',
        reason: { code: 'EXPORT_TIMEOUT', message: `timed out: the export to ${redactUrl(settings.url)} did not finish within ${settings.timeoutMs.value} ms plus margin`, hint: 'is the host reachable (firewall, wrong address)?' },
      };
    }
    const note =
      signal === 'traces' && context.sampledTraces === 0
        ? `the sampler (${config.sampler.name.value}${config.sampler.ratio ? ` ${config.sampler.ratio.value}` : ''}) dropped every trace, so no span was exported`
        : `nothing was exported`;
    return { ...base, status: 'nothing-sent', note };
  });
}
