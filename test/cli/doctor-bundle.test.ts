/**
 * `doctor --bundle`: the archive holds what a support ticket needs, and none of the secrets planted
 * in every input (the environment, an --env-file, the otel-proc config file, the Collector config),
 * including the shapes no URL parser reads: a raw password with '#' and '/', and an api_key in an
 * endpoint with a bad port. Unpacked with node-tar, then every file is searched.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { x as extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startReceiveCli, type RunningReceive } from './receive-process.js';

const SECRETS = {
  headers: 'env-token-H4s1x',
  password: 'pa#ss/w0rd-K9z',
  apiKey: 'apikey-R5t2q',
  envFile: 'envfile-key-W8m3',
  configFile: 'file-token-Q7x9',
  collectorToken: 'collector-token-Z3k8',
  collectorBearer: 'collector-bearer-M2p5',
};

let dir: string;
let receiver: RunningReceive;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'otel-proc-bundle-'));
  receiver = await startReceiveCli(['--no-grpc']);
  writeFileSync(join(dir, 'otel-proc.config.yaml'), `tracing:\n  headers:\n    authorization: "Bearer ${SECRETS.configFile}"\n`);
  writeFileSync(join(dir, '.env'), `OTEL_EXPORTER_OTLP_TRACES_HEADERS=x-api-key=${SECRETS.envFile}\n`);
  writeFileSync(
    join(dir, 'otelcol.yaml'),
    `extensions:\n  bearertokenauth:\n    token: "${SECRETS.collectorToken}"\nexporters:\n  otlphttp:\n    endpoint: https://backend.example.com\n    headers:\n      Authorization: "Bearer ${SECRETS.collectorBearer}"\n`,
  );
});
afterAll(async () => {
  receiver.child.kill('SIGTERM');
  await receiver.exited;
  rmSync(dir, { recursive: true, force: true });
});

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) =>
    statSync(join(root, name)).isDirectory() ? filesUnder(join(root, name)) : [join(root, name)],
  );
}

describe('otel-proc doctor --bundle', () => {
  it('writes one archive with every part, and no planted secret in any file', async () => {
    const port = receiver.target.ports.http!;
    const result = await runCli(
      [
        'doctor',
        '--timeout',
        '1500ms',
        '--only',
        'configuration,reachability,protocol,canary,neighbours,listeners',
        '--env-file',
        '.env',
        '--bundle',
        'support.tar.gz',
        '--collector-config',
        'otelcol.yaml',
      ],
      {
        cwd: dir,
        env: {
          OTEL_SERVICE_NAME: 'bundle-test',
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
          OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer ${SECRETS.headers}`,
          OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `http://user:${SECRETS.password}@127.0.0.1:${port}/v1/metrics`,
          OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `http://127.0.0.1:99999/v1/logs?api_key=${SECRETS.apiKey}`,
        },
      },
    );
    expect(result.stderr).toContain('support bundle written to support.tar.gz');
    expect(statSync(join(dir, 'support.tar.gz')).mode & 0o077).toBe(0);
    const out = join(dir, 'unpacked');
    rmSync(out, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(out));
    await extract({ file: join(dir, 'support.tar.gz'), cwd: out });
    const root = join(out, 'otel-proc-bundle');
    const files = filesUnder(root)
      .map((file) => file.slice(root.length + 1))
      .sort();
    expect(files).toEqual([
      'README.txt',
      'doctor.json',
      'environment.txt',
      'files/collector-config/1-otelcol.yaml',
      'files/config-file/otel-proc.config.yaml',
      'files/env-file/.env',
      'listeners.json',
      'manifest.json',
      'probe-matrix.json',
      'validate.json',
      'versions.json',
    ]);
    const read = (name: string): string => readFileSync(join(root, name), 'utf8');
    // The inputs did reach the bundle: what is missing below was replaced, not left out.
    expect(read('environment.txt')).toContain(`OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=http://127.0.0.1:99999/v1/logs?api_key=`);
    expect(read('files/collector-config/1-otelcol.yaml')).toContain('bearertokenauth:\n    token: "<redacted>"');
    expect(read('files/config-file/otel-proc.config.yaml')).toContain('authorization: "<redacted>"');
    expect(read('README.txt')).toContain('Secrets were replaced');
    const manifest = JSON.parse(read('manifest.json')) as { files: Array<{ path: string; source: string }> };
    expect(manifest.files.find((f) => f.path.endsWith('otelcol.yaml'))!.source).toContain(join(dir, 'otelcol.yaml'));
    const versions = JSON.parse(read('versions.json')) as {
      otelProc: string;
      runtime: { node: string };
      otelProcSdk: Record<string, unknown>;
    };
    expect(versions.runtime.node).toBe(process.version);
    expect(Object.keys(versions.otelProcSdk)).toContain('@opentelemetry/api');
    expect((JSON.parse(read('validate.json')) as { config: unknown }).config).toBeDefined();
    expect(JSON.parse(read('probe-matrix.json'))).toEqual(expect.any(Array));

    for (const file of files) {
      const text = read(file);
      for (const [name, secret] of Object.entries(SECRETS)) {
        expect(text, `${name} in ${file}`).not.toContain(secret);
        expect(text, `${name} (percent-encoded) in ${file}`).not.toContain(encodeURIComponent(secret));
      }
    }
  });

  it('refuses a missing folder and an unreadable --collector-config, exit 2', async () => {
    const folder = await runCli(['doctor', '--bundle', 'missing/support.tar.gz'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('cannot write --bundle missing/support.tar.gz: the folder does not exist');
    const unreadable = await runCli(['doctor', '--bundle', 'support.tar.gz', '--collector-config', 'nope.yaml'], { cwd: dir });
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('cannot read --collector-config nope.yaml: no such file');
    expect(folder.stderr + unreadable.stderr).not.toMatch(/\n\s+at /);
  });
});
