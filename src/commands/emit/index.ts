/**
 * `otel-proc emit`: send recognisable stream-processor telemetry through the real OpenTelemetry JS
 * SDK, configured exactly like the application, and prove it arrived. Flags and help only here;
 * the body (run.ts) loads when the command runs.
 */
import type { Command } from 'commander';
import { addConfigOptions, type ConfigOptionValues } from '../../cli/config-options.js';
import { runCommand } from '../../cli/run-command.js';
import type { RawEmitFlags } from '../../emit/options.js';

const EXAMPLES = `
Examples:
  $ otel-proc emit --local                              # zero-infrastructure smoke test: embedded receiver, verified arrival
  $ otel-proc emit -e http://collector:4318             # 10 events (traces, metrics, logs) over OTLP/HTTP protobuf
  $ otel-proc emit -p grpc -e http://collector:4317 --count 100 --services 3 --error-ratio 0.2
  $ otel-proc emit --signals traces --seed 42           # the same trace shapes on every run
  $ otel-proc emit --scenario checkout.yaml --local     # your own span tree (YAML)
  $ otel-proc emit -H "authorization=Bearer $TOKEN" --verify-jaeger http://localhost:16686 \\
      --verify-prometheus http://localhost:9090 --verify-timeout 60s
  $ otel-proc emit --engine app-sdk --local              # through a NodeSDK built from OTEL_* alone, as your app runs
  $ otel-proc emit --json | jq -r '.traces[].traceId'

Configuration comes from OTEL_* variables, --env-file, an otel-proc config file and the flags
(flags win). Each signal reports success, partial success (with counts) or failure with the reason
in plain words. Exit codes: 0 delivered (and verified), 1 any failure, 2 usage or configuration error, 130 Ctrl-C.`;

export interface EmitOptionValues extends ConfigOptionValues, RawEmitFlags {}

export function registerEmit(program: Command): void {
  const command = program
    .command('emit')
    .summary('send synthetic stream-processor telemetry through the OpenTelemetry SDK and prove it arrived')
    .description(
      'Send a burst of traces (process_event trees with deserialization, deduplication, windowing, aggregation and state calls), the processor.* metrics and correlated logs through the OpenTelemetry JS SDK configured like your application, and report what each exporter said. --local verifies arrival in an embedded receiver; --verify-jaeger / --verify-prometheus verify it in the backends.',
    )
    .option('--signals <list>', 'signals to send: traces,metrics,logs', 'traces,metrics,logs')
    .option('-n, --count <n>', 'events (traces) to send, e.g. 100 or 2k; metrics and logs follow from them', '10')
    .option(
      '--services <n>',
      'spread each trace over up to n services (default: 1 for the built-in scenario, all that a --scenario file names)',
    )
    .option('--seed <text>', 'seed for reproducible trace shapes and values (default: random, printed)')
    .option('--scenario <file>', 'a YAML span tree to send instead of the built-in stream processor')
    .option('--error-ratio <ratio>', 'share of events that fail with a recorded exception and ERROR status, e.g. 0.2 or 20%')
    .option(
      '--engine <engine>',
      "default: otel-proc's SDK pipeline; app-sdk: a NodeSDK built from the environment exactly as your app builds it (env and --env-file only)",
      'default',
    )
    .option('--local', 'send to an embedded receiver on free ports and verify every item arrived intact')
    .option('--verify-jaeger <url>', 'poll Jaeger (e.g. http://localhost:16686) until every sent trace is there')
    .option('--verify-prometheus <url>', 'poll Prometheus (e.g. http://localhost:9090) until the processor_* series are there')
    .option('--verify-timeout <duration>', 'how long to wait for the backends (e.g. 30s, 2m)', '30s')
    .option('--json', 'print one JSON document');
  addConfigOptions(command).addHelpText('after', EXAMPLES);
  command.action(async (values: EmitOptionValues) => {
    await runCommand(async (context) => {
      const { emitCommand } = await import('./run.js');
      return emitCommand(values, context);
    });
  });
}
