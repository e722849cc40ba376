/**
 * What the Collector checks before it starts (`otelcol validate`): components exist, pipelines
 * reference only defined components, have receivers and exporters and a known signal, processors
 * are not repeated, connectors join two pipelines, types exist in the distribution. Also the
 * accepted-but-pointless: unused components and repeated receivers, exporters and extensions.
 * https://github.com/open-telemetry/opentelemetry-collector/blob/main/otelcol/config.go
 * https://github.com/open-telemetry/opentelemetry-collector/blob/main/service/pipelines/config.go
 */
import { findComponent, type ComponentCatalog } from '../distribution.js';
import type { CollectorFindings } from '../findings.js';
import { COMPONENT_KINDS, SINGULAR, type CollectorModel, type ComponentKind, type Reference } from '../model.js';
import { child, type ConfigNode } from '../tree.js';

const SIGNALS = ['traces', 'metrics', 'logs'];

function checkIds(model: CollectorModel, findings: CollectorFindings): void {
  for (const kind of COMPONENT_KINDS) {
    for (const definition of model.components[kind].values()) {
      if (definition.invalid)
        findings.report(
          'COLLECTOR_COMPONENT_ID_INVALID',
          `${kind}: "${definition.id}" is not a valid id: ${definition.invalid}`,
          { origin: definition.origin, key: `${kind}.${definition.id}` },
          'write type or type/name, e.g. otlp or otlp/internal',
        );
    }
  }
}

function checkTopLevel(model: CollectorModel, findings: CollectorFindings): void {
  const root = model.root;
  const origin = root?.origin;
  const where = origin ? { origin, key: '' } : undefined;
  const count = (kind: ComponentKind): number => model.components[kind].size;
  if (COMPONENT_KINDS.every((kind) => count(kind) === 0)) {
    findings.report(
      'COLLECTOR_CONFIG_EMPTY',
      'the configuration defines no component at all',
      where,
      'start from `otel-proc init` or the Collector documentation example',
    );
    return;
  }
  if (count('receivers') === 0)
    findings.report(
      'COLLECTOR_RECEIVERS_MISSING',
      'no receiver is defined: the Collector refuses to start',
      where,
      'add receivers: { otlp: { protocols: { grpc: {}, http: {} } } }',
    );
  if (count('exporters') === 0)
    findings.report(
      'COLLECTOR_EXPORTERS_MISSING',
      'no exporter is defined: the Collector refuses to start',
      where,
      'add an exporter (otlp_grpc, otlp_http, ...) and use it in a pipeline',
    );
  if (model.pipelines.length === 0) {
    const pipelines = child(child(root, 'service'), 'pipelines');
    const at = pipelines ? { origin: pipelines.origin, key: 'service.pipelines' } : where;
    findings.report(
      'COLLECTOR_PIPELINES_MISSING',
      'service.pipelines is missing or empty: the Collector needs at least one pipeline',
      at,
      'add service.pipelines.traces (or metrics, logs) with receivers and exporters',
    );
  }
}

