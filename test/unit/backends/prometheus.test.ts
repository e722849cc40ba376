/**
 * The Prometheus client against a real HTTP server on 127.0.0.1 that answers each path as
 * Prometheus, or as something else on the same port, would.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantQuery } from '../../../src/backends/prometheus.js';
import { closedPort, startSilent } from '../net/peers.js';

let server: Server;
let base: string;
const queries: string[] = [];
const keys: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? '/', 'http://x');
    const prefix = url.pathname.split('/')[1];
    queries.push(url.searchParams.get('query') ?? '');
    keys.push(url.searchParams.get('api_key') ?? '');
    const vector = (count: number): unknown => ({
      status: 'success',
      data: { resultType: 'vector', result: Array.from({ length: count }, (_, i) => ({ metric: { i: String(i) }, value: [0, '1'] })) },
    });
    if (prefix === 'two') json(200, vector(2));
    else if (prefix === 'none') json(200, vector(0));
    else if (prefix === 'bad') json(400, { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' });
    else if (prefix === 'failing') json(500, { status: 'error', errorType: 'internal', error: 'storage unavailable' });
    else if (prefix === 'starting') response.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
    else if (prefix === 'health') json(200, { status: 'Server available', upSince: '2026-01-01T00:00:00Z', uptime: '1m' });
    else if (prefix === 'otlp') json(404, { code: 5, message: 'unknown path' });
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<html>a web UI</html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

const quick = { timeoutMs: 2000 };

describe('instantQuery', () => {
  it('counts the series a query matches, and sends the PromQL as it is', async () => {
    const promql = 'processor_events_processed_total{job=~"(.+/)?svc"}';
    expect(await instantQuery(`${base}/two/`, promql, quick)).toEqual({ kind: 'result', series: 2 });
    expect(queries.at(-1)).toBe(promql);
    expect(await instantQuery(`${base}/none`, 'up', quick)).toEqual({ kind: 'result', series: 0 });
  });

  it('keeps the query parameters of the URL given (an api_key for a proxy) beside the query', async () => {
    expect(await instantQuery(`${base}/two/?api_key=k3y`, 'up{a="b"}', quick)).toEqual({ kind: 'result', series: 2 });
    expect(queries.at(-1)).toBe('up{a="b"}');
    expect(keys.at(-1)).toBe('k3y');
  });

  it("returns Prometheus' own error with its words", async () => {
    expect(await instantQuery(`${base}/bad`, 'up{', quick)).toEqual({ kind: 'query-error', status: 400, error: 'parse error at char 3' });
    expect(await instantQuery(`${base}/failing`, 'up', quick)).toEqual({ kind: 'query-error', status: 500, error: 'storage unavailable' });
  });

  it('tells another server apart', async () => {
    expect(await instantQuery(`${base}/otlp`, 'up', quick)).toEqual({
      kind: 'not-prometheus',
      status: 404,
      message: "does not answer like Prometheus' HTTP API (HTTP 404, JSON without a status)",
    });
    // The Collector's health_check port answers JSON with a status of its own.
    expect(await instantQuery(`${base}/health`, 'up', quick)).toEqual({
      kind: 'not-prometheus',
      status: 200,
      message: 'does not answer like Prometheus\' HTTP API (HTTP 200, JSON whose status is neither "success" nor "error")',
    });
    expect(await instantQuery(`${base}/web`, 'up', quick)).toEqual({
      kind: 'not-prometheus',
      status: 200,
      message: "does not answer like Prometheus' HTTP API (HTTP 200, not JSON)",
    });
  });

  it('takes a plain-text 503 (Prometheus not ready yet, a proxy without it) as no answer, not another server', async () => {
    const host = base.slice('http://'.length);
    expect(await instantQuery(`${base}/starting`, 'up', quick)).toEqual({
      kind: 'unreachable',
      timedOut: false,
      message: `${host} answered HTTP 503: not ready yet, or a proxy without the backend behind it`,
    });
  });

  it('says in plain words that nothing listens', async () => {
    const port = await closedPort();
    expect(await instantQuery(`http://127.0.0.1:${port}`, 'up', quick)).toEqual({
      kind: 'unreachable',
      timedOut: false,
      message: `connection refused: nothing is listening on 127.0.0.1:${port}`,
    });
  });

  it('says when no answer came in time', async () => {
    const silent = await startSilent();
    try {
      expect(await instantQuery(`http://127.0.0.1:${silent.port}`, 'up', { timeoutMs: 150 })).toEqual({
        kind: 'unreachable',
        timedOut: true,
        message: `no answer from 127.0.0.1:${silent.port} within 150 ms`,
      });
    } finally {
      await silent.close();
    }
  });
});
