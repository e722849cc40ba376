import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { composeSchemaErrors } from '../unit/init/compose-schema.js';
import { declaredComponents, manifestComponentTypes } from '../unit/init/manifest-components.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'otel-proc-init-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const CONFIG_FILE = { yaml: 'otel-proc.config.yaml', json: 'otel-proc.config.json', ts: 'otel-proc.config.ts' } as const;
const STACK_FILES = [
  'docker-compose.telemetry.yml',
  'telemetry/otel-collector-config.yaml',
  'telemetry/jaeger-config.yaml',
  'telemetry/prometheus.yml',
];

describe('otel-proc init', () => {
  const cases = (['local', 'ci', 'production'] as const).flatMap((preset) =>
    (['yaml', 'json', 'ts'] as const).map((format) => ({ preset, format })),
  );

  it.each(cases)(
    '$preset preset, $format: validate --strict accepts what init wrote; compose and collector configs are sound',
    async ({ preset, format }) => {
      const dir = tempDir();
      const init = await runCli(['init', '--yes', '--preset', preset, '--format', format, '--service-name', 'billing', '--dir', dir]);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      for (const file of [CONFIG_FILE[format], '.env.otel', ...STACK_FILES]) {
        expect(existsSync(join(dir, file)), file).toBe(true);
        expect(init.stdout).toMatch(new RegExp(`${file.replace(/\./g, '\\.')}\\s+created`));
      }

      const validate = await runCli(['validate', '--strict', '--json'], { cwd: dir });
      const report = JSON.parse(validate.stdout) as {
        ok: boolean;
        diagnostics: Array<{ code: string }>;
        config: { serviceName: { value: string } | string };
      };
      expect(report.diagnostics, JSON.stringify(report.diagnostics)).toEqual([]);
      expect(validate.code).toBe(0);
      expect(JSON.stringify(report.config)).toContain('billing');

      // The .env.otel says the same as the config file, for applications.
      const fromEnv = await runCli(['validate', '--strict', '--no-config-search', '--env-file', '.env.otel'], { cwd: dir });
      expect(fromEnv.code, fromEnv.stdout).toBe(0);

      expect(composeSchemaErrors(readFileSync(join(dir, 'docker-compose.telemetry.yml'), 'utf8'))).toEqual([]);
      const built = manifestComponentTypes();
      for (const { kind, id, type } of declaredComponents(readFileSync(join(dir, 'telemetry/otel-collector-config.yaml'), 'utf8'))) {
        expect(built, `${kind}.${id}`).toContain(type);
      }
    },
  );

  it('re-running without --force changes nothing and says so', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--yes', '--dir', dir])).code).toBe(0);
    const before = readFileSync(join(dir, 'otel-proc.config.yaml'), 'utf8');
    const again = await runCli(['init', '--yes', '--dir', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing changed');
    expect(again.stdout).not.toMatch(/created|overwritten/);

    // A file the user edited is kept, and the exit code says init could not do everything.
    writeFileSync(join(dir, 'otel-proc.config.yaml'), `${before}# my edit\n`);
    const kept = await runCli(['init', '--yes', '--preset', 'production', '--dir', dir, '--json']);
    expect(kept.code).toBe(1);
    const report = JSON.parse(kept.stdout) as { files: Array<{ path: string; outcome: string }>; notes: Array<{ code: string }> };
    expect(report.files.find((f) => f.path === 'otel-proc.config.yaml')?.outcome).toBe('kept');
    expect(report.notes.map((n) => n.code)).toContain('INIT_FILES_KEPT');
    expect(readFileSync(join(dir, 'otel-proc.config.yaml'), 'utf8')).toBe(`${before}# my edit\n`);

    const forced = await runCli(['init', '--yes', '--preset', 'production', '--dir', dir, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/otel-proc\.config\.yaml\s+overwritten/);
    expect(readFileSync(join(dir, 'otel-proc.config.yaml'), 'utf8')).toContain('parent_based');
  });

  it('takes the service name and version from package.json, prints next steps, and --no-stack skips the stack', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/checkout', version: '2.3.4' }));
    // No TTY and no --yes: nothing to ask, so the defaults are used.
    const result = await runCli(['init', '--no-stack'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, '.env.otel'), 'utf8')).toContain('OTEL_SERVICE_NAME=checkout\n');
    expect(readFileSync(join(dir, '.env.otel'), 'utf8')).toContain('service.version=2.3.4');
    expect(existsSync(join(dir, 'docker-compose.telemetry.yml'))).toBe(false);
    expect(result.stdout).toContain('Next steps');
    expect(result.stdout).toContain('npx otel-proc doctor');
  });

  it('prints the compose and verification next steps with the stack', async () => {
    const dir = tempDir();
    const result = await runCli(['init', '--yes', '--json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as { nextSteps: string[]; preset: string; format: string };
    expect(report.preset).toBe('local');
    expect(report.format).toBe('yaml');
    expect(report.nextSteps).toEqual(
      expect.arrayContaining([
        'docker compose -f docker-compose.telemetry.yml up -d',
        'npx otel-proc doctor',
        'npx otel-proc emit --verify-jaeger http://localhost:16686',
      ]),
    );
  });

  it('warns when another otel-proc config file is already there', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'otel-proc.config.json'), '{}\n');
    const result = await runCli(['init', '--yes', '--no-stack', '--json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as { notes: Array<{ code: string }> };
    expect(report.notes.map((n) => n.code)).toContain('INIT_OTHER_CONFIG_FILE');
  });

  it('warns when package.json has an "otel-proc" key, which would be read instead, and not for a plain package.json', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), '{"name":"billing","otel-proc":{"tracing":{"serviceName":"old"}}}\n');
    const result = await runCli(['init', '--yes', '--no-stack', '--json'], { cwd: dir });
    const notes = (JSON.parse(result.stdout) as { notes: Array<{ code: string; message: string }> }).notes;
    expect(notes.find((n) => n.code === 'INIT_OTHER_CONFIG_FILE')?.message).toMatch(/package\.json has an "otel-proc" key/);
    const plain = tempDir();
    writeFileSync(join(plain, 'package.json'), '{"name":"billing"}\n');
    const again = await runCli(['init', '--yes', '--no-stack', '--json'], { cwd: plain });
    expect((JSON.parse(again.stdout) as { notes: Array<{ code: string }> }).notes.map((n) => n.code)).not.toContain(
      'INIT_OTHER_CONFIG_FILE',
    );
  });

  it('a --dir that cannot be written is a usage error naming the path, not a crash', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const result = await runCli(['init', '--yes', '--dir', join(dir, 'not-a-folder')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot write ${join(dir, 'not-a-folder', 'otel-proc.config.yaml')}: part of that path is a file`);
    expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  });

  // Node's recursive mkdir never returns for a folder under /proc (Linux); nor may init.
  it.runIf(process.platform === 'linux')('a --dir that cannot be created ends with exit 2 and the path, instead of hanging', async () => {
    const dir = '/proc/self/otel-proc-init/telemetry';
    const result = await runCli(['init', '--yes', '--dir', dir], { timeoutMs: 15_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot write ${join(dir, 'otel-proc.config.yaml')}: `);
    expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  });

  it('still prints one JSON document under --json when it cannot write (exit 2)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const result = await runCli(['init', '--yes', '--json', '--dir', join(dir, 'not-a-folder')]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'usage', message: expect.stringContaining('part of that path is a file') as unknown },
    });
  });

  it('refuses an empty --service-version instead of writing a config validate rejects (exit 2, nothing written)', async () => {
    const dir = tempDir();
    const result = await runCli(['init', '--yes', '--no-stack', '--service-version', ' ', '--dir', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--service-version cannot be empty');
    expect(existsSync(join(dir, CONFIG_FILE.yaml))).toBe(false);
  });

  it('rejects a bad preset as a usage error', async () => {
    const result = await runCli(['init', '--yes', '--preset', 'staging']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/staging/);
  });
});
