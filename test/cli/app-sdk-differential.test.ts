/**
 * Differential test against the real SDK: every env-only fixture in fixtures/validate/ is started
 * as an application would start it, `new NodeSDK().start()` in a child process (dist/app-sdk/child.js),
 * pointed at a wire recorder of its own; what `validate` predicts for that environment (the report
 * `validate --json` prints, built in-process) must equal what the SDK built and what the recorder
 * saw: URL path, protocol, headers (names, and values against the resolver's), compression,
 * service.name and resource attributes, the sampler's decision and the propagators' header names.
 *
 * Only the endpoint's host and port are rewritten (to the fixture's recorder), and a base endpoint
 * is added when a fixture sets none, so nothing is sent to a real localhost:4318. Fixtures with
 * config files, declarative files, flags or TLS files are not the application's environment and
 * are left out. Deviations the SDK has on purpose are in DEVIATIONS, each with its SDK source line;
 * any other difference is a resolver defect.
 */
import { parse } from 'dotenv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT_CONTEXT, defaultTextMapSetter, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationKey } from '../../src/app-sdk/compare.js';
import { runAppSdkChild } from '../../src/app-sdk/run-child.js';
import type { AppSdkRunResult } from '../../src/app-sdk/types.js';
import { redactUrl } from '../../src/boundary/secrets.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { SIGNALS, type Signal } from '../../src/config/types.js';
import { buildPropagator } from '../../src/sdk/propagators.js';
import { buildSampler } from '../../src/sdk/sampler.js';
import { runValidate } from '../../src/validate/run.js';
import type { ValidateReport } from '../../src/validate/report.js';
import { decodeAs, startWireRecorder, type WireRecorder } from '../helpers/wire-recorder.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/validate/', import.meta.url));
const CHILD = fileURLToPath(new URL('../../dist/app-sdk/child.js', import.meta.url));
const RUN_TIMEOUT_MS = 3000;

/**
 * Differences the JS SDK has on purpose. `field` names the assertion; `sdk` is what the SDK does;
 * `source` is the line of @opentelemetry/sdk-node 0.223.0 (build/src) or the exporter that causes it.
 */
const DEVIATIONS: Array<{ fixture: string; field: string; sdk: unknown; source: string; why: string }> = [];

const ENDPOINT = /^OTEL_EXPORTER_OTLP(_(TRACES|METRICS|LOGS))?_ENDPOINT$/;
const GRPC_PATHS: Record<Signal, string> = {
  traces: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
  metrics: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
  logs: '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
};
const CONTENT_TYPE: Record<string, string> = {
  grpc: 'application/grpc',
  'http/json': 'application/json',
  'http/protobuf': 'application/x-protobuf',
};
/** Headers the transports add themselves; any other header on the wire must be one the resolver predicted. */
const TRANSPORT_HEADERS = new Set([
  'content-type',
  'content-encoding',
  'accept-encoding',
  'grpc-encoding',
  'grpc-accept-encoding',
  'grpc-timeout',
]);

