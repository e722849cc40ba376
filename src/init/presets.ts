/**
 * The presets of `otel-proc init`: plain JSON files in templates/presets/, so the values a user
 * gets and the values our own stack runs with are written down exactly once.
 */
import { readFileSync } from 'node:fs';
import type { OtlpProtocol, Temporality } from '../config/types.js';

export const PRESET_NAMES = ['local', 'ci', 'production'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** What an application should run with (written to the otel-proc config file and .env.otel). */
export interface AppSettings {
  environment: string;
  endpoint: string;
  protocol: OtlpProtocol;
  /** Spec sampler name (OTEL_TRACES_SAMPLER). */
  sampler: string;
  /** Only for ratio samplers. */
  samplerRatio?: number;
  batch: { scheduleDelayMs: number; exportTimeoutMs: number; maxQueueSize: number; maxExportBatchSize: number };
  metrics: { temporality: Temporality; exportIntervalMs: number; exportTimeoutMs: number };
  timeoutMs: number;
  compression: 'gzip' | 'none';
  /** Write an `authorization` header with a value to replace (production). */
  authHeaderPlaceholder: boolean;
  /** Write commented certificate settings to fill in (production). */
  tlsPlaceholders: boolean;
}

/** Collector-side tuning rendered into templates/stack/otel-collector-config.yaml. */
export interface CollectorTuning {
  memoryLimitMib: number;
  memorySpikeLimitMib: number;
  batchSize: number;
  batchMaxSize: number;
  batchTimeout: string;
}

export interface Preset {
  name: PresetName;
  description: string;
  app: AppSettings;
  collectorTuning: CollectorTuning;
  prometheusScrapeInterval: string;
}

/** templates/ sits two levels above both src/init/ and dist/init/. */
export const TEMPLATES_DIR = new URL('../../templates/', import.meta.url);

export function isPresetName(value: string): value is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(value);
}

export function loadPreset(name: PresetName): Preset {
  const file = new URL(`presets/${name}.json`, TEMPLATES_DIR);
  const data = JSON.parse(readFileSync(file, 'utf8')) as Omit<Preset, 'name'>;
  return { name, ...data };
}

export function readTemplate(relativePath: string): string {
  return readFileSync(new URL(relativePath, TEMPLATES_DIR), 'utf8');
}
