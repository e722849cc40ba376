/**
 * What the JS SDK really does with numbers the spec calls invalid but JavaScript's Number() accepts.
 *
 * @opentelemetry/core getNumberFromEnv (build/src/platform/node/environment.js:18-29) parses with
 * Number() and rejects only NaN, so `Infinity`, `1e309` (a double overflow), `-0` and `0x10` (hex,
 * also `0b`/`0o`) all come through as numbers. Then each consumer applies its own rule:
 * - sdk-node getNonNegativeNumberFromEnv (sdk-node build/src/utils.js:223-230) drops values <= 0
 *   (so `-0` too) and keeps Infinity; it feeds OTEL_BSP_* (create-from-env.js:74-77), OTEL_BLRP_*
 *   (utils.js:298-305) and OTEL_METRIC_EXPORT_INTERVAL/TIMEOUT (utils.js:235-236).
 * - the OTLP exporters' parseAndValidateTimeoutFromEnv (otlp-exporter-base
 *   build/src/configuration/shared-env-configuration.js:10-19) keeps only finite values > 0.
 * - the span limits go through getNumberFromEnv unchecked (sdk-node create-from-env.js:59-66).
 *
 * Infinity then reaches places that cannot hold it: sdk-trace BatchSpanProcessorBase keeps a queue of
 * `maxQueueSize` (an unbounded queue never drops and grows without limit) and arms setTimeout with
 * `scheduledDelayMillis` / `exportTimeoutMillis`; Node runs any timer above 2^31-1 ms after 1 ms
 * (https://nodejs.org/api/timers.html#settimeoutcallback-delay-args), and PeriodicExportingMetricReader
 * uses setInterval the same way.
 * The spec itself wants integers and says invalid values are ignored with a warning
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#numeric-value).
 */

/** The longest delay a Node timer holds; beyond it the timer fires after 1 ms. */
export const NODE_TIMER_MAX_MS = 2 ** 31 - 1;

/** How a variable's consumer in the JS SDK treats a non-finite or out-of-range number. */
export type NumberConsumer =
  /** OTLP exporter timeouts: only finite values > 0, else the default. */
  | 'finite-timeout'
  /** A delay given to setTimeout/setInterval (BSP/BLRP schedule delay and export timeout, metric interval/timeout). */
  | 'timer'
  /** A queue size: Infinity makes the queue unbounded. */
  | 'queue'
  /** A batch size: clamped to the queue size. */
  | 'batch'
  /** A limit (attribute counts and lengths): Infinity means no limit. */
  | 'limit';

/** Spelled as hex, binary or octal: Number() reads it, other SDKs (and the spec's integers) do not. */
export function nonDecimalNotation(text: string): string | undefined {
  const match = /^[+]?0([xob])/i.exec(text.trim());
  if (!match) return undefined;
  return { x: 'hexadecimal', o: 'octal', b: 'binary' }[match[1]!.toLowerCase()];
}

/** How `Infinity` came about, for the message: written as such, or a number too large for a double. */
export function infinitySpelling(text: string): string {
  return /^[+-]?Infinity$/.test(text.trim())
    ? 'is Infinity to the JS SDK (Number())'
    : 'overflows a double: the JS SDK (Number()) reads it as Infinity';
}

/** What the SDK does with +Infinity (or, for timers, any value above NODE_TIMER_MAX_MS), and why that hurts. */
export function consequenceOfHuge(name: string, consumer: NumberConsumer): string {
  switch (consumer) {
    case 'queue':
      return 'the batch queue is unbounded: it never drops, and when the exporter falls behind the process keeps every item in memory until it runs out';
    case 'batch':
      return 'the SDK clamps the batch size to the queue size, so a batch is exported only when the queue is full or on the schedule';
    case 'limit':
      return 'there is no limit: a runaway attribute or event list is kept whole in memory and on the wire';
    case 'timer':
      if (/SCHEDULE_DELAY$/.test(name))
        return 'Node fires a timer that long after 1 ms, so the processor exports almost every item on its own instead of in batches: far more requests';
      if (name === 'OTEL_METRIC_EXPORT_INTERVAL')
        return 'Node fires an interval that long every 1 ms, so metrics are collected and exported continuously';
      if (name === 'OTEL_METRIC_EXPORT_TIMEOUT') return 'the SDK clamps the export timeout to the export interval';
      return 'Node fires a timer that long after 1 ms, so every export is given up as timed out after 1 ms';
    case 'finite-timeout':
      return 'the exporter accepts only a finite timeout, so the default applies';
  }
}
