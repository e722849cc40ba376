/**
 * Validating a loaded otel-proc config file against its schema and turning it into the settings
 * layer, every value sourced to `file:line (key)`. Schema problems are diagnostics (exit 1, with a
 * GitHub annotation on the right line), not exceptions: the rest of the file still counts.
 */
import type { z } from 'zod';
import type { DiagnosticSink } from '../diagnostics.js';
import type { FileSettings, SignalFileSettings } from '../file-settings.js';
import { nearestValue } from '../known-variables.js';
import type { Sourced, ValueSource } from '../types.js';
import type { LoadedConfigFile } from './load.js';
import type { PathSegment } from './positions.js';
import { KNOWN_KEYS, otelProcConfigSchema, type OtelProcConfig } from './schema.js';

export function configFileToSettings(file: LoadedConfigFile, settings: FileSettings, sink: DiagnosticSink): void {
  const sourceAt = (path: readonly PathSegment[], line?: number): ValueSource => {
    const source: ValueSource = { kind: 'file', path: file.displayPath, key: path.join('.') || '(root)' };
    const resolvedLine = line ?? file.positions?.lineOf(path);
    if (resolvedLine !== undefined) source.line = resolvedLine;
    return source;
  };
  const parsed = otelProcConfigSchema.safeParse(file.content ?? {});
  if (!parsed.success) {
    reportIssues(parsed.error.issues, file, sourceAt, sink);
    // Keep what is valid: drop each offending value and parse again, so one typo hides nothing else.
    const partial = withoutInvalidValues(file.content, parsed.error.issues);
    if (partial) apply(partial, settings, sourceAt, sink);
    return;
  }
  apply(parsed.data, settings, sourceAt, sink);
}

function withoutInvalidValues(content: unknown, issues: z.core.$ZodIssue[]): OtelProcConfig | undefined {
  const current: unknown = copyPlainData(content ?? {});
  let pending = issues;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    for (const issue of pending) {
      const path = issue.path.filter((segment): segment is PathSegment => typeof segment === 'string' || typeof segment === 'number');
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) removeAt(current, [...path, key]);
      else if (path.length === 0) return undefined;
      // A value already removed means its parent is what is wrong (e.g. a missing required key).
      else if (!removeAt(current, path)) removeAt(current, path.slice(0, -1));
    }
    const again = otelProcConfigSchema.safeParse(current);
    if (again.success) return again.data;
    pending = again.error.issues;
  }
  return undefined;
}

/**
 * A copy of the objects and arrays that removeAt may change. Not structuredClone: a .js/.mjs/.ts
 * config can hold functions, class instances or getters, which structuredClone refuses (and the
 * schema reports as invalid values anyway); they are kept as they are.
 */