/** Point an endpoint's host and port at the recorder, keeping scheme, userinfo, path, query and whitespace. */
function pointAt(value: string, port: number): string | undefined {
  const match = /^(\s*)([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?([^/?#\s]*)(.*)$/s.exec(value);
  if (!match || match[3] === '') return value;
  const [, lead, scheme = '', authority, rest] = match;
  if (/^unix:/i.test(value.trim())) return undefined;
  if (scheme) {
    try {
      new URL(value.trim());
    } catch {
      return value; // the fixture is about an unparseable URL: keep it
    }
  }
  const userinfo = authority!.includes('@') ? authority!.slice(0, authority!.lastIndexOf('@') + 1) : '';
  return `${lead}${scheme}${userinfo}127.0.0.1:${port}${rest}`;
}

interface Case {
  name: string;
  env: Record<string, string>;
  recorder?: WireRecorder;
  report?: ValidateReport;
  headerValues?: Record<Signal, Record<string, string>>;
  result?: AppSdkRunResult;
}

/** An env-only fixture: the environment, plus an --env-file at most. Undefined for the others. */
function loadEnv(name: string): Record<string, string> | undefined {
  const folder = join(FIXTURES, name);
  const files = readdirSync(folder);
  const options = files.includes('options.json')
    ? (JSON.parse(readFileSync(join(folder, 'options.json'), 'utf8')) as Record<string, unknown>)
    : {};
  if (Object.keys(options).some((key) => key !== 'envFile')) return undefined;
  const envFile = options.envFile as string | undefined;
  if (files.some((file) => !['env', 'expected.json', 'options.json', envFile].includes(file))) return undefined;
  const fromFile = envFile ? parse(readFileSync(join(folder, envFile), 'utf8')) : {};
  // Real variables win over the env file, as with --env-file.
  return { ...fromFile, ...parse(readFileSync(join(folder, 'env'), 'utf8')) };
}

const cases: Case[] = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(FIXTURES, entry.name, 'env')))
  .map((entry) => ({ name: entry.name, env: loadEnv(entry.name) }))
  .filter((entry): entry is Case => entry.env !== undefined)
  .sort((a, b) => a.name.localeCompare(b.name));

function deviation(fixture: string, field: string, sdk: unknown): boolean {
  return DEVIATIONS.some(
    (entry) => entry.fixture === fixture && entry.field === field && JSON.stringify(entry.sdk) === JSON.stringify(sdk),
  );
}

/** Assert sdk equals predicted, unless the table lists exactly this SDK behaviour. */
function expectSame(fixture: string, field: string, sdk: unknown, predicted: unknown): void {
  if (deviation(fixture, field, sdk)) return;
  expect(
    { field, value: sdk },
    `${fixture}: ${field}: the SDK does ${JSON.stringify(sdk)}, validate predicted ${JSON.stringify(predicted)}`,
  ).toEqual({ field, value: predicted });
}

/** What our propagators inject for the canary's context: its span (invalid when no tracer provider was registered) and one baggage entry. */
function predictedInjection(names: string[], result: AppSdkRunResult): string[] {
  const { propagator } = buildPropagator(names);
  const spanContext = {
    traceId: result.traceId ?? '0'.repeat(32),
    spanId: result.traceId && !/^0+$/.test(result.traceId) ? '00f067aa0ba902b7' : '0'.repeat(16),
    traceFlags: result.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
  };
  const context = propagation.setBaggage(
    trace.setSpanContext(ROOT_CONTEXT, spanContext),
    propagation.createBaggage({ 'otel_proc.canary': { value: '1' } }),
  );
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  return Object.keys(carrier).sort();
}

function predictedDecision(report: ValidateReport, traceId: string): boolean {
  const source = { kind: 'default' as const };
  const { sampler } = buildSampler({
    name: { value: report.config.sampler.name, source },
    ...(report.config.sampler.ratio !== undefined ? { ratio: { value: report.config.sampler.ratio, source } } : {}),
  });
  return sampler.shouldSample(ROOT_CONTEXT, traceId, 'otel-proc app-sdk canary', 0, {}, []).decision === 2;
}

beforeAll(async () => {
  const runnable: Case[] = [];
  for (const entry of cases) {
    entry.recorder = await startWireRecorder();
    const env: Record<string, string> = {};
    let redirectable = true;
    for (const [name, value] of Object.entries(entry.env)) {
      const pointed = ENDPOINT.test(name) ? pointAt(value, entry.recorder.port) : value;
      if (pointed === undefined) redirectable = false;
      env[name] = pointed ?? value;
    }
    if (!redirectable) continue;
    env.OTEL_EXPORTER_OTLP_ENDPOINT ??= `http://127.0.0.1:${entry.recorder.port}`;
    entry.env = env;
    entry.report = await runValidate({ resolve: { env, cwd: join(FIXTURES, entry.name), noConfigSearch: true }, strict: false });
    const { config } = await resolveConfig({ env, cwd: join(FIXTURES, entry.name), noConfigSearch: true });
    entry.headerValues = { traces: config.traces.headers.value, metrics: config.metrics.headers.value, logs: config.logs.headers.value };
    runnable.push(entry);
  }
  const run = await runAppSdkChild({
    env: { PATH: process.env.PATH },
    childPath: CHILD,
    runs: runnable.map((entry) => ({ env: entry.env, runId: entry.name, timeoutMs: RUN_TIMEOUT_MS })),
  });
  for (const result of run.results) runnable.find((entry) => entry.name === result.runId)!.result = result;
  expect(run.killed, run.output).toBe(false);
}, 300_000);

afterAll(async () => {
  await Promise.all(cases.map((entry) => entry.recorder?.close()));
});

describe('validate predicts what the real NodeSDK does', () => {
  it('covers the env-only fixtures', () => {
    expect(cases.length).toBeGreaterThan(60);
  });

  it('lists only deviations that still happen', () => {
    for (const entry of DEVIATIONS)
      expect(
        cases.map((c) => c.name),
        entry.fixture,
      ).toContain(entry.fixture);
  });

  for (const entry of cases) {
    it(entry.name, () => {
      const { result, report, recorder } = entry;
      if (!report) return; // a unix socket endpoint: no recorder can stand in for it
      expect(result, `${entry.name}: the child gave no result`).toBeDefined();
      if (result!.crashed) {
        // The SDK does not accept this environment: validate must call it an error too.
        expectSame(entry.name, 'sdk accepts', false, report.ok);
        return;
      }
      expectSame(entry.name, 'sdk disabled', result!.disabled, report.config.sdkDisabled);
      if (result!.disabled) return;
      expectSame(entry.name, 'propagators inject', result!.injectedHeaders, predictedInjection(report.config.propagators, result!));
      for (const signal of SIGNALS) {
        const predicted = report.config[signal];
        const built = result!.exporters.filter((exporter) => exporter.signal === signal);
        const kinds = [...new Set(built.map((exporter) => exporter.kind))].sort();
        const expectedKinds = predicted.exporters.includes('none') ? [] : [...new Set(predicted.exporters)].sort();
        expectSame(entry.name, `${signal} exporters`, kinds, expectedKinds);
        const otlp = built.find((exporter) => exporter.kind === 'otlp');
        if (!otlp) continue;
        expectSame(entry.name, `${signal} protocol`, otlp.protocol, predicted.protocol);
        expectSame(
          entry.name,
          `${signal} destination`,
          redactUrl(destinationKey(otlp.protocol!, otlp.url!)),
          redactUrl(destinationKey(predicted.protocol, predicted.url)),
        );
        expectSame(entry.name, `${signal} compression`, otlp.compression, predicted.compression);
        expectSame(
          entry.name,
          `${signal} header names`,
          otlp.headerNames,
          Object.keys(predicted.headers)
            .map((name) => name.toLowerCase())
            .sort(),
        );

        const tls = predicted.url.trim().toLowerCase().startsWith('https:');
        const predictedPath = predicted.protocol === 'grpc' ? GRPC_PATHS[signal] : tls ? '' : new URL(predicted.url.trim()).pathname;
        // A path without a signal in it (a signal endpoint used as given) is matched by the path predicted.
        const requests = recorder!.requests.filter((request) =>
          request.transport === 'tls'
            ? tls
            : request.signal === signal || (request.signal === undefined && request.path.split('?')[0] === predictedPath),
        );
        if (
          signal === 'traces' &&
          (!result!.sampled ||
            ['always_off', 'parentbased_always_off'].includes(report.config.sampler.name) ||
            report.config.sampler.ratio === 0)
        ) {
          expectSame(entry.name, 'sampled', result!.sampled, predictedDecision(report, result!.traceId!));
          expect(
            requests.filter((request) => request.items > 0),
            `${entry.name}: spans arrived though nothing was sampled`,
          ).toEqual([]);
          continue;
        }
        if (signal === 'traces') expectSame(entry.name, 'sampled', result!.sampled, predictedDecision(report, result!.traceId!));
        const wire = requests[0];
        if (!wire) {
          // Nothing reached the recorder (a 10 ms timeout, a proxy, a unix socket): the SDK must not claim delivery.
          expect(
            result!.exports.filter((item) => item.signal === signal && item.outcome !== 'failure'),
            `${entry.name}: ${signal} reported delivered but never arrived`,
          ).toEqual([]);
          continue;
        }
        if (wire.signal === undefined) decodeAs(wire, signal);
        expectSame(entry.name, `${signal} transport`, wire.transport, tls ? 'tls' : predicted.protocol === 'grpc' ? 'h2' : 'http1');
        if (wire.transport === 'tls') continue;
        const url = new URL(predicted.url.trim());
        expectSame(
          entry.name,
          `${signal} path`,
          wire.path,
          predicted.protocol === 'grpc' ? GRPC_PATHS[signal] : `${url.pathname}${url.search}`,
        );
        expectSame(entry.name, `${signal} content-type`, wire.headers['content-type'], CONTENT_TYPE[predicted.protocol]);
        const encoding = predicted.protocol === 'grpc' ? wire.headers['grpc-encoding'] : wire.headers['content-encoding'];
        expectSame(entry.name, `${signal} wire compression`, encoding === 'gzip' ? 'gzip' : 'none', predicted.compression);
        const values = Object.fromEntries(Object.entries(entry.headerValues![signal]).map(([name, value]) => [name.toLowerCase(), value]));
        const sent = Object.fromEntries(Object.entries(wire.headers).filter(([name]) => !TRANSPORT_HEADERS.has(name)));
        expectSame(entry.name, `${signal} headers on the wire`, sent, values);
        expect(wire.decodeError, `${entry.name}: ${signal} body`).toBeUndefined();
        expectSame(entry.name, 'service.name', wire.resource?.['service.name'], report.config.serviceName);
        const resource = Object.fromEntries(Object.keys(report.config.resourceAttributes).map((key) => [key, wire.resource?.[key]]));
        expectSame(entry.name, 'resource attributes', resource, report.config.resourceAttributes);
      }
    });
  }
});
