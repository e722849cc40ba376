import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { BIN, cleanEnv, runCli } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('otel-proc program', () => {
  it('prints help with exit code 0 and no colour under NO_COLOR', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: otel-proc');
    expect(result.stdout).toContain('Exit codes');
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it('prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it('rejects an unknown flag with exit code 2, naming it, without a stack trace', async () => {
    const result = await runCli(['--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--no-such-flag'");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows the help on stderr with no command, exit 2, and no internal marker', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Usage: otel-proc/);
    expect(result.stderr).not.toContain('(outputHelp)');
    expect(result.stdout).toBe('');
  });

  it('rejects an unknown command with exit code 2', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command|too many arguments/);
  });

  it('stops quietly when the reader of its output goes away (| head)', async () => {
    // The reader closes its end before the help text is written: EPIPE must not crash the CLI.
    const child = spawn(BIN, ['validate', '--help'], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
