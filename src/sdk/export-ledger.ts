/**
 * Captures what every exporter reports, export by export: success, partial success with the rejected count
 * (https://opentelemetry.io/docs/specs/otlp/#partial-success), or failure with the error. The JS OTLP
 * exporters report partial success only as a diag warning and count it a plain success, so the wrapper also
 * swaps the exporter's response handler to read `partial_success` itself.
 *
 * Optionally keeps the items of each successful export, so a caller can check that exactly
 * those items arrived somewhere (emit --local compares them with what the receiver decoded).
 */
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { Signal } from '../config/types.js';

export type ExportOutcome = 'success' | 'partial' | 'failure';

export interface ExportAttempt {
  signal: Signal;
  /** Items handed to the exporter: spans, metric data points, log records. */
  items: number;
  outcome: ExportOutcome;
  /** Partial success: items the receiver rejected (may be 0 with only a message: a warning). */
  rejected?: number;
  /** Partial success: the receiver's error_message. */
  partialMessage?: string;
  /** Failure: the error the exporter returned. */
  error?: Error;
  durationMs: number;
}

/** An export handed to the exporter whose result has not come back yet. */
export interface PendingExport {
  signal: Signal;
  items: number;
  /** Resolves when the exporter reports the result (never rejects). */
  settled: Promise<void>;
}

export interface ExportLedger {
  attempts: ExportAttempt[];
  /**
   * Exports in flight. The batch processors start an export on their own as soon as a batch is
   * full, and their forceFlush() exports only what is still queued without waiting for that one
   * (sdk-trace BatchSpanProcessorBase._flushAll), so a flush alone does not mean every export ended.
   */
  pending: Set<PendingExport>;
  /** Items of successful and partially successful exports, when keepItems was asked for. */
  kept: { traces: unknown[]; metrics: unknown[]; logs: unknown[] };
  keepItems: boolean;
  listeners: Array<(attempt: ExportAttempt) => void>;
}

export function createExportLedger(options: { keepItems?: boolean } = {}): ExportLedger {
  return {
    attempts: [],
    pending: new Set(),
    kept: { traces: [], metrics: [], logs: [] },
    keepItems: options.keepItems ?? false,
    listeners: [],
  };
}

interface PartialSuccess {
  rejectedSpans?: unknown;
  rejectedDataPoints?: unknown;
  rejectedLogRecords?: unknown;
  errorMessage?: string;
}

/** int64 fields arrive as numbers, strings (JSON) or Long objects (protobuf). */
function toCount(value: unknown): number {
  if (value === undefined || value === null) return 0;
  const n = Number(typeof value === 'object' ? String(value) : value);
  return Number.isFinite(n) ? n : 0;
}

/** Error code of an export answered with success but a body that is not an OTLP response. */
export const NOT_OTLP_RESPONSE = 'OTEL_PROC_NOT_OTLP_RESPONSE';

type Exporter<T> = { export(items: T, resultCallback: (result: ExportResult) => void): void };

/**
 * Wrap `exporter` in place: its `export` records an attempt per call, and its delegate's response
 * handler records partial success. Returns the same object, so the SDK sees its own exporter type.
 */
