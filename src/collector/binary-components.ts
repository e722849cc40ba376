/**
 * `--collector-binary <path>`: the component types of the exact Collector build that will run,
 * from its own `components` command (YAML: each component's type and its stability per signal).
 * https://github.com/open-telemetry/opentelemetry-collector/blob/main/otelcol/command_components.go
 */
import { execFile } from 'node:child_process';
import { parse } from 'yaml';
import { ConfigurationError } from '../errors.js';
import { loadDistribution, type ComponentCatalog, type ComponentInfo } from './distribution.js';
import { COMPONENT_KINDS, type ComponentKind } from './model.js';

interface ComponentsOutput {
  buildinfo?: { command?: string; version?: string };
  [kind: string]: unknown;
}

const COMPONENTS_TIMEOUT_MS = 30_000;

function runComponents(binary: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, ['components'], { timeout: COMPONENTS_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const reason =
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such file'
            : (error as NodeJS.ErrnoException).code === 'EACCES'
              ? 'permission denied'
              : error.killed
                ? `no answer within ${COMPONENTS_TIMEOUT_MS / 1000} s`
                : (stderr.trim().split('\n')[0] ?? error.message);
        reject(
          new ConfigurationError(
            `--collector-binary ${binary}: \`components\` failed: ${reason}`,
            'point it at an OpenTelemetry Collector executable (otelcol, otelcol-contrib or a builder output)',
          ),
        );
      } else resolve(stdout);
    });
  });
}

/** Signals with a defined stability: `logs`, `metrics`, `traces` (connectors: `traces-to-metrics` pairs). */
function signalsOf(stability: unknown): string[] | undefined {
  if (!stability || typeof stability !== 'object') return undefined;
  return Object.entries(stability as Record<string, string>)
    .filter(([, level]) => String(level).toLowerCase() !== 'undefined')
    .map(([signal]) => signal);
}

export function catalogFromComponentsOutput(text: string, label: string): ComponentCatalog {
  let output: ComponentsOutput;
  try {
    output = parse(text) as ComponentsOutput;
  } catch {
    throw new ConfigurationError(`--collector-binary ${label}: \`components\` printed something that is not YAML`);
  }
  if (!output || typeof output !== 'object' || !COMPONENT_KINDS.some((kind) => Array.isArray(output[kind]))) {
    throw new ConfigurationError(
      `--collector-binary ${label}: \`components\` printed no component list`,
      'is it an OpenTelemetry Collector?',
    );
  }
  const components = {} as Record<ComponentKind, Map<string, ComponentInfo>>;
  for (const kind of COMPONENT_KINDS) {
    const map = new Map<string, ComponentInfo>();
    for (const item of (output[kind] as Array<{ name?: string; stability?: unknown }> | undefined) ?? []) {
      if (!item?.name) continue;
      const signals = kind === 'extensions' || kind === 'connectors' ? undefined : signalsOf(item.stability);
      map.set(String(item.name), signals ? { signals } : {});
    }
    components[kind] = map;
  }
  const version = output.buildinfo?.version;
  return { name: `${label}${version ? ` ${version}` : ''}`, components };
}

/**
 * Deprecated type aliases (`otlp` for `otlp_grpc`) still start, but a build need not list them:
 * add the aliases the official lists know for the types this build has.
 */
async function addKnownAliases(catalog: ComponentCatalog): Promise<void> {
  const official = await loadDistribution('contrib');
  const core = await loadDistribution('core');
  for (const kind of COMPONENT_KINDS) {
    for (const list of [official, core]) {
      for (const [type, info] of list.components[kind]) {
        if (catalog.components[kind].has(type)) continue;
        // An alias shares its ComponentInfo object with the type it stands for.
        const target = [...list.components[kind]].find(
          ([other, otherInfo]) => other !== type && otherInfo === info && catalog.components[kind].has(other),
        );
        if (target) catalog.components[kind].set(type, catalog.components[kind].get(target[0])!);
      }
    }
  }
}

export async function catalogFromBinary(binary: string): Promise<ComponentCatalog> {
  const catalog = catalogFromComponentsOutput(await runComponents(binary), binary);
  await addKnownAliases(catalog);
  return catalog;
}
