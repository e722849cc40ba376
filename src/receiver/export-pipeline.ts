/**
 * The transport-independent handling of one export request: authorise, decode (or just count),
 * delay, inject faults, store, and decide the answer. The gRPC and HTTP servers only read bodies
 * and translate the returned outcome into their wire answers.
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OtlpProtocol } from '../config/types.js';
import {
  countJsonItems,
  countProtobufItems,
  DecodeError,
  flattenExportRequest,
  parseExportRequest,
  type BodyEncoding,
  type ItemCount,
} from '../otlp/decode/index.js';
import { GRPC_CODE, HTTP_STATUS, type ExportOutcome } from './export-outcome.js';
import { createFaultInjector } from './faults.js';
import type { MutableStore } from './store.js';
import type { ReceivedDataPoint, ReceivedLogRecord, ReceivedSignal, ReceivedSpan, ReceiverOptions, RefusedRequest } from './types.js';

type Item = ReceivedSpan | ReceivedDataPoint | ReceivedLogRecord;

export interface ExportRequest {
  signal: ReceivedSignal;
  body: Uint8Array;
  encoding: BodyEncoding;
  protocol: OtlpProtocol;
  /** A request header (HTTP) or metadata value (gRPC), by lowercase name. */
  header(name: string): string | undefined;
}

export interface ExportPipeline {
  handle(request: ExportRequest): Promise<ExportOutcome>;
  /** The required-header check alone, so a front end can refuse before reading the body. */
  authorize(header: ExportRequest['header']): Extract<ExportOutcome, { ok: false }> | undefined;
  /** A request the front end refused before it reached the pipeline (413, 415, bad gzip): counted and reported. */
  recordRefused(refusal: RefusedRequest): void;
  /** Something that was not an export request (404, 405): reported, not counted. */
  notifyRefused(refusal: RefusedRequest): void;
  /** Ends pending delays so that in-flight requests answer at once. */
  stop(): void;
}

export function createExportPipeline(store: MutableStore, options: ReceiverOptions): ExportPipeline {
  const faults = createFaultInjector(options.faults);
  const stopping = new AbortController();
  // Every delayed request listens on this signal; hundreds in flight are normal under load.
  setMaxListeners(0, stopping.signal);
  const required = options.requireHeader
    ? { name: options.requireHeader.name.toLowerCase(), value: options.requireHeader.value }
    : undefined;

  function authorize(header: ExportRequest['header']): Extract<ExportOutcome, { ok: false }> | undefined {
    if (!required || header(required.name) === required.value) return undefined;
    // The header value is a secret: never echo it, only its name.
    return { ok: false, failure: 'unauthenticated', message: `missing or wrong "${required.name}" header` };
  }

  async function handle(request: ExportRequest): Promise<ExportOutcome> {
    store.counts.requests += 1;
    // Settle on arrival too, so a waiter can see a request that is still being delayed.
    store.settle();
    const outcome = await decide(request);
    if (!outcome.ok) {
      store.counts.failedRequests += 1;
      const grpc = request.protocol === 'grpc';
      options.onRefused?.({
        transport: grpc ? 'grpc' : 'http',
        signal: request.signal,
        status: grpc ? GRPC_CODE[outcome.failure] : HTTP_STATUS[outcome.failure],
        message: outcome.message,
        injected: outcome.injected === true,
      });
    }
    store.settle();
    return outcome;
  }

  async function decide(request: ExportRequest): Promise<ExportOutcome> {
    const refusal = authorize(request.header);
    if (refusal) return refusal;
    let count: ItemCount;
    let items: Item[] | undefined;
    try {
      ({ count, items } = decode(request));
    } catch (error) {
      if (error instanceof DecodeError) return { ok: false, failure: 'invalid-argument', message: error.message };
      throw error;
    }
    if (options.faults?.delayMs) await sleep(options.faults.delayMs, undefined, { signal: stopping.signal }).catch(() => undefined);
    const injected = faults.next();
    if (injected) {
      store.reject(request.signal, count.total);
      return injected;
    }
    const rejected = faults.partiallyRejected(count.total);
    const acceptedItems = items && rejected > 0 ? items.slice(0, items.length - rejected) : items;
    store.accept(request.signal, withoutRejected(count, rejected), options.keepItems === false ? undefined : acceptedItems);
    if (rejected > 0) store.reject(request.signal, rejected);
    if (acceptedItems && options.onItem) {
      let pending: Promise<void> | undefined;
      for (const item of acceptedItems) {
        const result = options.onItem(request.signal, item);
        if (result) pending = result;
      }
      // The output could not take them (the --out file failed): the sender must not be told they were kept.
      if (pending) {
        try {
          await pending;
        } catch (error) {
          return { ok: false, failure: 'unavailable', message: `the receiver could not save the items: ${(error as Error).message}` };
        }
      }
    }
    return {
      ok: true,
      rejected,
      errorMessage: rejected > 0 ? `${rejected} item(s) rejected by fault injection (--partial-success)` : '',
    };
  }

  function decode(request: ExportRequest): { count: ItemCount; items?: Item[] } {
    if (options.countOnly) {
      if (request.encoding === 'protobuf') return { count: countProtobufItems(request.signal, request.body) };
      return { count: countJsonItems(request.signal, parseExportRequest(request.signal, request.body, 'json')) };
    }
    const parsed = parseExportRequest(request.signal, request.body, request.encoding);
    const items: Item[] = flattenExportRequest(request.signal, parsed, request.protocol).items;
    return { count: countByService(items), items };
  }

  return {
    handle,
    authorize,
    recordRefused(refusal) {
      store.counts.requests += 1;
      store.counts.failedRequests += 1;
      options.onRefused?.(refusal);
      store.settle();
    },
    notifyRefused(refusal) {
      options.onRefused?.(refusal);
    },
    stop() {
      stopping.abort();
    },
  };
}

function countByService(items: Item[]): ItemCount {
  const byService = new Map<string, number>();
  for (const item of items) {
    const service = item.resource['service.name'];
    const key = typeof service === 'string' ? service : '';
    byService.set(key, (byService.get(key) ?? 0) + 1);
  }
  return { total: items.length, byService };
}

/** Partial success rejects the last `rejected` items: take them off the last services first. */
function withoutRejected(count: ItemCount, rejected: number): ItemCount {
  if (rejected === 0) return count;
  const entries = [...count.byService];
  let remaining = rejected;
  for (let index = entries.length - 1; index >= 0 && remaining > 0; index -= 1) {
    const taken = Math.min(entries[index]![1], remaining);
    entries[index]![1] -= taken;
    remaining -= taken;
  }
  return { total: count.total - rejected, byService: new Map(entries) };
}
