/**
 * scripts/check-prerequisites.sh, which scripts/test.sh runs first: a missing or too old Go is
 * named in one line with where to get it, and the check ends with exit 1 before anything is built.
 * Go is faked by a script on PATH; the stack cache points at an empty folder so Go is needed.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/check-prerequisites.sh', import.meta.url));
const folders: string[] = [];

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'otel-proc-prereq-'));
  folders.push(path);
  return path;
}

/**
 * Runs the check with a fake `go` first on PATH: one printing `go<goVersion>`, or for `undefined`
 * one that fails as a missing command does (a real Go in /usr/bin must not answer instead).
 */
function check(goVersion: string | undefined): Promise<{ code: number; stderr: string }> {
  const bin = folder();
  writeFileSync(join(bin, 'go'), goVersion ? `#!/bin/sh\necho go${goVersion}\n` : '#!/bin/sh\nexit 127\n');
  chmodSync(join(bin, 'go'), 0o755);
  const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: folder(), OTEL_PROC_STACK_CACHE: folder(), OTEL_PROC_CACHE: folder() };
  return new Promise((resolve) => {
    execFile('bash', [SCRIPT], { env, timeout: 30_000 }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

afterEach(() => {
  for (const path of folders.splice(0)) rmSync(path, { recursive: true, force: true });
});

describe('scripts/check-prerequisites.sh', () => {
  it('names a missing Go in one line with where to get it, exit 1', async () => {
    const result = await check(undefined);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^missing prerequisite: Go \d+\.\d+\.\d+ or newer is not on PATH .*https:\/\/go\.dev\/dl\/$/m);
  });

  it('names a Go older than the Collector needs, with both versions', async () => {
    const result = await check('1.21.4');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^missing prerequisite: Go 1\.21\.4 is too old: the OpenTelemetry Collector \S+ needs Go \d+\.\d+\.\d+ or newer/m,
    );
  });

  it('says nothing about a Go that is new enough', async () => {
    const result = await check('99.0.0');
    expect(result.stderr).not.toMatch(/\bGo\b/);
  });
});
