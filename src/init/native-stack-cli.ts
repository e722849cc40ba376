/**
 * `bash scripts/stack/start.sh`: the native stack in the foreground for local work. Prints the
 * endpoints, then keeps running until Ctrl-C (or until `-- <command>` finishes, whose exit code
 * it returns), and stops every process on the way out. Not an otel-proc command: a dev tool.
 */
import { spawn } from 'node:child_process';
import { isPresetName } from './presets.js';
import { startNativeStack, type NativeStack } from './native-stack.js';

function describe(stack: NativeStack): Record<string, string> {
  return {
    OTEL_PROC_STACK_OTLP_GRPC: stack.collector.otlpGrpc,
    OTEL_PROC_STACK_OTLP_HTTP: stack.collector.otlpHttp,
    OTEL_PROC_STACK_HEALTH: stack.collector.health,
    OTEL_PROC_STACK_COLLECTOR_METRICS: stack.collector.metrics,
    OTEL_PROC_STACK_PROMETHEUS_EXPORTER: stack.collector.prometheusExporter,
    OTEL_PROC_STACK_ZPAGES: `${stack.collector.zpages}/debug/pipelinez`,
    OTEL_PROC_STACK_JAEGER: stack.jaeger.query,
    OTEL_PROC_STACK_PROMETHEUS: stack.prometheus.url,
  };
}

async function main(argv: string[]): Promise<number> {
  const separator = argv.indexOf('--');
  const own = separator === -1 ? argv : argv.slice(0, separator);
  const command = separator === -1 ? [] : argv.slice(separator + 1);
  const presetFlag = own.indexOf('--preset');
  const preset = presetFlag === -1 ? 'local' : own[presetFlag + 1];
  if (!preset || !isPresetName(preset)) {
    process.stderr.write(`start.sh: --preset must be local, ci or production\n`);
    return 2;
  }
  process.stderr.write(`[stack] starting collector, Jaeger and Prometheus on 127.0.0.1 (${preset} preset)...\n`);
  const stack = await startNativeStack({ preset });
  const endpoints = describe(stack);
  try {
    for (const [name, value] of Object.entries(endpoints)) process.stdout.write(`${name}=${value}\n`);
    process.stderr.write(`[stack] healthy. Configs and logs: ${stack.workDir}\n`);
    if (command.length > 0) {
      return await new Promise<number>((resolve) => {
        const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, ...endpoints } });
        child.once('error', (error) => {
          process.stderr.write(`[stack] could not run ${command[0]}: ${error.message}\n`);
          resolve(127);
        });
        child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
      });
    }
    process.stderr.write('[stack] Ctrl-C stops everything.\n');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    return 0;
  } finally {
    process.stderr.write('[stack] stopping...\n');
    await stack.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`[stack] ERROR: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
