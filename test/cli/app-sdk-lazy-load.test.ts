/**
 * @opentelemetry/sdk-node takes about a second to load, so only the app-sdk check's child process
 * and `emit --engine app-sdk` may load it: `--help`, `validate` and `doctor --skip app-sdk` must
 * start as fast as before. A hook given through NODE_OPTIONS=--import records, as each Node
 * process of the run exits, every CommonJS module it loaded (sdk-node ships CommonJS only, and an
 * ESM import of it lands in require.cache too). `emit --engine app-sdk` is the control: there the
 * hook must see the SDK, or the hook proves nothing.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type ReceiverHandle } from '../../src/receiver/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';

const HOOK = `
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
const require = createRequire(import.meta.url);
process.on('exit', () => {
  writeFileSync(process.env.OTEL_PROC_TEST_MODULES_DIR + '/' + process.pid + '.json', JSON.stringify(Object.keys(require.cache)));
});
`;

const SDK_NODE = /[\\/]@opentelemetry[\\/]sdk-node[\\/]/;

let folder: string;
let receiver: ReceiverHandle;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'otel-proc-lazy-load-'));
  writeFileSync(join(folder, 'record-modules.mjs'), HOOK);
  receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
});
afterAll(async () => {
  await receiver?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** Runs the CLI with the hook; returns its result and the modules each of its Node processes loaded. */
async function runRecorded(args: string[], env: Record<string, string> = {}): Promise<{ result: CliResult; loaded: string[][] }> {
  const dir = mkdtempSync(join(folder, 'run-'));
  const result = await runCli(args, {
    cwd: folder,
    timeoutMs: 60_000,
    env: { ...env, NODE_OPTIONS: `--import ${pathToFileURL(join(folder, 'record-modules.mjs')).href}`, OTEL_PROC_TEST_MODULES_DIR: dir },
  });
  const loaded = readdirSync(dir).map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as string[]);
  return { result, loaded };
}

const loadsSdkNode = (loaded: string[][]): boolean => loaded.some((modules) => modules.some((path) => SDK_NODE.test(path)));

describe('start-up without @opentelemetry/sdk-node', () => {
  it('the hook sees sdk-node where it is used: emit --engine app-sdk', async () => {
    const { result, loaded } = await runRecorded(['emit', '--engine', 'app-sdk', '--local', '--count', '1', '--json'], {
      OTEL_SERVICE_NAME: 'lazy-load',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(loaded.length).toBeGreaterThan(0);
    expect(loadsSdkNode(loaded)).toBe(true);
  });

  it.each([
    ['--help', ['--help']],
    ['validate', ['validate', '--json']],
    ['doctor --skip app-sdk', ['doctor', '--skip', 'app-sdk', '--json', '--timeout', '2s']],
  ])('%s does not load it', async (_name, args) => {
    const env = { OTEL_SERVICE_NAME: 'lazy-load', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.ports.http}` };
    const { result, loaded } = await runRecorded(args, env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // The CLI itself ran under the hook (it loads CommonJS packages such as commander).
    // The hook saw the CLI start: commander itself (tsc's build) or the bundle that holds it (the package build).
    expect(loaded.flat().some((path) => /[\\/]commander[\\/]|[\\/]dist[\\/]cli\.cjs$/.test(path))).toBe(true);
    expect(loadsSdkNode(loaded)).toBe(false);
  });
});
