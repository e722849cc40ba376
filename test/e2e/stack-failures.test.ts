/**
 * When the stack cannot start, the harness says why (with the process's log) instead of hanging or
 * letting tests skip: a port already taken, a config the collector rejects, a missing build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findStackBinaries } from '../../src/init/stack-binaries.js';
import { startCollector } from './helpers/stack.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function occupyPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      cleanups.push(() => server.close());
      resolve({ server, port: (server.address() as { port: number }).port });
    });
  });
}

describe('stack start failures', () => {
  it('a port someone else holds: the collector exits and the error quotes its log', async () => {
    const { port } = await occupyPort();
    await expect(startCollector({ ports: { otlpGrpc: port } })).rejects.toThrow(/collector exited .*address already in use/s);
  });

  it('a config the collector rejects: the error names the bad setting', async () => {
    await expect(
      startCollector({ transformConfig: (yaml) => yaml.replace('check_interval: 1s', 'check_interval: often') }),
    ).rejects.toThrow(/collector exited[\s\S]*check_interval/);
  });

  it('a missing binary is an error, not a hang', async () => {
    const binaries = await findStackBinaries();
    await expect(startCollector({ binaries: { ...binaries, otelcol: '/nonexistent/otelcol' } })).rejects.toThrow(
      /failed to start \/nonexistent\/otelcol/,
    );
  });

  it('an empty build cache: the error says how to build the stack', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'otel-proc-empty-cache-'));
    cleanups.push(() => rmSync(cache, { recursive: true, force: true }));
    await expect(findStackBinaries({ OTEL_PROC_STACK_CACHE: cache })).rejects.toThrow(
      /not installed[\s\S]*bash scripts\/stack\/install\.sh/,
    );
  });
});
