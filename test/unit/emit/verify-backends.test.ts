/**
 * --verify-jaeger / --verify-prometheus pointed at something that is not that backend: the report
 * must say so, instead of "not found yet" until the timeout.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJaeger } from '../../../src/emit/verify-jaeger.js';
import { verifyPrometheus } from '../../../src/emit/verify-prometheus.js';
import { PROCESSOR_INSTRUMENTS } from '../../../src/synth/metric-plan.js';
import { closedPort } from '../net/peers.js';

let server: Server;
let base: string;
let starting = 0;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url?.startsWith('/starting/')) {
      // Prometheus before it is ready (WAL replay): plain-text 503s, then answers.
      starting++;
      if (starting <= 2) return void response.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [0, '1'] }] } }));
    } else if (request.url?.startsWith('/html/')) {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>a web UI</html>');
    } else if (request.url?.startsWith('/jaeger/')) {
      // Jaeger's answer for a trace it does not hold (yet).
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] }));
    } else {
      // Another JSON API (here: the shape of an OTLP receiver's 404).
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 5, message: 'unknown path' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

const trace = { traceId: 'a'.repeat(32), parents: new Map([['b'.repeat(16), '']]) };
// Waiting cannot help against the wrong server: the check ends long before this timeout.
const patient = { timeoutMs: 600_000, intervalMs: 50 };

describe('backend verification against the wrong server', () => {
  it('says a web page is not Jaeger', async () => {
    const result = await verifyJaeger(`${base}/html`, [trace], patient);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/does not answer like Jaeger's query API \(HTTP 200, not JSON\)/);
  });

  it('says a JSON API without Jaeger fields is not Jaeger', async () => {
    const result = await verifyJaeger(`${base}/other`, [trace], patient);
    expect(result.error).toMatch(/does not answer like Jaeger's query API \(HTTP 404, JSON without data or errors\)/);
  });

  it("takes Jaeger's own 404 as a trace not there yet", async () => {
    const result = await verifyJaeger(`${base}/jaeger`, [trace], { timeoutMs: 500, intervalMs: 50 });
    // (The last round may be cut short by the deadline; whatever it says, it is not "not Jaeger".)
    expect(result.error ?? '').not.toMatch(/does not answer like Jaeger/);
    expect(result.missing).toEqual([`${'a'.repeat(32)} (not found)`]);
  });

  it("says a JSON API without Prometheus' status field is not Prometheus, at once", async () => {
    const result = await verifyPrometheus(`${base}/other`, 'svc', PROCESSOR_INSTRUMENTS.slice(0, 1), patient);
    expect(result.error).toMatch(/does not answer like Prometheus' HTTP API \(HTTP 404, JSON without a status\)/);
  });

  it('never names the credentials of the URL', async () => {
    const result = await verifyJaeger(`http://user:hunter2@${base.slice('http://'.length)}/html`, [trace], patient);
    expect(result.error).toMatch(/does not answer like Jaeger's query API/);
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('says in plain words that nothing listens', async () => {
    const port = await closedPort();
    const result = await verifyPrometheus(`http://127.0.0.1:${port}`, 'svc', PROCESSOR_INSTRUMENTS.slice(0, 1), {
      timeoutMs: 300,
      intervalMs: 50,
    });
    expect(result).toMatchObject({ ok: false, found: 0, error: `connection refused: nothing is listening on 127.0.0.1:${port}` });
  });

  it('waits for a Prometheus that answers 503 until it is ready, instead of calling it another server', async () => {
    const result = await verifyPrometheus(`${base}/starting`, 'svc', PROCESSOR_INSTRUMENTS.slice(0, 1), {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    expect(result).toMatchObject({ ok: true, found: 1 });
    expect(starting).toBe(3);
  });

  it('says a web page is not Prometheus', async () => {
    const result = await verifyPrometheus(`${base}/html`, 'svc', PROCESSOR_INSTRUMENTS.slice(0, 1), patient);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/does not answer like Prometheus' HTTP API \(HTTP 200, not JSON\)/);
  });
});
