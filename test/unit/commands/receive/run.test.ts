/**
 * The receive session in-process with an interactive (TTY-like) stderr: the live line shows up,
 * Ctrl-C ends it with 130 and the tally. Conditions are awaited, never timed.
 */
import { existsSync } from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { OutputBoundary } from '../../../../src/boundary/output.js';
import type { CommandContext } from '../../../../src/cli/context.js';
import { runReceiveSession } from '../../../../src/commands/receive/run.js';
import { resolveReceiveSettings } from '../../../../src/receiver/receive-options.js';
import type { ReceiverHandle } from '../../../../src/receiver/types.js';
import { ExportResultCode, exportWith, makeSpans, traceExporter } from '../../receiver/sdk-senders.js';

function captured() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

/** A context as the CLI builds it: both streams behind an output boundary. */
function behindBoundary(fields: Omit<CommandContext, 'boundary'>): CommandContext {
  const boundary = new OutputBoundary();
  return {
    ...fields,
    boundary,
    stdout: boundary.wrap(fields.stdout, { keepStyle: fields.color }),
    stderr: boundary.wrap(fields.stderr, { keepStyle: fields.color }),
  };
}

describe('receive session', () => {
  it('draws a live line per signal and service on an interactive stderr, and stops on Ctrl-C with 130', async () => {
    const stdout = captured();
    const stderr = captured();
    const interrupt = new AbortController();
    const context: CommandContext = behindBoundary({
      stdout: stdout.stream,
      stderr: stderr.stream,
      env: {},
      cwd: process.cwd(),
      color: false,
      interactive: true,
      signal: interrupt.signal,
      debug: false,
    });
    const settings = { ...resolveReceiveSettings({ grpcPort: '0', httpPort: '0' }), liveIntervalMs: 20 };
    const session = runReceiveSession(settings, context);
    await vi.waitFor(() => expect(stderr.text()).toMatch(/OTLP\/HTTP on http:\/\/127\.0\.0\.1:\d+/), { timeout: 10_000 });
    const port = Number(/OTLP\/HTTP on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr.text())![1]);
    const exporter = await traceExporter({ host: '127.0.0.1', ports: { http: port } } as ReceiverHandle, 'http/protobuf');
    try {
      expect((await exportWith(exporter, await makeSpans())).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await exporter.shutdown();
    }
    expect(stderr.text()).toContain(`point an application here with OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${port}`);
    await vi.waitFor(() => expect(stderr.text()).toContain('\r\u001b[2K2 spans ('), { timeout: 10_000 });
    expect(stderr.text()).toMatch(/2 spans \(\d+\/s\) · 0 data points · 0 log records · 1 request · checkout: 2 spans/);
    interrupt.abort();
    expect(await session).toBe(130);
    expect(stdout.text()).toMatch(/^received 2 spans, 0 data points, 0 log records in 1 request/);
  });

  it('holds the answer to the client while stdout is full (backpressure), and answers once it drains', async () => {
    const stderr = captured();
    const held: Array<() => void> = [];
    let released = false;
    let written = '';
    // A reader that takes nothing until released: stdout reports "full" after the first line.
    const slowStdout = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.toString();
        if (released) callback();
        else held.push(callback);
      },
    });
    const interrupt = new AbortController();
    const context: CommandContext = behindBoundary({
      stdout: slowStdout,
      stderr: stderr.stream,
      env: {},
      cwd: process.cwd(),
      color: false,
      interactive: false,
      signal: interrupt.signal,
      debug: false,
    });
    const session = runReceiveSession({ ...resolveReceiveSettings({ grpcPort: '0', httpPort: '0', json: true }) }, context);
    await vi.waitFor(() => expect(stderr.text()).toMatch(/OTLP\/gRPC on 127\.0\.0\.1:\d+/), { timeout: 10_000 });
    const port = Number(/OTLP\/gRPC on 127\.0\.0\.1:(\d+)/.exec(stderr.text())![1]);
    const target = { host: '127.0.0.1', ports: { grpc: port } } as ReceiverHandle;
    // While the reader holds stdout, the answer is held too: this client gives up at its deadline.
    const impatient = await traceExporter(target, 'grpc', { timeoutMillis: 500 });
    try {
      const result = await exportWith(impatient, await makeSpans());
      expect(result.code).toBe(ExportResultCode.FAILED);
      expect((result.error as { code?: number }).code).toBe(4); // DEADLINE_EXCEEDED
    } finally {
      await impatient.shutdown();
    }
    expect(held.length).toBeGreaterThan(0);
    // Release the reader: the held write completes, every later one at once, stdout drains, answers flow again.
    released = true;
    for (const callback of held.splice(0)) callback();
    const patient = await traceExporter(target, 'grpc');
    try {
      expect((await exportWith(patient, await makeSpans())).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await patient.shutdown();
    }
    expect(written.trim().split('\n')).toHaveLength(4);
    interrupt.abort();
    expect(await session).toBe(130);
  });

  // /dev/full opens fine and fails every write with ENOSPC: a disk that fills up mid-run.
  it.skipIf(!existsSync('/dev/full'))('refuses the request and stops with the error when the --out file cannot be written', async () => {
    const stderr = captured();
    const stdout = captured();
    const context: CommandContext = behindBoundary({
      stdout: stdout.stream,
      stderr: stderr.stream,
      env: {},
      cwd: process.cwd(),
      color: false,
      interactive: false,
      signal: new AbortController().signal,
      debug: false,
    });
    const session = runReceiveSession(resolveReceiveSettings({ grpcPort: '0', httpPort: '0', out: '/dev/full' }), context);
    const ended = session.then(
      () => undefined,
      (error: Error) => error,
    );
    await vi.waitFor(() => expect(stderr.text()).toMatch(/OTLP\/HTTP on http:\/\/127\.0\.0\.1:\d+/), { timeout: 10_000 });
    const port = Number(/OTLP\/HTTP on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr.text())![1]);
    const exporter = await traceExporter({ host: '127.0.0.1', ports: { http: port } } as ReceiverHandle, 'http/protobuf', {
      timeoutMillis: 2000,
    });
    try {
      // The sender must not be told that items it could not keep were accepted.
      expect((await exportWith(exporter, await makeSpans())).code).toBe(ExportResultCode.FAILED);
    } finally {
      await exporter.shutdown();
    }
    // The session ends by itself, with the error naming the file (exit 2), and still prints the tally.
    expect((await ended)?.message).toMatch(/^cannot write --out file \/dev\/full: no space left on the device \(ENOSPC\)/);
    expect(stderr.text()).toMatch(/refused an OTLP\/HTTP traces request: 503 the receiver could not save the items/);
    expect(stdout.text()).toMatch(/^received 2 spans/);
  });
});
