/**
 * Batching and export tuning, the settings the stream-processor telemetry guide's "Troubleshooting"
 * flags ("High Memory Usage", "Metrics Not Updating"):
 * - a span queue too small for the stated --expected-rate (the JS BatchSpanProcessor drops spans
 *   silently when its queue is full, and exports one batch at a time);
 * - a batch export timeout shorter than the exporter's own timeout (the batch processor gives up
 *   first, so the exporter's retries never happen);
 * - a metric export interval longer than the scrape interval (Prometheus sees stale points and
 *   rate() over short windows shows zero: "metrics not updating"); the interval comes from
 *   --scrape-interval or, with --prometheus, from Prometheus' own configuration.
 * Values that merely look like seconds are validate's rule (config.DURATION_LOOKS_LIKE_SECONDS).
 */
import type { Check, DoctorContext, Finding } from '../types.js';
import { describeSource } from '../../config/diagnostics.js';
import { finding } from './finding.js';
import { fetchScrapeInterval } from './prometheus-scrape.js';

/** A sensible queue: twice what arrives during one schedule delay, rounded up to a power of two. */
export function suggestedQueueSize(ratePerSecond: number, scheduleDelayMs: number): number {
  const needed = Math.ceil(((ratePerSecond * scheduleDelayMs) / 1000) * 2);
  return 2 ** Math.ceil(Math.log2(Math.max(needed, 2048)));
}

export const tuningCheck: Check = {
  id: 'tuning',
  title: 'Batching and export tuning',
  async run(context: DoctorContext): Promise<Finding[]> {
    const { config, options } = context;
    const batch = config.spanBatch;
    const findings: Finding[] = [];
    const tracesActive = context.activeSignals.includes('traces');
    if (tracesActive && options.expectedRate !== undefined && options.expectedRate > 0) {
      const rate = options.expectedRate;
      const perDelay = Math.ceil((rate * batch.scheduleDelayMs.value) / 1000);
      if (perDelay > batch.maxQueueSize.value) {
        findings.push(
          finding({
            code: 'TUNING_QUEUE_TOO_SMALL',
            status: 'warn',
            title: `span queue ${batch.maxQueueSize.value} < ${perDelay} spans arriving per ${batch.scheduleDelayMs.value} ms at ${rate}/s`,
            message: 'when the collector slows down for one schedule delay the queue overflows and the SDK drops spans without an error',
            hint: `Set OTEL_BSP_MAX_QUEUE_SIZE=${suggestedQueueSize(rate, batch.scheduleDelayMs.value)} (or lower OTEL_BSP_SCHEDULE_DELAY).`,
            target: describeSource(batch.maxQueueSize.source),
            details: { expectedRate: rate, maxQueueSize: batch.maxQueueSize.value, scheduleDelayMs: batch.scheduleDelayMs.value },
          }),
        );
      }
      const canary = (await context.facts.sentCanaries()).find((c) => c.signal === 'traces' && c.outcome.kind === 'success');
      if (canary?.warmLatencyMs !== undefined) {
        // One export in flight at a time (the JS BatchSpanProcessor waits for each): throughput is at
        // most one batch per round trip. A batch of real spans takes longer than the empty probe, so
        // this ceiling is optimistic: a warning here is certain.
        const latencyMs = Math.max(0.5, canary.warmLatencyMs);
        const ceiling = Math.floor((batch.maxExportBatchSize.value * 1000) / latencyMs);
        if (ceiling < rate) {
          findings.push(
            finding({
              code: 'TUNING_EXPORT_THROUGHPUT_TOO_LOW',
              status: 'warn',
              title: `batches of ${batch.maxExportBatchSize.value} at ${Math.round(latencyMs)} ms per export carry about ${ceiling} spans/s, below ${rate}/s`,
              message: 'the batch processor exports one batch at a time; the queue fills and spans are dropped',
              hint: `Raise OTEL_BSP_MAX_EXPORT_BATCH_SIZE (e.g. ${Math.min(batch.maxQueueSize.value, Math.ceil((rate * latencyMs) / 1000) * 2)}) or bring the collector closer.`,
              details: { exportLatencyMs: latencyMs, ceilingSpansPerSecond: ceiling },
            }),
          );
        }
      }
    }
    const exporterTimeout = config.traces.timeoutMs.value;
    if (tracesActive && batch.exportTimeoutMs.value > 0 && batch.exportTimeoutMs.value < exporterTimeout) {
      findings.push(
        finding({
          code: 'TUNING_BATCH_TIMEOUT_BELOW_EXPORTER_TIMEOUT',
          status: 'warn',
          title: `batch export timeout ${batch.exportTimeoutMs.value} ms < exporter timeout ${exporterTimeout} ms`,
          message:
            'the batch processor abandons an export before the exporter has finished trying, so slow exports are lost instead of retried',
          hint: `Set OTEL_BSP_EXPORT_TIMEOUT to at least ${exporterTimeout} (the default is 30000).`,
          target: describeSource(batch.exportTimeoutMs.source),
        }),
      );
    }
    const interval = config.metricReader.exportIntervalMs.value;
    let scrapeIntervalMs = options.scrapeIntervalMs;
    let scrapeSource = '--scrape-interval';
    if (scrapeIntervalMs === undefined && options.prometheusUrl && context.activeSignals.includes('metrics')) {
      scrapeIntervalMs = await fetchScrapeInterval(options.prometheusUrl, options.timeoutMs, context.signal);
      scrapeSource = 'the Prometheus configuration';
    }
    if (context.activeSignals.includes('metrics') && scrapeIntervalMs !== undefined && interval > scrapeIntervalMs) {
      findings.push(
        finding({
          code: 'TUNING_EXPORT_INTERVAL_EXCEEDS_SCRAPE',
          status: 'warn',
          title: `metrics export every ${interval} ms, scraped every ${scrapeIntervalMs} ms`,
          message: `${Math.floor(interval / scrapeIntervalMs) - 1} of every ${Math.floor(interval / scrapeIntervalMs)} scrapes see no new data: graphs step and short rate() windows show 0`,
          hint: `Set OTEL_METRIC_EXPORT_INTERVAL=${scrapeIntervalMs} (at most the scrape interval).`,
          target: describeSource(config.metricReader.exportIntervalMs.source),
          details: { exportIntervalMs: interval, scrapeIntervalMs, scrapeIntervalFrom: scrapeSource },
        }),
      );
    }
    if (!tracesActive && options.expectedRate !== undefined) {
      findings.push(
        finding({
          code: 'TUNING_QUEUE_NOT_CHECKED',
          status: 'skip',
          title: `--expected-rate ${options.expectedRate}: traces are not exported over OTLP`,
          message: 'the span queue was not checked against the rate (see the configuration findings)',
        }),
      );
    }
    if (findings.every((f) => f.status === 'skip')) {
      findings.push(
        finding({
          code: 'TUNING_OK',
          status: 'pass',
          title: `batches of ${batch.maxExportBatchSize.value} from a queue of ${batch.maxQueueSize.value} every ${batch.scheduleDelayMs.value} ms; metrics every ${interval} ms`,
          message:
            options.expectedRate && tracesActive
              ? `sized for ${options.expectedRate} spans/s`
              : 'pass --expected-rate <spans/s> to check the queue against your load',
        }),
      );
    }
    return findings;
  },
};
