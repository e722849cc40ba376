/**
 * Where the receiver keeps what it accepted: the decoded items (unless countOnly), counters, and
 * per-service counts; and `waitFor`, so tests and commands can await "these spans arrived"
 * instead of sleeping.
 */
import type { ItemCount } from '../otlp/decode/index.js';
import type {
  ReceivedDataPoint,
  ReceivedLogRecord,
  ReceivedSignal,
  ReceivedSpan,
  ReceivedStore,
  ReceiverCounts,
  ServiceCounts,
} from './types.js';

const ACCEPTED_KEY = { traces: 'spans', metrics: 'dataPoints', logs: 'logRecords' } as const;
const REJECTED_KEY = { traces: 'rejectedSpans', metrics: 'rejectedDataPoints', logs: 'rejectedLogRecords' } as const;

interface Waiter {
  predicate: (store: ReceivedStore) => boolean;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export interface MutableStore extends ReceivedStore {
  /** Records accepted items: `items` are stored when given (not countOnly), `count` always. */
  accept(signal: ReceivedSignal, count: ItemCount, items?: Array<ReceivedSpan | ReceivedDataPoint | ReceivedLogRecord>): void;
  reject(signal: ReceivedSignal, items: number): void;
  /** Called after every request, accepted or not, to settle waiters. */
  settle(): void;
  /** Rejects every pending waitFor (the receiver is stopping). */
  close(): void;
}

export function createStore(): MutableStore {
  const waiters = new Set<Waiter>();
  const counts: ReceiverCounts = {
    requests: 0,
    spans: 0,
    dataPoints: 0,
    logRecords: 0,
    rejectedSpans: 0,
    rejectedDataPoints: 0,
    rejectedLogRecords: 0,
    failedRequests: 0,
  };
  const store: MutableStore = {
    spans: [],
    dataPoints: [],
    logRecords: [],
    counts,
    byService: {},
    accept(signal, count, items) {
      counts[ACCEPTED_KEY[signal]] += count.total;
      for (const [service, number] of count.byService) {
        store.byService[service] ??= { spans: 0, dataPoints: 0, logRecords: 0 };
        const entry: ServiceCounts = store.byService[service];
        entry[ACCEPTED_KEY[signal]] += number;
      }
      if (!items) return;
      // push in a loop: spreading a large request into push() can overflow the call stack.
      const target = store[ACCEPTED_KEY[signal]] as unknown[];
      for (const item of items) target.push(item);
    },
    reject(signal, items) {
      counts[REJECTED_KEY[signal]] += items;
    },
    settle() {
      for (const waiter of waiters) {
        let done: boolean;
        try {
          done = waiter.predicate(store);
        } catch (error) {
          finish(waiter);
          waiter.reject(error as Error);
          continue;
        }
        if (done) {
          finish(waiter);
          waiter.resolve();
        }
      }
    },
    close() {
      for (const waiter of waiters) {
        finish(waiter);
        waiter.reject(new Error('the receiver stopped before the awaited items arrived'));
      }
    },
    waitFor(predicate, timeoutMs) {
      if (predicate(store)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            finish(waiter);
            reject(new Error(`timed out after ${timeoutMs} ms waiting for received items (${describe(counts)})`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
  };
  function finish(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    waiters.delete(waiter);
  }
  return store;
}

function describe(counts: ReceiverCounts): string {
  return `so far ${counts.spans} spans, ${counts.dataPoints} data points, ${counts.logRecords} log records in ${counts.requests} requests`;
}
