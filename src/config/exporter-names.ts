/**
 * OTEL_{TRACES,METRICS,LOGS}_EXPORTER: which names the spec defines, which the JS SDK (sdk-node)
 * implements, and what the SDK does with `none` next to other names (traces: falls back to otlp;
 * metrics and logs: exports nothing). The value returned is the list the SDK will really use.
 */
import type { DiagnosticSink } from './diagnostics.js';
import { abbreviate, reportCaseMismatch } from './env-reader.js';
import { nearestValue } from './known-variables.js';
import type { Signal, Sourced } from './types.js';

const JS_EXPORTERS: Record<Signal, readonly string[]> = {
  traces: ['otlp', 'zipkin', 'console', 'none'],
  metrics: ['otlp', 'prometheus', 'console', 'none'],
  logs: ['otlp', 'console', 'none'],
};
const SPEC_ONLY: Record<string, string> = {
  logging: 'deprecated in the spec in favour of "console", and the JS SDK does not accept it',
};
const REMOVED: Record<string, string> = {
  jaeger: 'the JS SDK removed the Jaeger exporter; Jaeger accepts OTLP directly, so use "otlp"',
};

export function resolveExporterNames(signal: Signal, configured: Sourced<string[]>, sink: DiagnosticSink): Sourced<string[]> {
  const name = configured.source.kind === 'env' ? configured.source.name : `the ${signal} exporter`;
  const source = configured.source;
  const unique = [...new Set(configured.value)];
  const known = JS_EXPORTERS[signal];
  const usable: string[] = [];
  for (const exporter of unique) {
    if (known.includes(exporter)) {
      usable.push(exporter);
    } else if (SPEC_ONLY[exporter]) {
      sink.report('EXPORTER_DEPRECATED', `${name} contains "${exporter}": ${SPEC_ONLY[exporter]}.`, { source, hint: 'Use "console".' });
    } else if (REMOVED[exporter]) {
      sink.report('EXPORTER_REMOVED', `${name} contains "${exporter}": ${REMOVED[exporter]}.`, { source });
    } else if (exporter === 'null') {
      // sdk-node silently filters the literal "null" out: nothing to say.
    } else if (!reportCaseMismatch(sink, name, exporter, known, source, 'it is skipped', 'error')) {
      const nearest = nearestValue(exporter, known);
      sink.report('EXPORTER_UNKNOWN', `${name} contains "${abbreviate(exporter, 40)}", which the JS SDK does not know; it is skipped.`, {
        source,
        hint: nearest ? `Did you mean "${nearest}"?` : `Use one of: ${known.join(', ')}.`,
      });
    }
  }
  if (usable.includes('none') && usable.length > 1) {
    // sdk-node: for traces a leading "none" wins, a later one makes it fall back to otlp; for
    // metrics and logs any "none" turns the signal off.
    const off = signal !== 'traces' || usable[0] === 'none';
    const outcome = off ? `the JS SDK exports no ${signal} at all` : 'the JS SDK ignores the list and uses "otlp" only';
    sink.report('EXPORTER_NONE_MIXED', `${name} mixes "none" with other exporters: ${outcome}.`, {
      source,
      hint: 'Use "none" alone to turn the signal off, or remove it.',
    });
    return { value: off ? ['none'] : ['otlp'], source };
  }
  return { value: usable, source };
}
