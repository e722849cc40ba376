/**
 * The shape the Collector unmarshals a configuration into: known top-level sections, known keys
 * under service and in each pipeline, maps and lists where they belong. An unknown key is refused
 * ("has invalid keys"), so a typo such as `exporter:` or `pipeline:` stops the Collector.
 * https://opentelemetry.io/docs/collector/configuration/#basics
 */
import { distance as levenshtein } from 'fastest-levenshtein';
import type { CollectorFindings } from '../findings.js';
import { COMPONENT_KINDS } from '../model.js';
import { child, type ConfigNode } from '../tree.js';

const TOP_LEVEL = [...COMPONENT_KINDS, 'service'];
const SERVICE_KEYS = ['telemetry', 'extensions', 'pipelines'];
const PIPELINE_KEYS = ['receivers', 'processors', 'exporters'];

function closest(word: string, candidates: readonly string[]): string | undefined {
  const best = candidates
    .map((candidate) => ({ candidate, distance: levenshtein(word.toLowerCase(), candidate) }))
    .sort((a, b) => a.distance - b.distance)[0];
  return best && best.distance <= 3 ? best.candidate : undefined;
}

function checkKeys(node: ConfigNode, allowed: readonly string[], where: string, prefix: string, findings: CollectorFindings): void {
  if (node.kind !== 'map') return;
  for (const entry of node.entries.values()) {
    if (allowed.includes(entry.key)) continue;
    const suggestion = closest(entry.key, allowed);
    findings.report(
      'COLLECTOR_SECTION_UNKNOWN',
      `"${entry.key}" is not a key the Collector knows ${where}; it refuses the file`,
      { origin: entry.keyOrigin, key: `${prefix}${entry.key}` },
      suggestion ? `did you mean "${suggestion}"?` : `allowed: ${allowed.join(', ')}`,
    );
  }
}

function expectShape(node: ConfigNode | undefined, shape: 'map' | 'seq', key: string, findings: CollectorFindings): boolean {
  if (node === undefined) return true;
  if (node.kind === shape || (node.kind === 'scalar' && node.value === null)) return true;
  const wanted = shape === 'map' ? 'a map of component ids' : 'a list of ids, e.g. [otlp]';
  findings.report(
    'COLLECTOR_SECTION_NOT_MAP',
    `${key} must be ${wanted}`,
    { origin: node.origin, key },
    shape === 'seq' ? `write ${key}: [id, ...]` : `indent the components under ${key}:`,
  );
  return false;
}

/** The otlp receiver knows two protocols; `htpp:` or `grcp:` there stops the Collector. */
function checkOtlpProtocols(root: ConfigNode, findings: CollectorFindings): void {
  const receivers = child(root, 'receivers');
  if (receivers?.kind !== 'map') return;
  for (const entry of receivers.entries.values()) {
    if (entry.key.split('/')[0]!.trim() !== 'otlp') continue;
    const protocols = child(entry.value, 'protocols');
    if (protocols)
      checkKeys(protocols, ['grpc', 'http'], `under receivers.${entry.key}.protocols`, `receivers.${entry.key}.protocols.`, findings);
  }
}

export function checkStructure(root: ConfigNode | undefined, findings: CollectorFindings): void {
  if (!root) return;
  if (root.kind !== 'map') {
    findings.report('COLLECTOR_SECTION_NOT_MAP', 'the configuration must be a map of sections (receivers, exporters, service, ...)', {
      origin: root.origin,
      key: '',
    });
    return;
  }
  checkKeys(root, TOP_LEVEL, 'at the top level', '', findings);
  checkOtlpProtocols(root, findings);
  for (const kind of COMPONENT_KINDS) expectShape(child(root, kind), 'map', kind, findings);
  const service = child(root, 'service');
  if (!expectShape(service, 'map', 'service', findings) || service?.kind !== 'map') return;
  checkKeys(service, SERVICE_KEYS, 'under service', 'service.', findings);
  expectShape(child(service, 'extensions'), 'seq', 'service.extensions', findings);
  const pipelines = child(service, 'pipelines');
  if (!expectShape(pipelines, 'map', 'service.pipelines', findings) || pipelines?.kind !== 'map') return;
  for (const entry of pipelines.entries.values()) {
    const key = `service.pipelines.${entry.key}`;
    if (!expectShape(entry.value, 'map', key, findings)) continue;
    checkKeys(entry.value, PIPELINE_KEYS, `in a pipeline`, `${key}.`, findings);
    for (const list of PIPELINE_KEYS) expectShape(child(entry.value, list), 'seq', `${key}.${list}`, findings);
  }
}
