/**
 * The parts of a (merged, substituted) Collector configuration the rules reason about: the
 * components defined per section, the pipelines with the ids they reference, and
 * service.extensions, each with its position. Ids are parsed as the Collector parses them:
 * `type[/name]`, both parts trimmed.
 * https://github.com/open-telemetry/opentelemetry-collector/blob/main/component/identifiable.go
 */
import { child, type ConfigNode, type Origin } from './tree.js';

export const COMPONENT_KINDS = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export const SINGULAR: Record<ComponentKind, string> = {
  receivers: 'receiver',
  processors: 'processor',
  exporters: 'exporter',
  connectors: 'connector',
  extensions: 'extension',
};

export interface ComponentId {
  /** Normalised `type` or `type/name`. */
  id: string;
  type: string;
  /** Why the text is not a valid id, when it is not. */
  invalid?: string;
}

export interface ComponentDefinition extends ComponentId {
  kind: ComponentKind;
  /** Where the id is written. */
  origin: Origin;
  config: ConfigNode | undefined;
}

export interface Reference extends ComponentId {
  origin: Origin;
  /** Dotted key of the list, e.g. `service.pipelines.traces.receivers`. */
  key: string;
}

export interface PipelineDefinition {
  id: string;
  /** The part before `/`, trimmed. */
  signal: string;
  origin: Origin;
  node: ConfigNode | undefined;
  receivers: Reference[];
  processors: Reference[];
  exporters: Reference[];
}

export interface CollectorModel {
  root: ConfigNode | undefined;
  components: Record<ComponentKind, Map<string, ComponentDefinition>>;
  pipelines: PipelineDefinition[];
  serviceExtensions: Reference[];
}

const TYPE_PATTERN = /^[a-zA-Z][0-9a-zA-Z_]{0,62}$/;
const NAME_PATTERN = /^[^\p{Z}\p{C}\p{S}]+$/u;

export function parseComponentId(text: string): ComponentId {
  const slash = text.indexOf('/');
  const type = (slash < 0 ? text : text.slice(0, slash)).trim();
  const name = slash < 0 ? undefined : text.slice(slash + 1).trim();
  const id = name === undefined ? type : `${type}/${name}`;
  if (type === '') return { id, type, invalid: slash < 0 ? 'the id is empty' : 'the part before / is empty' };
  if (name === '') return { id, type, invalid: 'the part after / is empty' };
  if (!TYPE_PATTERN.test(type))
    return { id, type, invalid: `the type "${type}" may hold only letters, digits and _ and must start with a letter` };
  if (name !== undefined && (name.length > 1024 || !NAME_PATTERN.test(name)))
    return { id, type, invalid: `the name "${name}" holds whitespace, control characters or symbols` };
  return { id, type };
}

function references(node: ConfigNode | undefined, key: string): Reference[] {
  if (node?.kind !== 'seq') return [];
  return node.items.map((item) => ({
    ...parseComponentId(item.kind === 'scalar' ? String(item.value ?? '') : ''),
    origin: item.origin,
    key,
  }));
}

export function buildModel(root: ConfigNode | undefined): CollectorModel {
  const components = Object.fromEntries(
    COMPONENT_KINDS.map((kind) => [kind, new Map<string, ComponentDefinition>()]),
  ) as CollectorModel['components'];
  for (const kind of COMPONENT_KINDS) {
    const section = child(root, kind);
    if (section?.kind !== 'map') continue;
    for (const entry of section.entries.values()) {
      const parsed = parseComponentId(entry.key);
      components[kind].set(parsed.id, { ...parsed, kind, origin: entry.keyOrigin, config: entry.value });
    }
  }
  const service = child(root, 'service');
  const pipelinesNode = child(service, 'pipelines');
  const pipelines: PipelineDefinition[] = [];
  if (pipelinesNode?.kind === 'map') {
    for (const entry of pipelinesNode.entries.values()) {
      const key = `service.pipelines.${entry.key}`;
      pipelines.push({
        id: entry.key,
        signal: entry.key.split('/')[0]!.trim(),
        origin: entry.keyOrigin,
        node: entry.value,
        receivers: references(child(entry.value, 'receivers'), `${key}.receivers`),
        processors: references(child(entry.value, 'processors'), `${key}.processors`),
        exporters: references(child(entry.value, 'exporters'), `${key}.exporters`),
      });
    }
  }
  return { root, components, pipelines, serviceExtensions: references(child(service, 'extensions'), 'service.extensions') };
}
