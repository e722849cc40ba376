/**
 * emit's own flags, checked before anything is sent, in the shared flag grammar (src/flags): a bad
 * value is a usage error (exit 2) naming the flag and what it accepts.
 */
import { SIGNALS, type Signal } from '../config/types.js';
import { UsageError } from '../errors.js';
import {
  ifGiven,
  parseChoice,
  parseChoiceList,
  parseCount,
  parseDuration,
  parseHttpUrl,
  parseNonBlank,
  parseRatio,
} from '../flags/index.js';

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

function parseEngine(raw: string | undefined): EmitEngine {
  return raw === undefined ? 'default' : parseChoice('--engine', raw, EMIT_ENGINES);
}

export function parseEmitOptions(raw: RawEmitFlags): EmitOptions {
  const signals = parseChoiceList('--signals', raw.signals ?? SIGNALS.join(','), SIGNALS);
  const errorRatio = ifGiven(raw.errorRatio, (text) => parseRatio('--error-ratio', text));
  const options: EmitOptions = {
    signals,
    count:
      ifGiven(raw.count, (text) => parseCount('--count', text, { max: MAX_COUNT, hint: 'for sustained volume use otel-proc load' })) ??
      DEFAULT_COUNT,
    ...(raw.services !== undefined ? { services: parseCount('--services', raw.services, { max: 100 }) } : {}),
    ...(raw.seed !== undefined ? { seed: parseNonBlank('--seed', raw.seed) } : {}),
    ...(raw.scenario !== undefined ? { scenarioFile: raw.scenario } : {}),
    ...(errorRatio !== undefined ? { errorRatio } : {}),
    local: raw.local === true,
    engine: parseEngine(raw.engine),
    verifyJaeger: ifGiven(raw.verifyJaeger, (text) => parseHttpUrl('--verify-jaeger', text, 'http://localhost:16686')),
    verifyPrometheus: ifGiven(raw.verifyPrometheus, (text) => parseHttpUrl('--verify-prometheus', text, 'http://localhost:9090')),
    verifyTimeoutMs: ifGiven(raw.verifyTimeout, (text) => parseDuration('--verify-timeout', text)) ?? DEFAULT_VERIFY_TIMEOUT_MS,
    json: raw.json === true,
  };
  if (options.local && (options.verifyJaeger || options.verifyPrometheus)) {
    throw new UsageError(
      '--local sends to the embedded receiver, so --verify-jaeger/--verify-prometheus would never find anything',
      'drop --local to verify a real backend',
    );
  }
  if (options.verifyJaeger && !options.signals.includes('traces')) throw new UsageError('--verify-jaeger needs traces in --signals');
  if (options.verifyPrometheus && !options.signals.includes('metrics'))
    throw new UsageError('--verify-prometheus needs metrics in --signals');
  return options;
}

/** Flags that configure otel-proc's SDK: the application never sees them, so the app-sdk engine refuses them. */
const SDK_FLAGS: Array<[string, string]> = [
  ['endpoint', '--endpoint'],
  ['protocol', '--protocol'],
  ['serviceName', '--service-name'],
  ['header', '--header'],
  ['timeout', '--timeout'],
  ['compression', '--compression'],
  ['insecure', '--insecure'],
  ['sampler', '--sampler'],
  ['samplerArg', '--sampler-arg'],
  ['resourceAttribute', '--resource-attribute'],
  ['certificate', '--certificate'],
  ['clientKey', '--client-key'],
  ['clientCertificate', '--client-certificate'],
  ['config', '--config'],
  ['otelConfigFile', '--otel-config-file'],
];

export function assertEnvironmentOnly(values: Record<string, unknown>): void {
  const used = SDK_FLAGS.filter(([key]) => values[key] !== undefined).map(([, flag]) => flag);
  if (used.length > 0) {
    throw new UsageError(
      `--engine app-sdk configures the SDK from the environment only, like your application: ${used.join(', ')} would not reach it`,
      'set the OTEL_* variables instead (or put them in --env-file)',
    );
  }
}