function checkPipelines(model: CollectorModel, catalog: ComponentCatalog | undefined, findings: CollectorFindings): void {
  const defined = model.components;
  for (const pipeline of model.pipelines) {
    const key = `service.pipelines.${pipeline.id}`;
    const signalKnown = SIGNALS.includes(pipeline.signal);
    if (!signalKnown) {
      const detail =
        pipeline.signal === 'profiles'
          ? 'profiles pipelines need the Collector feature gate service.profilesSupport'
          : `"${pipeline.signal}" is not traces, metrics or logs`;
      findings.report(
        'COLLECTOR_PIPELINE_SIGNAL_INVALID',
        `pipeline "${pipeline.id}": ${detail}`,
        { origin: pipeline.origin, key },
        'name pipelines traces, metrics or logs, optionally with /name: traces/backend',
      );
    }
    if (pipeline.receivers.length === 0)
      findings.report(
        'COLLECTOR_PIPELINE_NO_RECEIVERS',
        `pipeline "${pipeline.id}" has no receivers`,
        { origin: pipeline.origin, key },
        `add receivers: [otlp] under ${key}`,
      );
    if (pipeline.exporters.length === 0)
      findings.report(
        'COLLECTOR_PIPELINE_NO_EXPORTERS',
        `pipeline "${pipeline.id}" has no exporters`,
        { origin: pipeline.origin, key },
        `add exporters: [...] under ${key}`,
      );
    const lists: Array<[Reference[], ComponentKind[], 'receivers' | 'processors' | 'exporters']> = [
      [pipeline.receivers, ['receivers', 'connectors'], 'receivers'],
      [pipeline.processors, ['processors'], 'processors'],
      [pipeline.exporters, ['exporters', 'connectors'], 'exporters'],
    ];
    for (const [refs, kinds, list] of lists) {
      const seen = new Set<string>();
      for (const ref of refs) {
        if (ref.invalid) {
          findings.report('COLLECTOR_COMPONENT_ID_INVALID', `${ref.key}: "${ref.id}" is not a valid id: ${ref.invalid}`, ref);
          continue;
        }
        if (seen.has(ref.id)) {
          if (list === 'processors')
            findings.report(
              'COLLECTOR_PROCESSOR_DUPLICATE',
              `pipeline "${pipeline.id}" lists processor "${ref.id}" twice: the Collector refuses this`,
              ref,
              'list each processor once per pipeline',
            );
          else
            findings.report(
              'COLLECTOR_DUPLICATE_ID',
              `pipeline "${pipeline.id}" lists ${SINGULAR[list]} "${ref.id}" twice; the repeat does nothing`,
              ref,
              'remove the repeat',
            );
        }
        seen.add(ref.id);
        if (!kinds.some((kind) => defined[kind].has(ref.id))) {
          const elsewhere = COMPONENT_KINDS.find((kind) => !kinds.includes(kind) && defined[kind].has(ref.id));
          findings.report(
            'COLLECTOR_COMPONENT_UNDEFINED',
            `pipeline "${pipeline.id}" uses ${SINGULAR[list]} "${ref.id}", which is not defined under ${list}${elsewhere ? ` (it is defined under ${elsewhere})` : ''}`,
            ref,
            elsewhere
              ? `move "${ref.id}" to the ${elsewhere} list of the pipeline, or define it under ${list}`
              : `define ${list}.${ref.id}, or remove it from the pipeline`,
          );
        } else if (catalog && signalKnown) {
          const kind = kinds.find((candidate) => defined[candidate].has(ref.id))!;
          if (kind !== 'connectors') checkSignalSupport(kind, ref, pipeline.signal, catalog, findings);
        }
      }
    }
  }
  const seen = new Set<string>();
  for (const ref of model.serviceExtensions) {
    if (ref.invalid) {
      findings.report('COLLECTOR_COMPONENT_ID_INVALID', `service.extensions: "${ref.id}" is not a valid id: ${ref.invalid}`, ref);
      continue;
    }
    if (seen.has(ref.id))
      findings.report(
        'COLLECTOR_DUPLICATE_ID',
        `service.extensions lists "${ref.id}" twice; the repeat does nothing`,
        ref,
        'remove the repeat',
      );
    seen.add(ref.id);
    if (!defined.extensions.has(ref.id))
      findings.report(
        'COLLECTOR_EXTENSION_UNDEFINED',
        `service.extensions lists "${ref.id}", which is not defined under extensions`,
        ref,
        `define extensions.${ref.id}, or remove it from service.extensions`,
      );
  }
}

