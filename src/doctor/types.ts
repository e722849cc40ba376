/**
 * The doctor's vocabulary: a check yields findings; the doctor runs checks per signal endpoint and
 * returns a report. Findings are plain data with stable codes (tests assert codes, never wording);
 * renderers turn them into the checklist or JSON. Secrets never enter a finding (see redact.ts).
 */
import type { EffectiveConfig, Diagnostic, Signal } from '../config/types.js';
import type { Finding as BaseFinding } from '../findings/finding.js';
import type { DoctorFacts } from './facts.js';
import type { CollectorCheck } from '../collector/run.js';

/** `interrupted`: the run was stopped (Ctrl-C, SIGTERM) before the check finished or started. */
export type FindingStatus = 'pass' | 'warn' | 'fail' | 'skip' | 'interrupted';

/**
 * A doctor finding is the one finding shape (findings/finding.ts) plus its place in the checklist:
 * the status it shows, a one-line title and how long the check took. `severity` follows the status
 * (fail: error, warn: warning, otherwise info), so SARIF, JUnit and JSON consumers read it like any
 * other finding.
 */
export interface Finding extends BaseFinding {
  status: FindingStatus;
  /** One line for the checklist. */
  title: string;
  durationMs: number;
}

/** Doctor-specific options (the configuration itself comes from the resolver). */
export interface DoctorOptions {
  /** Bound for every network step, in ms. */
  timeoutMs: number;
  healthUrl?: string;
  metricsUrl?: string;
  jaegerUrl?: string;
  prometheusUrl?: string;
  /** How long to poll Jaeger/Prometheus for the canary, in ms. */
  backendWaitMs?: number;
  /** Spans per second the application is expected to produce (batching advice). */
  expectedRate?: number;
  /** How often the metrics backend scrapes (ms), when known. */
  scrapeIntervalMs?: number;
  /** Upstream propagation formats the service must understand, e.g. ['b3']. */
  upstream?: string[];
  /** Raw `key=value` header flags as the user typed them (propagation headers are validated). */
  headerFlags?: string[];
  /** --env-file and the folder it is relative to: the app-sdk check gives the application exactly these variables. */
  envFile?: string;
  cwd?: string;
  /** --collector-config, already linted and cross-checked with the app. */
  collector?: CollectorCheck;
  /** Check ids to run (empty: all) and to skip. */
  only?: string[];
  skip?: string[];
}

export interface DoctorContext {
  config: EffectiveConfig;
  diagnostics: Diagnostic[];
  env: Record<string, string | undefined>;
  options: DoctorOptions;
  /** Signals whose exporter is OTLP and whose SDK is enabled: the ones worth probing. */
  activeSignals: Signal[];
  /** Memoised network facts, shared between checks so each probe runs once. */
  facts: DoctorFacts;
  signal?: AbortSignal;
  /** Ids of the checks that run in this invocation. */
  selected: ReadonlySet<string>;
}

export interface Check {
  id: string;
  title: string;
  /** Called for every selected check before the first one runs: start slow, independent work early (e.g. load a child process). */
  prepare?(context: DoctorContext): void;
  run(context: DoctorContext): Promise<Finding[]>;
  /** After Ctrl-C cut `run` short: the findings it had finished before, reported beside "interrupted". */
  finishedSoFar?(context: DoctorContext): Finding[];
}

export interface CheckResult {
  id: string;
  title: string;
  durationMs: number;
  findings: Finding[];
}

export interface DoctorSummary {
  pass: number;
  warn: number;
  fail: number;
  skip: number;
  interrupted: number;
}

export interface DoctorReport {
  tool: 'otel-proc doctor';
  startedAt: string;
  durationMs: number;
  timeoutMs: number;
  endpoints: Array<{ signal: Signal; protocol: string; url: string; active: boolean }>;
  checks: CheckResult[];
  summary: DoctorSummary;
  /** The run was stopped before every check finished: the checks it cut short say `interrupted`. */
  interrupted: boolean;
  /** 0 when nothing failed, 1 when a check failed, 130 when interrupted. */
  exitCode: 0 | 1 | 130;
}