export function captureExports<T, E extends Exporter<T>>(
  signal: Signal,
  exporter: E,
  countItems: (items: T) => number,
  ledger: ExportLedger,
): E {
  let pendingPartial: PartialSuccess | undefined;
  let pendingUndecodable: string | undefined;
  // The OTLP exporters keep an OTLPExportDelegate in `_delegate`; its `_responseHandler` receives the
  // decoded ExportServiceResponse of a successful export right before the result callback runs,
  // in the same tick, so `pendingPartial` always belongs to the export that completes next.
  const delegate = (
    exporter as unknown as {
      _delegate?: {
        _responseHandler?: { handleResponse(response: unknown): void };
        _serializer?: { serializeRequest(items: unknown): unknown; deserializeResponse(data: Uint8Array): unknown };
      };
    }
  )._delegate;
  // A success status whose body is not an OTLP response (a web server or proxy that answers every
  // POST with 200 and a page): the SDK only logs a warning and counts it delivered. Wrap this
  // delegate's serializer (a module-wide object, so it is wrapped, not changed) to notice.
  const serializer = delegate?._serializer;
  if (delegate && serializer) {
    delegate._serializer = {
      serializeRequest: (items) => serializer.serializeRequest(items),
      deserializeResponse: (data) => {
        const excerpt = (): string => Buffer.from(data.subarray(0, 60)).toString('utf8').replace(/\s+/g, ' ').trim();
        let response: unknown;
        try {
          response = serializer.deserializeResponse(data);
        } catch (error) {
          // protobuf: the body does not decode.
          if (data && data.length > 0) pendingUndecodable = excerpt();
          throw error;
        }
        // OTLP/JSON: the SDK's JSON serializer swallows a parse error and returns {}; a JSON response
        // is an object, so a non-empty body that decodes to nothing and is not one was something else.
        const empty = typeof response === 'object' && response !== null && Object.keys(response).length === 0;
        if (empty && data && data.length > 0 && !excerpt().startsWith('{')) pendingUndecodable = excerpt();
        return response;
      },
    };
  }
  if (delegate?._responseHandler) {
    delegate._responseHandler = {
      handleResponse(response: unknown) {
        const partial = (response as { partialSuccess?: PartialSuccess } | undefined)?.partialSuccess;
        // Spec: an empty partial_success (no rejections, no message) is a plain success.
        if (
          partial &&
          (toCount(partial.rejectedSpans ?? partial.rejectedDataPoints ?? partial.rejectedLogRecords) > 0 || partial.errorMessage)
        )
          pendingPartial = partial;
      },
    };
  }
  const record = (count: number, started: number, items: T, result: ExportResult): void => {
    const partial = pendingPartial;
    const undecodable = pendingUndecodable;
    pendingPartial = undefined;
    pendingUndecodable = undefined;
    const attempt: ExportAttempt = { signal, items: count, outcome: 'success', durationMs: performance.now() - started };
    if (result.code !== ExportResultCode.SUCCESS) {
      attempt.outcome = 'failure';
      attempt.error = result.error ?? new Error('export failed without a reason');
    } else if (undecodable !== undefined) {
      attempt.outcome = 'failure';
      attempt.error = Object.assign(
        new Error(`the answer was a success status with a body that is not an OTLP response: "${undecodable}"`),
        { code: NOT_OTLP_RESPONSE },
      );
    } else if (partial) {
      attempt.outcome = 'partial';
      attempt.rejected = toCount(partial.rejectedSpans ?? partial.rejectedDataPoints ?? partial.rejectedLogRecords);
      if (partial.errorMessage) attempt.partialMessage = partial.errorMessage;
    }
    if (ledger.keepItems && attempt.outcome !== 'failure') ledger.kept[signal].push(items);
    ledger.attempts.push(attempt);
    for (const listener of ledger.listeners) listener(attempt);
  };
  const original = exporter.export.bind(exporter);
  exporter.export = (items: T, resultCallback: (result: ExportResult) => void) => {
    const started = performance.now();
    const count = countItems(items);
    let settle: () => void = () => undefined;
    const pending: PendingExport = { signal, items: count, settled: new Promise<void>((resolve) => (settle = resolve)) };
    ledger.pending.add(pending);
    const done = (): void => {
      ledger.pending.delete(pending);
      settle();
    };
    try {
      original(items, (result) => {
        record(count, started, items, result);
        done();
        resultCallback(result);
      });
    } catch (error) {
      done();
      throw error;
    }
  };
  return exporter;
}

/**
 * Resolve once no export is in flight. An export that ends can let a batch processor start the
 * next one, so this waits until the set stays empty.
 */
export async function exportsSettled(ledger: ExportLedger, signal?: Signal): Promise<void> {
  const waiting = (): PendingExport[] => [...ledger.pending].filter((p) => signal === undefined || p.signal === signal);
  for (let open = waiting(); open.length > 0; open = waiting()) await Promise.all(open.map((p) => p.settled));
}

/** Items of one signal in exports whose result has not come back. */
export function itemsInFlight(ledger: ExportLedger, signal: Signal): number {
  let items = 0;
  for (const p of ledger.pending) if (p.signal === signal) items += p.items;
  return items;
}

export interface SignalTally {
  signal: Signal;
  exports: number;
  items: number;
  /** Items in successful exports, minus those a partial success rejected. */
  accepted: number;
  rejected: number;
  /** Items in failed exports. */
  failed: number;
  outcome: ExportOutcome | 'nothing-sent';
  failures: ExportAttempt[];
  partials: ExportAttempt[];
}

/** Sum the attempts of one signal: any failure makes the signal a failure, else any partial a partial. */
export function tallySignal(ledger: ExportLedger, signal: Signal): SignalTally {
  const attempts = ledger.attempts.filter((a) => a.signal === signal);
  const failures = attempts.filter((a) => a.outcome === 'failure');
  const partials = attempts.filter((a) => a.outcome === 'partial');
  const items = attempts.reduce((n, a) => n + a.items, 0);
  const failed = failures.reduce((n, a) => n + a.items, 0);
  const rejected = partials.reduce((n, a) => n + (a.rejected ?? 0), 0);
  const outcome = attempts.length === 0 ? 'nothing-sent' : failures.length > 0 ? 'failure' : partials.length > 0 ? 'partial' : 'success';
  return { signal, exports: attempts.length, items, accepted: items - failed - rejected, rejected, failed, outcome, failures, partials };
}
