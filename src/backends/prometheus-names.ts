/**
 * The OTLP → Prometheus name translation the Collector's prometheus exporter applies
 * (https://opentelemetry.io/docs/specs/otel/compatibility/prometheus_and_openmetrics/, and the
 * Collector's https://github.com/open-telemetry/opentelemetry-collector-contrib/tree/main/pkg/translator/prometheus):
 * dots become underscores, the unit becomes a suffix (`ms` → `_milliseconds`,
 * `{annotations}` vanish), counters end in `_total`, histograms are queried by `_bucket`.
 */

const UNIT_SUFFIX: Record<string, string> = { ms: 'milliseconds', s: 'seconds', By: 'bytes', '1': 'ratio', min: 'minutes', h: 'hours' };

/** What the translation reads of an OTLP instrument. */
export interface OtlpInstrument {
  name: string;
  unit: string;
  type: 'counter' | 'histogram' | 'gauge';
}

/** The series name to query for an instrument (histograms by their `_bucket` series). */
export function prometheusName(instrument: OtlpInstrument): string {
  let name = instrument.name.replace(/[^a-zA-Z0-9_:]/g, '_');
  const unit = instrument.unit.replace(/\{[^}]*\}/g, '');
  const suffix = UNIT_SUFFIX[unit] ?? unit.replace(/[^a-zA-Z0-9]/g, '_');
  if (suffix && !name.endsWith(`_${suffix}`)) name += `_${suffix}`;
  if (instrument.type === 'counter') return `${name}_total`;
  if (instrument.type === 'histogram') return `${name}_bucket`;
  return name;
}

/** An attribute key as a Prometheus label name: every character outside [a-zA-Z0-9_] becomes `_`. */
export function prometheusLabelName(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** Label matcher for the job label the exporter derives from service.namespace/service.name (`namespace/name`). */
export function serviceJobMatcher(service: string): string {
  // A regex that matches the name literally, then written as a PromQL string (Go escapes: \\ and \").
  const regex = service.replace(/[\\.^$|?*+()[\]{}]/g, '\\$&');
  const escaped = regex.replace(/[\\"]/g, '\\$&');
  return `job=~"(.+/)?${escaped}"`;
}
