/**
 * Where the natively built stack lives. scripts/stack/install.sh builds and caches it; here we only
 * ask that script (with --check, which builds nothing) for the paths, so the cache layout has one owner.
 * OTELCOL_BIN, JAEGER_BIN and PROMETHEUS_BIN override the lookup (all three together).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { StackStartError } from './stack-processes.js';

export interface StackBinaries {
  otelcol: string;
  jaeger: string;
  prometheus: string;
}

const INSTALL_SCRIPT = fileURLToPath(new URL('../../scripts/stack/install.sh', import.meta.url));

function parseEnvLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return out;
}

export async function findStackBinaries(env: Record<string, string | undefined> = process.env): Promise<StackBinaries> {
  if (env.OTELCOL_BIN && env.JAEGER_BIN && env.PROMETHEUS_BIN) {
    return { otelcol: env.OTELCOL_BIN, jaeger: env.JAEGER_BIN, prometheus: env.PROMETHEUS_BIN };
  }
  const output = await new Promise<string>((resolve, reject) => {
    execFile('bash', [INSTALL_SCRIPT, '--check', '--print-env'], { env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error) {
        reject(
          new StackStartError(
            `the native telemetry stack is not installed: ${stderr.trim() || error.message}\n` +
              'Build it once (cached afterwards) with: bash scripts/stack/install.sh',
          ),
        );
      } else resolve(stdout);
    });
  });
  const values = parseEnvLines(output);
  if (!values.OTELCOL_BIN || !values.JAEGER_BIN || !values.PROMETHEUS_BIN) {
    throw new StackStartError(`scripts/stack/install.sh --check printed no binary paths:\n${output}`);
  }
  return { otelcol: values.OTELCOL_BIN, jaeger: values.JAEGER_BIN, prometheus: values.PROMETHEUS_BIN };
}
