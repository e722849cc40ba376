/**
 * The Jaeger client against a real HTTP server on 127.0.0.1 that answers each path as Jaeger, or
 * as something else on the same port, would.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTrace } from '../../../src/backends/jaeger.js';
import { closedPort, startSilent } from '../net/peers.js';

const TRACE = 'a'.repeat(32);
const ROOT = 'b'.repeat(16);
const CHILD = 'c'.repeat(16);

let server: Server;
let base: string;
const requested: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const [, prefix] = /^\/(\w+)\/api\/traces\//.exec(request.url ?? '') ?? [];
    if (prefix === 'found')
      json(200, {
        data: [
          {
            traceID: TRACE,
            spans: [
              { traceID: TRACE, spanID: ROOT, references: [] },
              { traceID: TRACE, spanID: CHILD, references: [{ refType: 'CHILD_OF', traceID: TRACE, spanID: ROOT }] },
            ],
          },
        ],
        errors: null,
      });
    else if (prefix === 'missing')
      json(404, { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] });
    else if (prefix === 'empty') json(200, { data: [], errors: null });
    else if (prefix === 'failing') json(500, { data: null, errors: [{ code: 500, msg: 'storage unavailable' }] });
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

describe('getTrace', () => {
  it('returns the spans of a trace Jaeger holds, each with its parent', async () => {
    expect(await getTrace(`${base}/found/`, TRACE, quick)).toEqual({
      kind: 'found',
      spans: [
        { spanId: ROOT, parentSpanId: '' },
        { spanId: CHILD, parentSpanId: ROOT },
      ],
    });
  });

  it('keeps the query parameters of the URL given (an api_key for a proxy) in the query, not the path', async () => {
    expect(await getTrace(`${base}/found/?api_key=k3y`, TRACE, quick)).toMatchObject({ kind: 'found' });
    expect(requested.at(-1)).toBe(`/found/api/traces/${TRACE}?api_key=k3y`);
  });

  it("takes Jaeger's 404, and a 200 without spans, as a trace not there (yet)", async () => {
    expect(await getTrace(`${base}/missing`, TRACE, quick)).toEqual({ kind: 'not-found', status: 404 });
    expect(await getTrace(`${base}/empty`, TRACE, quick)).toEqual({ kind: 'not-found', status: 200 });
  });

  it("tells Jaeger's own error apart from another server", async () => {
    expect(await getTrace(`${base}/failing`, TRACE, quick)).toEqual({ kind: 'http-error', status: 500 });
    expect(await getTrace(`${base}/otlp`, TRACE, quick)).toEqual({
      kind: 'not-jaeger',
      status: 404,
      message: "does not answer like Jaeger's query API (HTTP 404, JSON without data or errors)",
    });
    expect(await getTrace(`${base}/web`, TRACE, quick)).toEqual({
      kind: 'not-jaeger',
      status: 200,
      message: "does not answer like Jaeger's query API (HTTP 200, not JSON)",
    });
  });

  it('says in plain words that nothing listens', async () => {
    const port = await closedPort();
    expect(await getTrace(`http://127.0.0.1:${port}`, TRACE, quick)).toEqual({
      kind: 'unreachable',
      timedOut: false,
      message: `connection refused: nothing is listening on 127.0.0.1:${port}`,
    });
  });

  it('says when no answer came in time', async () => {
    const silent = await startSilent();
    try {
      expect(await getTrace(`http://127.0.0.1:${silent.port}`, TRACE, { timeoutMs: 150 })).toEqual({
        kind: 'unreachable',
        timedOut: true,
        message: `no answer from 127.0.0.1:${silent.port} within 150 ms`,
      });
    } finally {
      await silent.close();
    }
  });
});
