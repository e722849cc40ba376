/**
 * The human view of what `otel-proc receive` got: a one-line live status (per signal, per service,
 * spans per second) and the final tally. Pure text; the session decides where it goes.
 */
import type { ReceivedStore, ReceiverCounts, RefusedRequest, ServiceCounts } from './types.js';

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
const serviceLabel = (service: string): string => (service === '' ? '(no service.name)' : service);

function itemsOf(counts: ServiceCounts): string {
  const parts: string[] = [];
  if (counts.spans > 0) parts.push(plural(counts.spans, 'span', 'spans'));
  if (counts.dataPoints > 0) parts.push(plural(counts.dataPoints, 'data point', 'data points'));
  if (counts.logRecords > 0) parts.push(plural(counts.logRecords, 'log record', 'log records'));
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

export function totalItems(counts: ReceiverCounts): number {
  return counts.spans + counts.dataPoints + counts.logRecords;
}

/** e.g. "1,204 spans (312/s) · 60 data points · 4 log records · 9 requests · checkout: 1,200 spans, 60 data points" */
export function formatLiveLine(store: ReceivedStore, spansPerSecond: number, maxServices = 3): string {
  const { counts } = store;
  const parts = [
    `${plural(counts.spans, 'span', 'spans')} (${Math.round(spansPerSecond)}/s)`,
    plural(counts.dataPoints, 'data point', 'data points'),
    plural(counts.logRecords, 'log record', 'log records'),
    plural(counts.requests, 'request', 'requests') + (counts.failedRequests > 0 ? ` (${counts.failedRequests} failed)` : ''),
  ];
  const services = Object.entries(store.byService).sort(([, a], [, b]) => itemsTotal(b) - itemsTotal(a));
  for (const [service, serviceCounts] of services.slice(0, maxServices)) parts.push(`${serviceLabel(service)}: ${itemsOf(serviceCounts)}`);
  if (services.length > maxServices) parts.push(`+${services.length - maxServices} more services`);
  return parts.join(' · ');
}

function itemsTotal(counts: ServiceCounts): number {
  return counts.spans + counts.dataPoints + counts.logRecords;
}

/** The final tally: totals, a table per service, and what was refused. */
export function formatTally(store: ReceivedStore, elapsedMs: number): string {
  const { counts } = store;
  const seconds = elapsedMs / 1_000;
  const lines = [
    `received ${plural(counts.spans, 'span', 'spans')}, ${plural(counts.dataPoints, 'data point', 'data points')}, ` +
      `${plural(counts.logRecords, 'log record', 'log records')} in ${plural(counts.requests, 'request', 'requests')} ` +
      `over ${seconds.toFixed(1)} s` +
      (seconds > 0 && counts.spans > 0 ? ` (${Math.round(counts.spans / seconds)} spans/s)` : ''),
  ];
  const services = Object.entries(store.byService).sort(([a], [b]) => a.localeCompare(b));
  if (services.length > 0) {
    const rows = [
      ['service', 'spans', 'data points', 'log records'],
      ...services.map(([service, c]) => [serviceLabel(service), String(c.spans), String(c.dataPoints), String(c.logRecords)]),
    ];
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
    for (const row of rows)
      lines.push(
        `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')}`,
      );
  }
  if (counts.failedRequests > 0) lines.push(`failed requests: ${counts.failedRequests} (refused, undecodable or injected failures)`);
  const rejected = counts.rejectedSpans + counts.rejectedDataPoints + counts.rejectedLogRecords;
  if (rejected > 0) {
    lines.push(
      `rejected items: ${counts.rejectedSpans} spans, ${counts.rejectedDataPoints} data points, ${counts.rejectedLogRecords} log records (partial success or injected failures)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const GRPC_STATUS_NAMES: Record<number, string> = {
  3: 'INVALID_ARGUMENT',
  8: 'RESOURCE_EXHAUSTED',
  12: 'UNIMPLEMENTED',
  14: 'UNAVAILABLE',
  16: 'UNAUTHENTICATED',
};

/** e.g. "refused an OTLP/HTTP traces request: 415 unsupported Content-Type ..." */
export function formatRefusal(refusal: RefusedRequest): string {
  const what = `${refusal.transport === 'grpc' ? 'OTLP/gRPC' : 'OTLP/HTTP'}${refusal.signal ? ` ${refusal.signal}` : ''} request`;
  const status =
    refusal.transport === 'grpc' ? `${GRPC_STATUS_NAMES[refusal.status] ?? 'status'} (${refusal.status})` : String(refusal.status);
  return `refused an ${what}: ${status} ${refusal.message}`;
}
