/**
 * Advice the Collector does not enforce but its maintainers give: memory_limiter first in every
 * pipeline, batching after it, no debug-only pipelines, queues and retries on network exporters,
 * health_check and the Collector's own metrics on so it can be observed.
 * https://github.com/open-telemetry/opentelemetry-collector/blob/main/processor/memorylimiterprocessor/README.md
 * https://opentelemetry.io/docs/security/config-best-practices/
 */
import type { CollectorFindings } from '../findings.js';
import { isAllInterfaces, isPrivateHost, parseHostPort } from '../hosts.js';
import type { CollectorModel } from '../model.js';
import { at, child, scalarValue, stringAt, type ConfigNode } from '../tree.js';

export const SINK_EXPORTER_TYPES = new Set(['debug', 'nop', 'logging']);
/** Exporters that write locally or are scraped: no network queue to keep. */
const LOCAL_EXPORTER_TYPES = new Set([...SINK_EXPORTER_TYPES, 'file', 'prometheus']);

export interface PracticeOptions {
  /** The app is deployed to production (deployment.environment.name), so exposure matters. */
  production: boolean;
}

function checkProcessorOrder(model: CollectorModel, findings: CollectorFindings): void {
  for (const pipeline of model.pipelines) {
    const types = pipeline.processors.map((ref) => ref.type);
    const limiter = types.indexOf('memory_limiter');
    const where = { origin: pipeline.origin, key: `service.pipelines.${pipeline.id}.processors` };
    if (limiter < 0) {
      findings.report(
        'COLLECTOR_MEMORY_LIMITER_MISSING',
        `pipeline "${pipeline.id}" has no memory_limiter: under load the Collector can run out of memory instead of refusing data`,
        where,
        'define processors.memory_limiter and put it first in the pipeline',
      );
      continue;
    }
    const ref = pipeline.processors[limiter]!;
    const batch = types.indexOf('batch');
    if (batch >= 0 && batch < limiter)
      findings.report(
        'COLLECTOR_BATCH_BEFORE_MEMORY_LIMITER',
        `pipeline "${pipeline.id}" batches before memory_limiter, so refused data is already batched`,
        pipeline.processors[batch]!,
        'put memory_limiter before batch',
      );
    if (limiter > 0)
      findings.report(
        'COLLECTOR_MEMORY_LIMITER_NOT_FIRST',
        `pipeline "${pipeline.id}" runs ${types.slice(0, limiter).join(', ')} before memory_limiter`,
        ref,
        'move memory_limiter to the front of processors',
      );
  }
}

function checkExporters(model: CollectorModel, findings: CollectorFindings): void {
  for (const exporter of model.components.exporters.values()) {
    const key = `exporters.${exporter.id}`;
    const config = exporter.config;
    if (exporter.type === 'debug' && String(scalarValue(child(config, 'verbosity')) ?? '') === 'detailed') {
      const node = child(config, 'verbosity')!;
      findings.report(
        'COLLECTOR_DEBUG_DETAILED',
        `exporter "${exporter.id}" logs every item in full (verbosity: detailed)`,
        { origin: node.origin, key: `${key}.verbosity` },
        'use verbosity: basic (or normal) outside debugging sessions',
      );
    }
    const endpoint = stringAt(config, 'endpoint');
    const host = endpoint === undefined ? undefined : parseHostPort(endpoint)?.host;
    for (const flag of ['insecure', 'insecure_skip_verify']) {
      const node = at(config, `tls.${flag}`);
      if (scalarValue(node) !== true || host === undefined || isPrivateHost(host)) continue;
      const what = flag === 'insecure' ? 'sends without TLS' : 'does not verify the server certificate';
      findings.report(
        'COLLECTOR_TLS_INSECURE_REMOTE',
        `exporter "${exporter.id}" ${what} to ${host}, outside the private network`,
        { origin: node!.origin, key: `${key}.tls.${flag}` },
        'remove it and trust the server with tls.ca_file',
      );
    }
    if (LOCAL_EXPORTER_TYPES.has(exporter.type)) continue;
    for (const section of ['sending_queue', 'retry_on_failure']) {
      const node = at(config, `${section}.enabled`);
      if (scalarValue(node) !== false) continue;
      findings.report(
        'COLLECTOR_EXPORTER_QUEUE_DISABLED',
        `exporter "${exporter.id}" has ${section} disabled: data is dropped whenever ${exporter.id.split('/')[0]} cannot send at once`,
        { origin: node!.origin, key: `${key}.${section}.enabled` },
        `remove ${section}.enabled: false`,
      );
    }
  }
}

