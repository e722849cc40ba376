/**
 * The image build (Dockerfile, .dockerignore): linted by hadolint, and what it copies is what the
 * build context holds. There is no container engine here, so the build itself is not run; the
 * tarball it installs is checked by test/cli/package-install.test.ts.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const dockerfile = readFileSync(`${REPO}Dockerfile`, 'utf8');

/** Sources of the COPY lines that read the build context (not `--from` another stage). */
function copiedFromContext(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^COPY\s/.test(line) && !/--from=/.test(line))
    .flatMap((line) => line.trim().split(/\s+/).slice(1, -1));
}

describe('Dockerfile', () => {
  it('passes hadolint', async () => {
    const result = await run('bash', ['scripts/lint/hadolint.sh', '--no-color', 'Dockerfile'], { cwd: REPO }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
    // hadolint prints one line per finding on stdout and exits 1 when there is one.
    expect(result).toMatchObject({ code: 0, stdout: '' });
  }, 300_000);

  it('builds on node:20-slim in two stages, runs as a numeric non-root user, with otel-proc as entrypoint', () => {
    expect(dockerfile.match(/^FROM node:20-slim\b/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm pack\b/m);
    expect(dockerfile).toMatch(/^RUN npm install --global [^\n]*\/tmp\/otel-proc\.tgz/m);
    const user = /^USER (\S+)$/m.exec(dockerfile)?.[1];
    expect(user).toMatch(/^[1-9]\d*(:\d+)?$/);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["otel-proc"\]$/m);
  });

  it('copies only what .dockerignore lets into the build context', () => {
    const allowed = readFileSync(`${REPO}.dockerignore`, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).replace(/\/$/, ''));
    const copied = copiedFromContext(dockerfile);
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.filter((source) => !allowed.includes(source.replace(/\/$/, '')))).toEqual([]);
  });
});