function checkSignalSupport(
  kind: ComponentKind,
  ref: Reference,
  signal: string,
  catalog: ComponentCatalog,
  findings: CollectorFindings,
): void {
  const signals = findComponent(catalog, kind, ref.type)?.signals;
  if (!signals || signals.includes(signal)) return;
  findings.report(
    'COLLECTOR_COMPONENT_SIGNAL_UNSUPPORTED',
    `${SINGULAR[kind]} "${ref.id}" does not support ${signal} (only ${signals.join(', ')})`,
    ref,
    `remove it from this pipeline or use it in a ${signals.join('/')} pipeline`,
  );
}

function checkUnused(model: CollectorModel, findings: CollectorFindings): void {
  const used = new Set<string>();
  for (const pipeline of model.pipelines)
    for (const ref of [...pipeline.receivers, ...pipeline.processors, ...pipeline.exporters]) used.add(ref.id);
  for (const kind of ['receivers', 'processors', 'exporters', 'connectors'] as const) {
    for (const definition of model.components[kind].values()) {
      if (!used.has(definition.id) && !definition.invalid)
        findings.report(
          'COLLECTOR_COMPONENT_UNUSED',
          `${SINGULAR[kind]} "${definition.id}" is defined but no pipeline uses it; the Collector ignores it`,
          { origin: definition.origin, key: `${kind}.${definition.id}` },
          'add it to a pipeline, or delete it',
        );
    }
  }
  const enabled = new Set(model.serviceExtensions.map((ref) => ref.id));
  for (const definition of model.components.extensions.values()) {
    if (!enabled.has(definition.id) && !definition.invalid)
      findings.report(
        'COLLECTOR_COMPONENT_UNUSED',
        `extension "${definition.id}" is defined but not listed in service.extensions; it never starts`,
        { origin: definition.origin, key: `extensions.${definition.id}` },
        `add it to service.extensions`,
      );
  }
}

function checkConnectors(model: CollectorModel, findings: CollectorFindings): void {
  for (const connector of model.components.connectors.values()) {
    const key = `connectors.${connector.id}`;
    for (const other of ['receivers', 'exporters'] as const) {
      if (model.components[other].has(connector.id))
        findings.report(
          'COLLECTOR_CONNECTOR_ID_AMBIGUOUS',
          `connector "${connector.id}" has the same id as ${SINGULAR[other]} "${connector.id}"`,
          { origin: connector.origin, key },
          `rename the connector, e.g. "${connector.id}/connector"`,
        );
    }
    const asExporter = model.pipelines.filter((pipeline) => pipeline.exporters.some((ref) => ref.id === connector.id));
    const asReceiver = model.pipelines.filter((pipeline) => pipeline.receivers.some((ref) => ref.id === connector.id));
    if (asExporter.length > 0 && asReceiver.length === 0) {
      const ref = asExporter[0]!.exporters.find((candidate) => candidate.id === connector.id)!;
      findings.report(
        'COLLECTOR_CONNECTOR_ONE_SIDED',
        `connector "${connector.id}" is an exporter of ${asExporter.map((p) => `"${p.id}"`).join(', ')} but no pipeline receives from it`,
        ref,
        `add "${connector.id}" to the receivers of the pipeline that should get its output`,
      );
    }
    if (asReceiver.length > 0 && asExporter.length === 0) {
      const ref = asReceiver[0]!.receivers.find((candidate) => candidate.id === connector.id)!;
      findings.report(
        'COLLECTOR_CONNECTOR_ONE_SIDED',
        `connector "${connector.id}" is a receiver of ${asReceiver.map((p) => `"${p.id}"`).join(', ')} but no pipeline exports to it`,
        ref,
        `add "${connector.id}" to the exporters of the pipeline that feeds it`,
      );
    }
  }
}

/**
 * Types removed from the Collector that configs copied from old examples still carry, and what
 * replaced them (the Collector's changelog).
 */