function checkSinkPipelines(model: CollectorModel, findings: CollectorFindings): void {
  for (const pipeline of model.pipelines) {
    if (pipeline.exporters.length === 0) continue;
    const real = pipeline.exporters.filter((ref) => !SINK_EXPORTER_TYPES.has(ref.type) && !model.components.connectors.has(ref.id));
    const viaConnector = pipeline.exporters.some((ref) => model.components.connectors.has(ref.id));
    if (real.length === 0 && !viaConnector) {
      findings.report(
        'COLLECTOR_PIPELINE_NO_REAL_EXPORTER',
        `pipeline "${pipeline.id}" only exports to ${pipeline.exporters.map((ref) => ref.id).join(', ')}: its data goes nowhere`,
        { origin: pipeline.origin, key: `service.pipelines.${pipeline.id}.exporters` },
        'add an exporter to a backend (otlp_grpc, otlp_http, prometheus, file)',
      );
    }
  }
}

function receiverEndpoints(config: ConfigNode | undefined): Array<{ node: ConfigNode; key: string }> {
  const found: Array<{ node: ConfigNode; key: string }> = [];
  const direct = child(config, 'endpoint');
  if (direct) found.push({ node: direct, key: 'endpoint' });
  for (const protocol of ['grpc', 'http']) {
    const node = at(config, `protocols.${protocol}.endpoint`);
    if (node) found.push({ node, key: `protocols.${protocol}.endpoint` });
  }
  return found;
}

function checkExposure(model: CollectorModel, options: PracticeOptions, findings: CollectorFindings): void {
  if (!options.production) return;
  for (const receiver of model.components.receivers.values()) {
    for (const { node, key } of receiverEndpoints(receiver.config)) {
      const parsed = parseHostPort(String(scalarValue(node) ?? ''));
      if (parsed === undefined || !isAllInterfaces(parsed.host)) continue;
      findings.report(
        'COLLECTOR_RECEIVER_ALL_INTERFACES',
        `receiver "${receiver.id}" listens on every interface (${String(scalarValue(node))}) in production`,
        { origin: node.origin, key: `receivers.${receiver.id}.${key}` },
        `bind the address the clients use, e.g. \${env:MY_POD_IP}:${parsed.port ?? ''}`,
      );
    }
  }
}

function checkObservability(model: CollectorModel, findings: CollectorFindings): void {
  const service = child(model.root, 'service');
  const where = { origin: (service ?? model.root)!.origin, key: 'service.extensions' };
  if (!model.serviceExtensions.some((ref) => ref.type === 'health_check' || ref.type === 'healthcheckv2')) {
    findings.report(
      'COLLECTOR_HEALTH_CHECK_MISSING',
      'no health_check extension is enabled: orchestrator probes and otel-proc doctor cannot ask the Collector whether it is up',
      where,
      'define extensions.health_check (endpoint: 0.0.0.0:13133 in a container) and list it in service.extensions',
    );
  }
  const level = at(model.root, 'service.telemetry.metrics.level');
  if (String(scalarValue(level) ?? '') === 'none') {
    findings.report(
      'COLLECTOR_TELEMETRY_METRICS_DISABLED',
      "the Collector's own metrics are off: nobody (otel-proc doctor included) can see what it drops",
      { origin: level!.origin, key: 'service.telemetry.metrics.level' },
      'use level: normal (or detailed)',
    );
  }
}

export function checkPractice(model: CollectorModel, options: PracticeOptions, findings: CollectorFindings): void {
  if (model.pipelines.length === 0) return;
  checkProcessorOrder(model, findings);
  checkExporters(model, findings);
  checkSinkPipelines(model, findings);
  checkExposure(model, options, findings);
  checkObservability(model, findings);
}
