/**
 * `otel-proc receive` as a user runs it: real exporters send to the spawned CLI, which streams
 * JSON lines, stops by itself or on Ctrl-C, and prints its tally.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import {
  ExportResultCode,
  exportWith,
  makeLogRecords,
  makeMetrics,
  makeSpans,
  logExporter,
  metricExporter,
  traceExporter,
} from '../unit/receiver/sdk-senders.js';
import { startReceiveCli } from './receive-process.js';

const parseLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('otel-proc receive', () => {
  it('streams one JSON line per span, data point and log record, and stops at --max-items', async () => {
    const [spans, metrics, logRecords] = await Promise.all([makeSpans(), makeMetrics(), makeLogRecords()]);
    const total = spans.length + 5 + logRecords.length;
    const running = await startReceiveCli(['--json', '--max-items', String(total)]);
    const exporters = [
      await traceExporter(running.target, 'grpc'),
      await metricExporter(running.target, 'http/protobuf'),
      await logExporter(running.target, 'http/json'),
    ] as const;
    try {
      expect((await exportWith(exporters[0], spans)).code).toBe(ExportResultCode.SUCCESS);
      expect((await exportWith(exporters[1], metrics)).code).toBe(ExportResultCode.SUCCESS);
      expect((await exportWith(exporters[2], logRecords)).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await Promise.all(exporters.map((exporter) => exporter.shutdown()));
    }
    expect(await running.exited).toEqual({ code: 0, signal: null });
    const lines = parseLines(running.stdout());
    expect(
      lines
        .filter((line) => line.signal === 'traces')
        .map((line) => line.spanId)
        .sort(),
    ).toEqual(spans.map((span) => span.spanContext().spanId).sort());
    expect(lines.find((line) => line.name === 'SELECT orders')).toMatchObject({
      protocol: 'grpc',
      kind: 'client',
      status: { code: 'error', message: 'query timed out' },
      resource: { 'service.name': 'checkout' },
      parentSpanId: spans.find((span) => span.name === 'GET /orders')!.spanContext().spanId,
    });
    expect(lines.filter((line) => line.signal === 'metrics')).toHaveLength(5);
    expect(lines.filter((line) => line.signal === 'logs').map((line) => line.body)).toEqual(logRecords.map((record) => record.body));
    // The tally goes to stderr, keeping stdout pure JSON lines.
    expect(running.stderr()).toMatch(/received 2 spans, 5 data points, 2 log records in 3 requests/);
    expect(running.stderr()).toMatch(/checkout\s+2\s+5\s+2/);
  });

  it('writes the lines to --out, stops after --duration, and prints the tally on stdout', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'otel-proc-receive-')), 'items.jsonl');
    const running = await startReceiveCli(['--out', out, '--duration', '2s']);
    const exporter = await traceExporter(running.target, 'http/protobuf', { gzip: true });
    const spans = await makeSpans();
    try {
      expect((await exportWith(exporter, spans)).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await exporter.shutdown();
    }
    expect((await running.exited).code).toBe(0);
    expect(
      parseLines(readFileSync(out, 'utf8'))
        .map((line) => line.name)
        .sort(),
    ).toEqual(['GET /orders', 'SELECT orders']);
    expect(running.stdout()).toMatch(/^received 2 spans, 0 data points, 0 log records in 1 request over/);
  });

  it('stops quietly with exit code 0 when the reader of --json goes away (| head)', async () => {
    const running = await startReceiveCli(['--json']);
    running.child.stdout.destroy();
    const exporter = await traceExporter(running.target, 'http/protobuf');
    try {
      await exportWith(exporter, await makeSpans());
    } finally {
      await exporter.shutdown();
    }
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.stderr()).toMatch(/received 2 spans/);
    expect(running.stderr()).not.toMatch(/EPIPE|\n\s+at /);
  });

  it('tells on stderr why a request was refused, but not injected faults', async () => {
    const running = await startReceiveCli(['--duration', '3s', '--fail-first', '1']);
    const port = running.target.ports.http!;
    const post = (contentType: string, body: string) =>
      fetch(`http://127.0.0.1:${port}/v1/traces`, { method: 'POST', headers: { 'Content-Type': contentType }, body }).then(
        (response) => response.status,
      );
    expect(await post('application/json', '{}')).toBe(503); // the injected one
    expect(await post('text/plain', 'hello')).toBe(415);
    expect(await post('application/x-protobuf', 'garbage!')).toBe(400);
    running.child.kill('SIGINT');
    await running.exited;
    const refusals = running
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('refused'));
    expect(refusals).toEqual([
      expect.stringMatching(/^refused an OTLP\/HTTP traces request: 415 unsupported Content-Type "text\/plain"/),
      expect.stringMatching(/^refused an OTLP\/HTTP traces request: 400 invalid protobuf/),
    ]);
  });

  it('stops cleanly on Ctrl-C with the tally and exit code 130', async () => {
    const running = await startReceiveCli([]);
    running.child.kill('SIGINT');
    expect(await running.exited).toEqual({ code: 130, signal: null });
    expect(running.stdout()).toMatch(/received 0 spans/);
    expect(running.stderr()).not.toMatch(/\n\s+at /);
  });

  it('injects the configured failure, and the exporter retries through it', async () => {
    const running = await startReceiveCli(['--fail-with', '503', '--fail-first', '1', '--retry-after', '0s', '--max-items', '2']);
    const exporter = await traceExporter(running.target, 'http/json');
    try {
      expect((await exportWith(exporter, await makeSpans())).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await exporter.shutdown();
    }
    expect((await running.exited).code).toBe(0);
    expect(running.stdout()).toMatch(/in 2 requests/);
    expect(running.stdout()).toMatch(/failed requests: 1/);
  });

  it('refuses requests without the required header and never prints its value', async () => {
    const running = await startReceiveCli(['--require-header', 'authorization=Bearer hunter2', '--max-items', '2']);
    const refused = await traceExporter(running.target, 'grpc');
    const allowed = await traceExporter(running.target, 'http/protobuf', { headers: { Authorization: 'Bearer hunter2' } });
    try {
      expect((await exportWith(refused, await makeSpans())).code).toBe(ExportResultCode.FAILED);
      expect((await exportWith(allowed, await makeSpans())).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await Promise.all([refused.shutdown(), allowed.shutdown()]);
    }
    await running.exited;
    expect(running.stdout() + running.stderr()).not.toContain('hunter2');
    expect(running.stdout()).toMatch(/received 2 spans/);
  });

  it.each([
    [['--reject-ratio', '1.5'], /--reject-ratio 1\.5: a ratio is from 0 to 1/],
    [['--grpc-port', '70000'], /--grpc-port 70000: must be from 0 to 65535/],
    [['--duration', 'soon'], /--duration soon: not a duration/],
    [['--tls-cert', 'x.pem'], /--tls-cert and --tls-key go together/],
    [['--count-only', '--json'], /--count-only .* cannot go with --json/],
    [['--no-grpc', '--no-http'], /leave nothing to listen on/],
    [['--fail-with', 'teapot'], /invalid/],
    [
      ['--out', '/nonexistent-dir/items.jsonl'],
      /cannot write --out file \/nonexistent-dir\/items\.jsonl: the folder does not exist \(ENOENT\)/,
    ],
  ])('rejects %j with exit code 2', async (args, message) => {
    const result = await runCli(['receive', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['HTTP', '--http-port'],
    ['gRPC', '--grpc-port'],
  ])('says which port is taken (OTLP/%s), with exit code 2 and nothing else', async (listener, flag) => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const ports = { '--grpc-port': '0', '--http-port': '0', [flag]: String(taken) };
      const result = await runCli(['receive', ...Object.entries(ports).flat()]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `otel-proc: cannot listen for OTLP/${listener} on 127.0.0.1:${taken}: the port is already in use\n` +
          `  hint: choose another port with ${flag} (0 picks a free one), or another address with --host\n`,
      );
    } finally {
      blocker.close();
    }
  });
});
