/**
 * The unit project runs its files one after another in a few long-lived workers (isolate: false):
 * loading the SDK, gRPC and protobuf modules once per worker instead of once per file halves the
 * CPU of a run. Process-wide state is not reloaded between files, so whatever a file changes is put
 * back after it: the environment (OTEL_* above all), the OpenTelemetry API globals (tracer, meter
 * and logger providers, propagator, context manager, diag logger), faked timers and the exit code.
 * Vitest runs this file again before every test file, so the snapshot is that file's starting state.
 */
import { context, diag, metrics, propagation, trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { afterAll, vi } from 'vitest';

const environment = { ...process.env };

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
  Object.assign(process.env, environment);
  for (const api of [trace, metrics, logs, propagation, context, diag]) api.disable();
  vi.useRealTimers();
  process.exitCode = undefined;
});
