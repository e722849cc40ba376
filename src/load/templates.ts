/**
 * Builds the fast engine's request templates for each signal from the synthetic stream processor
 * (src/synth): a few full-batch templates with different trace shapes to rotate through, and
 * smaller ones on demand for the last, partial batch of a run. A batch holds exactly `batchSize`
 * items: the last trace of a batch is cut to a prefix of its spans, which is still a well-formed
 * tree because parents precede their children in a plan.
 */
import { buildLogsTemplate } from '../synth/encode/logs-template.js';
import { buildMetricsTemplate } from '../synth/encode/metrics-template.js';
import type { RequestTemplate, TemplateFormat } from '../otlp/encode/template.js';
import { buildTraceTemplate } from '../synth/encode/trace-template.js';
import type { OtlpSignal } from '../otlp/transport/types.js';
import type { AttributeValue } from '../otlp/types.js';
import { planTrace } from '../synth/plan-trace.js';
import { createRandom } from '../synth/random.js';
import type { PlannedTrace, Scenario } from '../synth/types.js';

export interface TemplateFactoryOptions {
  signal: OtlpSignal;
  scenario: Scenario;
  format: TemplateFormat;
  resource: Record<string, AttributeValue>;
  serviceName: string;
  services?: number;
  seed: string;
  scope: { name: string; version: string };
}

export type TemplateFactory = (items: number) => RequestTemplate;

export function createTemplateFactory(options: TemplateFactoryOptions): TemplateFactory {
  const random = createRandom(`${options.seed}/load/${options.signal}`);
  let index = 0;
  const nextTrace = (): PlannedTrace =>
    planTrace(options.scenario, random, { index: index++, defaultService: options.serviceName, services: options.services });
  const common = { format: options.format, resource: options.resource, scope: options.scope };
  // Traces and logs name each item's service themselves (one resource per service); metrics come
  // from the configured service, and like the traces carry its service.name, without which a
  // backend cannot tell whose they are (https://opentelemetry.io/docs/specs/semconv/resource/#service).
  const metricsResource = { ...options.resource, 'service.name': options.serviceName };
  return (items: number) => {
    if (options.signal === 'metrics') return buildMetricsTemplate({ ...common, resource: metricsResource, points: items, random });
    if (options.signal === 'logs') return buildLogsTemplate({ ...common, records: items, nextTrace });
    // Links refer to earlier traces of the same request, so each template starts its own index run.
    index = 0;
    const traces: PlannedTrace[] = [];
    let spans = 0;
    while (spans < items) {
      const trace = nextTrace();
      const take = Math.min(trace.spans.length, items - spans);
      traces.push(take === trace.spans.length ? trace : { ...trace, spans: trace.spans.slice(0, take) });
      spans += take;
    }
    return buildTraceTemplate({ ...common, traces });
  };
}