const REPLACED: Record<string, string> = {
  'exporters/logging': 'the logging exporter was removed (v0.111.0): use debug',
  'exporters/jaeger': 'the jaeger exporter was removed (v0.85.0): Jaeger takes OTLP, use otlp_grpc',
  'exporters/jaeger_thrift': 'the jaeger_thrift exporter was removed: Jaeger takes OTLP, use otlp_grpc',
  'exporters/loki': 'the loki exporter was removed: Loki takes OTLP, use otlp_http',
  'exporters/opencensus': 'the opencensus exporter was removed: use otlp_grpc',
  'receivers/opencensus': 'the opencensus receiver was removed: use otlp',
};

function checkTypes(model: CollectorModel, catalog: ComponentCatalog, findings: CollectorFindings): void {
  for (const kind of COMPONENT_KINDS) {
    for (const definition of model.components[kind].values()) {
      if (definition.invalid || findComponent(catalog, kind, definition.type)) continue;
      const known = [...catalog.components[kind].keys()];
      const elsewhere = COMPONENT_KINDS.find((other) => other !== kind && findComponent(catalog, other, definition.type));
      findings.report(
        'COLLECTOR_COMPONENT_TYPE_UNKNOWN',
        `${SINGULAR[kind]} type "${definition.type}" is not in ${catalog.name}${elsewhere ? ` (it is a ${SINGULAR[elsewhere]} there)` : ''}`,
        { origin: definition.origin, key: `${kind}.${definition.id}` },
        REPLACED[`${kind}/${definition.type}`] ??
          (elsewhere
            ? `move it under ${elsewhere}`
            : `use a distribution that contains it (contrib, or a custom build), or one of: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', ...' : ''}`),
      );
    }
  }
}

/** OTLP exporters refuse to start without somewhere to send, the OTLP receiver without a protocol. */
function checkRequiredSettings(model: CollectorModel, findings: CollectorFindings): void {
  for (const receiver of model.components.receivers.values()) {
    if (receiver.type !== 'otlp') continue;
    const protocols = child(receiver.config, 'protocols');
    const has = (name: string): boolean => protocols?.kind === 'map' && protocols.entries.has(name);
    if (!has('grpc') && !has('http'))
      findings.report(
        'COLLECTOR_OTLP_RECEIVER_NO_PROTOCOLS',
        `receiver "${receiver.id}" enables no protocol`,
        { origin: receiver.origin, key: `receivers.${receiver.id}.protocols` },
        'add protocols: { grpc: { endpoint: 0.0.0.0:4317 }, http: { endpoint: 0.0.0.0:4318 } }',
      );
  }
  for (const exporter of model.components.exporters.values()) {
    const config: ConfigNode | undefined = exporter.config;
    const has = (key: string): boolean => {
      const node = child(config, key);
      return node !== undefined && !(node.kind === 'scalar' && (node.value === null || node.value === ''));
    };
    const where = { origin: exporter.origin, key: `exporters.${exporter.id}` };
    if (['otlp', 'otlp_grpc'].includes(exporter.type) && !has('endpoint')) {
      findings.report(
        'COLLECTOR_EXPORTER_ENDPOINT_MISSING',
        `exporter "${exporter.id}" has no endpoint`,
        where,
        'set endpoint: <host>:4317',
      );
    }
    if (
      ['otlphttp', 'otlp_http'].includes(exporter.type) &&
      !['endpoint', 'traces_endpoint', 'metrics_endpoint', 'logs_endpoint', 'profiles_endpoint'].some(has)
    ) {
      findings.report(
        'COLLECTOR_EXPORTER_ENDPOINT_MISSING',
        `exporter "${exporter.id}" has no endpoint`,
        where,
        'set endpoint: https://<host>:4318',
      );
    }
  }
}

export function checkComponents(model: CollectorModel, catalog: ComponentCatalog | undefined, findings: CollectorFindings): void {
  checkIds(model, findings);
  checkTopLevel(model, findings);
  checkPipelines(model, catalog, findings);
  checkUnused(model, findings);
  checkConnectors(model, findings);
  if (catalog) checkTypes(model, catalog, findings);
  checkRequiredSettings(model, findings);
}
