/**
 * The composite propagator named by OTEL_PROPAGATORS
 * (https://opentelemetry.io/docs/specs/otel/context/api-propagators/#propagators-distribution).
 * `none` alone means no propagation; names the JS distribution cannot build here
 * (xray and ottrace need contrib packages) are skipped and reported, as the JS SDK warns and skips.
 */
import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { JaegerPropagator } from '@opentelemetry/propagator-jaeger';

export interface BuiltPropagator {
  propagator: TextMapPropagator;
  /** The names in use, in order. */
  names: string[];
  /** Configured names that could not be built. */
  skipped: string[];
}

const FACTORIES: Record<string, () => TextMapPropagator> = {
  tracecontext: () => new W3CTraceContextPropagator(),
  baggage: () => new W3CBaggagePropagator(),
  b3: () => new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
  b3multi: () => new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  jaeger: () => new JaegerPropagator(),
};

export function buildPropagator(names: readonly string[]): BuiltPropagator {
  const used: string[] = [];
  const skipped: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name === '' || name === 'none') continue;
    if (FACTORIES[name] && !used.includes(name)) used.push(name);
    else if (!FACTORIES[name]) skipped.push(name);
  }
  // `none` anywhere in the list disables propagation, like the JS SDK does.
  if (names.map((n) => n.trim()).includes('none')) return { propagator: new CompositePropagator({ propagators: [] }), names: [], skipped };
  return { propagator: new CompositePropagator({ propagators: used.map((name) => FACTORIES[name]!()) }), names: used, skipped };
}
