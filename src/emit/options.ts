/**
 * emit's own flags, checked before anything is sent: a bad value is a usage error (exit 2)
 * naming the flag and what it accepts.
 */
import { SIGNALS, type Signal } from '../config/types.js';
import { UsageError } from '../cli/errors.js';

export interface EmitOptions {
  signals: Signal[];
  /** Traces (events) to send; metrics and logs follow from them. */
  count: number;
  /** Distinct services per trace; undefined: 1 for the built-in scenario, all a scenario file names. */
  services?: number;
  seed?: string;
  scenarioFile?: string;
  errorRatio?: number;
  local: boolean;
  /** 'default': otel-proc's own SDK pipeline; 'app-sdk': a NodeSDK built from the environment, as the application builds it. */
  engine: EmitEngine;
  verifyJaeger?: string;
  verifyPrometheus?: string;
  verifyTimeoutMs: number;
  json: boolean;
}

export const EMIT_ENGINES = ['default', 'app-sdk'] as const;
export type EmitEngine = (typeof EMIT_ENGINES)[number];

export interface RawEmitFlags {
  engine?: string;
  signals?: string;
  count?: string;
  services?: string;
  seed?: string;
  scenario?: string;
  errorRatio?: string;
  local?: boolean;
  verifyJaeger?: string;
  verifyPrometheus?: string;
  verifyTimeout?: string;
  json?: boolean;
}

export const DEFAULT_COUNT = 10;
/** A burst to prove a path, not a load test: beyond this, memory grows past what a CI runner offers. */
export const MAX_COUNT = 20_000;
/** The same budget in spans, for scenario files whose trees are larger than the built-in one (11 spans). */
export const MAX_SPANS_PER_RUN = MAX_COUNT * 11;
export const DEFAULT_VERIFY_TIMEOUT_MS = 30_000;

function integer(flag: string, raw: string | undefined, fallback: number, min: number, max: number, hint?: string): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${flag} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${value}`, hint);
  return value;
}

function nonBlank(flag: string, raw: string): string {
  if (raw.trim() === '') throw new UsageError(`${flag} needs a value, got ""`);
  return raw;
}

/** 30s, 1500ms, 2m, or plain milliseconds. */
export function parseDuration(flag: string, raw: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!match) throw new UsageError(`${flag} must be a duration like 30s, 1500ms or 2m, got "${raw}"`);
  const factor = match[2] === 's' ? 1000 : match[2] === 'm' ? 60_000 : 1;
  return Math.round(Number(match[1]) * factor);
}

function httpUrl(flag: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
  } catch {
    // fall through
  }
  throw new UsageError(`${flag} needs an http:// or https:// URL, got "${raw}"`, flag === '--verify-jaeger' ? 'e.g. --verify-jaeger http://localhost:16686' : 'e.g. --verify-prometheus http://localhost:9090');
}

function parseEngine(raw: string | undefined): EmitEngine {
  if (raw === undefined) return 'default';
  if ((EMIT_ENGINES as readonly string[]).includes(raw)) return raw as EmitEngine;
  throw new UsageError(`--engine must be ${EMIT_ENGINES.join(' or ')}, got "${raw}"`);
}

export function parseEmitOptions(raw: RawEmitFlags): EmitOptions {
  const signals = (raw.signals ?? SIGNALS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = signals.filter((s) => !(SIGNALS as readonly string[]).includes(s));
  if (unknown.length > 0 || signals.length === 0) {
    throw new UsageError(`--signals accepts traces, metrics and logs (comma-separated), got "${raw.signals ?? ''}"`);
  }
  let errorRatio: number | undefined;
  if (raw.errorRatio !== undefined) {
    errorRatio = Number(raw.errorRatio);
    // A decimal like 0.25 or 1 (Number() would also take "0x1" or "1e-1").
    if (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(raw.errorRatio) || errorRatio < 0 || errorRatio > 1) {
      throw new UsageError(`--error-ratio must be a number from 0 to 1, got "${raw.errorRatio}"`);
    }
  }
  const options: EmitOptions = {
    signals: [...new Set(signals)] as Signal[],
    count: integer('--count', raw.count, DEFAULT_COUNT, 1, MAX_COUNT, 'for sustained volume use otel-proc load'),
    ...(raw.services !== undefined ? { services: integer('--services', raw.services, 1, 1, 100) } : {}),
    ...(raw.seed !== undefined ? { seed: nonBlank('--seed', raw.seed) } : {}),
    ...(raw.scenario !== undefined ? { scenarioFile: raw.scenario } : {}),
    ...(errorRatio !== undefined ? { errorRatio } : {}),
    local: raw.local === true,
    engine: parseEngine(raw.engine),
    verifyJaeger: httpUrl('--verify-jaeger', raw.verifyJaeger),
    verifyPrometheus: httpUrl('--verify-prometheus', raw.verifyPrometheus),
    verifyTimeoutMs: raw.verifyTimeout === undefined ? DEFAULT_VERIFY_TIMEOUT_MS : parseDuration('--verify-timeout', raw.verifyTimeout),
    json: raw.json === true,
  };
  if (options.local && (options.verifyJaeger || options.verifyPrometheus)) {
    throw new UsageError('--local sends to the embedded receiver, so --verify-jaeger/--verify-prometheus would never find anything', 'drop --local to verify a real backend');
  }
  if (options.verifyJaeger && !options.signals.includes('traces')) throw new UsageError('--verify-jaeger needs traces in --signals');
  if (options.verifyPrometheus && !options.signals.includes('metrics')) throw new UsageError('--verify-prometheus needs metrics in --signals');
  return options;
}

/** Flags that configure otel-proc's SDK: the application never sees them, so the app-sdk engine refuses them. */
const SDK_FLAGS: Array<[string, string]> = [
  ['endpoint', '--endpoint'], ['protocol', '--protocol'], ['serviceName', '--service-name'], ['header', '--header'], ['timeout', '--timeout'],
  ['compression', '--compression'], ['insecure', '--insecure'], ['sampler', '--sampler'], ['samplerArg', '--sampler-arg'],
  ['resourceAttribute', '--resource-attribute'], ['certificate', '--certificate'], ['clientKey', '--client-key'],
  ['clientCertificate', '--client-certificate'], ['config', '--config'], ['otelConfigFile', '--otel-config-file'],
];

export function assertEnvironmentOnly(values: Record<string, unknown>): void {
  const used = SDK_FLAGS.filter(([key]) => values[key] !== undefined).map(([, flag]) => flag);
  if (used.length > 0) {
    throw new UsageError(`--engine app-sdk configures the SDK from the environment only, like your application: ${used.join(', ')} would not reach it`, 'set the OTEL_* variables instead (or put them in --env-file)');
  }
}
