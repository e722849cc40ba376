/**
 * One verdict per signal from the export ledger: success, partial success with counts, failure
 * with the reason in plain words, or nothing sent (and why).
 */
import { redactUrl } from '../boundary/secrets.js';
import type { EffectiveConfig, Signal } from '../config/types.js';
import { describeExportFailure } from '../sdk/export-failure.js';
import { itemsInFlight, tallySignal, type ExportLedger } from '../sdk/export-ledger.js';
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

type VerdictBase = Omit<SignalVerdict, 'status'>;

/**
 * Interrupted (Ctrl-C, SIGTERM) while exports were in flight or items were still queued: what was
 * handed to the SDK counts as sent; the items of exports in flight are not confirmed (the request
 * went out, no answer came; the receiver may have taken them), as load counts its requests in
 * flight at the end of a drain; queued items were never exported. Undefined when every item had
 * its answer, so the ordinary verdict applies.
 */
function interruptedVerdict(
  base: VerdictBase,
  exported: number,
  inFlight: number,
  expected: number | undefined,
  unit: string,
): SignalVerdict | undefined {
  const sent = Math.max(expected ?? 0, exported + inFlight);
  const unexported = sent - exported - inFlight;
  if (inFlight === 0 && unexported === 0 && base.exports > 0) return undefined;
  const parts = [
    inFlight > 0 ? `${inFlight} ${unit} in exports still in flight` : '',
    unexported > 0 ? `${unexported} ${unit} not exported yet` : '',
  ].filter(Boolean);
  return {
    ...base,
    status: 'failure',
    sent,
    failed: base.failed + inFlight + unexported,
    unconfirmed: inFlight,
    reason: {
      code: 'EXPORT_INTERRUPTED',
      message: sent === 0 ? 'interrupted before anything was sent' : `interrupted with ${parts.join(' and ') || 'the export unfinished'}`,
    },
  };
}

export function decideVerdicts(
  config: EffectiveConfig,
  ledger: ExportLedger,
  signals: readonly Signal[],
  context: VerdictContext,
): SignalVerdict[] {
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
    const unit = signal === 'traces' ? 'spans' : signal === 'metrics' ? 'data points' : 'log records';
    if (context.interrupted) {
      const interrupted = interruptedVerdict(base, tally.items, itemsInFlight(ledger, signal), context.expected?.[signal], unit);
      if (interrupted) return interrupted;
    }
    if (tally.outcome === 'failure') {
      const failure = tally.failures[0]!;
      // Items the SDK dropped (queue full) after the exports started failing are lost too.
      const given = Math.max(context.expected?.[signal] ?? 0, tally.items);
      return {
        ...base,
        sent: given,
        failed: tally.failed + (given - tally.items),
        status: 'failure',
        reason: describeExportFailure(failure.error, {
          protocol: settings.protocol.value,
          url: settings.url,
          timeoutMs: settings.timeoutMs.value,
        }),
      };
    }
    const expected = context.expected?.[signal];
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
        reason: {
          code: 'EXPORT_DROPPED',
          message: `the SDK dropped ${expected - tally.items} of ${expected} ${signal === 'traces' ? 'spans' : 'log records'} before export (batch queue full)`,
          hint: `raise ${batch}`,
        },
      };
    }
    if (tally.outcome === 'partial') {
      const message = tally.partials.map((p) => p.partialMessage).find(Boolean);
      return { ...base, status: 'partial', ...(message ? { partialMessage: message } : {}) };
    }
    if (tally.outcome === 'success') return { ...base, status: 'success' };
    if (context.interrupted && tally.exports === 0) {
      return {
        ...base,
        status: 'failure',
        reason: { code: 'EXPORT_INTERRUPTED', message: 'interrupted (Ctrl-C) before the export finished' },
      };
    }
    if (!context.flushedInTime) {
      return {
        ...base,
        status: 'failure',
        reason: {
          code: 'EXPORT_TIMEOUT',
          message: `timed out: the export to ${redactUrl(settings.url)} did not finish within ${settings.timeoutMs.value} ms plus margin`,
          hint: 'is the host reachable (firewall, wrong address)?',
        },
      };
    }
    const note =
      signal === 'traces' && context.sampledTraces === 0
        ? `the sampler (${config.sampler.name.value}${config.sampler.ratio ? ` ${config.sampler.ratio.value}` : ''}) dropped every trace, so no span was exported`
        : `nothing was exported`;
    return { ...base, status: 'nothing-sent', note };
  });
}