function copyPlainData(value: unknown, copies = new Map<object, unknown>()): unknown {
  if (!value || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return value;
  // A module can build cycles; the copy keeps them instead of recursing forever.
  if (copies.has(value)) return copies.get(value);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  copies.set(value, copy);
  for (const [key, entry] of Object.entries(value)) (copy as Record<string, unknown>)[key] = copyPlainData(entry, copies);
  return copy;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>(
    (node, segment) => (node && typeof node === 'object' ? (node as Record<PathSegment, unknown>)[segment] : undefined),
    root,
  );
}

function removeAt(root: unknown, path: readonly PathSegment[]): boolean {
  if (path.length === 0) return false;
  let node = root as Record<PathSegment, unknown> | undefined;
  for (const segment of path.slice(0, -1)) node = node?.[segment] as Record<PathSegment, unknown> | undefined;
  const last = path[path.length - 1]!;
  if (!node || typeof node !== 'object' || !(last in node)) return false;
  delete node[last];
  return true;
}

function reportIssues(
  issues: z.core.$ZodIssue[],
  file: LoadedConfigFile,
  sourceAt: (path: readonly PathSegment[], line?: number) => ValueSource,
  sink: DiagnosticSink,
): void {
  for (const issue of issues) {
    const path = issue.path.filter((segment): segment is PathSegment => typeof segment === 'string' || typeof segment === 'number');
    const where = path.join('.') || '(root)';
    if (issue.code === 'unrecognized_keys') {
      const known = KNOWN_KEYS[path.filter((segment) => typeof segment === 'string').join('.')] ?? [];
      for (const key of issue.keys) {
        const nearest = nearestValue(key, known);
        sink.report('CONFIG_FILE_UNKNOWN_KEY', `Unknown key "${key}" in ${path.length ? where : 'the top level'} of ${file.displayPath}.`, {
          source: sourceAt([...path, key], file.positions?.keyLineOf(path, key)),
          hint: nearest ? `Did you mean "${nearest}"?` : known.length ? `Allowed here: ${known.join(', ')}.` : undefined,
        });
      }
      continue;
    }
    const allowed = 'values' in issue && Array.isArray(issue.values) ? issue.values.map(String) : undefined;
    const value = valueAt(file.content, path);
    const nearest = allowed && typeof value === 'string' ? nearestValue(value, allowed) : undefined;
    sink.report('CONFIG_FILE_INVALID', `${where}: ${issue.message} (${file.displayPath}).`, {
      source: sourceAt(path),
      hint: nearest ? `Did you mean "${nearest}"?` : undefined,
    });
  }
}

function apply(
  config: OtelProcConfig,
  settings: FileSettings,
  sourceAt: (path: readonly PathSegment[]) => ValueSource,
  sink: DiagnosticSink,
): void {
  const sourced = <T>(value: T | undefined, path: PathSegment[]): Sourced<T> | undefined =>
    value === undefined ? undefined : { value, source: sourceAt(path) };
  const exportSettings = (section: 'tracing' | 'metrics' | 'logs'): SignalFileSettings => {
    const values = config[section];
    if (!values) return {};
    const result: SignalFileSettings = {};
    const set = <K extends keyof SignalFileSettings>(key: K, value: SignalFileSettings[K]): void => {
      if (value !== undefined) result[key] = value;
    };
    set('enabled', sourced(values.enabled, [section, 'enabled']));
    set('endpoint', sourced(values.otlpEndpoint, [section, 'otlpEndpoint']));
    set('protocol', sourced(values.otlpProtocol, [section, 'otlpProtocol']));
    set('headers', sourced(values.headers, [section, 'headers']));
    set('timeoutMs', sourced(values.timeout, [section, 'timeout']));
    set('compression', sourced(values.compression, [section, 'compression']));
    return result;
  };
  settings.traces = exportSettings('tracing');
  settings.metrics = exportSettings('metrics');
  settings.logs = exportSettings('logs');

  // Service identity lives once per SDK resource; the Rust model repeats it in both sections.
  for (const field of ['serviceName', 'serviceVersion', 'environment'] as const) {
    const fromTracing = sourced(config.tracing?.[field], ['tracing', field]);
    const fromMetrics = sourced(config.metrics?.[field], ['metrics', field]);
    if (fromTracing && fromMetrics && fromTracing.value !== fromMetrics.value) {
      sink.report(
        field === 'serviceName' ? 'SERVICE_NAME_CONFLICT' : 'CONFIG_FILE_INVALID',
        `tracing.${field} ("${fromTracing.value}") and metrics.${field} ("${fromMetrics.value}") differ; one SDK has one resource, so tracing.${field} is used.`,
        {
          source: fromMetrics.source,
          severity: 'warning',
        },
      );
    }
    const value = fromTracing ?? fromMetrics;
    if (value) settings[field] = value;
  }
  if (config.resourceAttributes)
    settings.resourceAttributes = { value: config.resourceAttributes, source: sourceAt(['resourceAttributes']) };
  if (config.propagators) settings.propagators = { value: config.propagators, source: sourceAt(['propagators']) };

  const sampling = config.tracing?.sampling;
  if (sampling) {
    const path = ['tracing', 'sampling'];
    const leaf = sampling.strategy === 'parent_based' ? sampling.root : sampling;
    const leafName = leaf.strategy === 'trace_id_ratio' ? 'traceidratio' : leaf.strategy;
    const name = sampling.strategy === 'parent_based' ? `parentbased_${leafName}` : leafName;
    settings.sampler = { name: { value: name, source: sourceAt(path) } };
    if (leaf.strategy === 'trace_id_ratio') {
      settings.sampler.ratio = {
        value: leaf.ratio,
        source: sourceAt(sampling.strategy === 'parent_based' ? [...path, 'root', 'ratio'] : [...path, 'ratio']),
      };
    }
  }
  const batch = config.tracing?.batchConfig;
  if (batch) {
    const at = (key: string): PathSegment[] => ['tracing', 'batchConfig', key];
    const entries = {
      maxQueueSize: sourced(batch.maxQueueSize, at('maxQueueSize')),
      maxExportBatchSize: sourced(batch.maxExportBatchSize, at('maxExportBatchSize')),
      scheduleDelayMs: sourced(batch.scheduledDelay, at('scheduledDelay')),
      exportTimeoutMs: sourced(batch.exportTimeout, at('exportTimeout')),
    };
    for (const [key, value] of Object.entries(entries)) if (value) settings.spanBatch[key as keyof typeof entries] = value;
  }
  const metrics = config.metrics;
  if (metrics?.exportConfig?.exportInterval !== undefined)
    settings.metricReader.exportIntervalMs = sourced(metrics.exportConfig.exportInterval, ['metrics', 'exportConfig', 'exportInterval'])!;
  if (metrics?.exportConfig?.exportTimeout !== undefined)
    settings.metricReader.exportTimeoutMs = sourced(metrics.exportConfig.exportTimeout, ['metrics', 'exportConfig', 'exportTimeout'])!;
  if (metrics?.temporality !== undefined) settings.metricReader.temporality = sourced(metrics.temporality, ['metrics', 'temporality'])!;
}
