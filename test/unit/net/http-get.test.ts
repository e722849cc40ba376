/**
 * The one HTTP GET every peer query goes through: it never throws, and a failure reads the same
 * plain words whichever command met it.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFailureOf, describeConnectFailure } from '../../../src/net/connect-failure.js';
import { httpGet } from '../../../src/net/http-get.js';
import { closedPort, startSilent } from './peers.js';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    // /moved/... redirects to /...; /loop redirects to itself forever.
    if (request.url?.startsWith('/moved/')) return void response.writeHead(302, { location: request.url.slice('/moved'.length) }).end();
    if (request.url === '/loop') return void response.writeHead(307, { location: '/loop' }).end();
    if (request.url === '/big')
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(9 * 1024 * 1024)}"`);
    response.writeHead(418, { 'content-type': 'text/plain', 'x-auth': request.headers.authorization ?? 'none' }).end(`path ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('httpGet', () => {
  it('returns any status with its body', async () => {
    const result = await httpGet(`${base}/x?y=1`, 2000);
    expect(result).toMatchObject({ ok: true, status: 418, body: 'path /x?y=1' });
  });

  it('follows a redirect on the same origin, keeping the credentials, and stops after a few hops', async () => {
    const withUser = base.replace('http://', 'http://user:pw@');
    const result = await httpGet(`${withUser}/moved/api/v1/query?q=1`, 2000);
    expect(result).toMatchObject({ ok: true, status: 418, body: 'path /api/v1/query?q=1' });
    expect((result as { headers: Record<string, string> }).headers['x-auth']).toBe(`Basic ${Buffer.from('user:pw').toString('base64')}`);
  });

  it('says a redirect loop is one, rather than handing back the last 3xx as the answer', async () => {
    expect(await httpGet(`${base}/loop`, 2000)).toMatchObject({
      ok: false,
      outcome: 'error',
      message: `${base.slice('http://'.length)}: redirected more than 3 times (a redirect loop?)`,
    });
  });

  it('says an answer is too large rather than handing back its first 8 MB', async () => {
    expect(await httpGet(`${base}/big`, 10_000)).toMatchObject({
      ok: false,
      message: `${base.slice('http://'.length)}: answered with more than 8 MB, more than any query here needs`,
    });
  });

  it('says in plain words that an https URL points at a plaintext port', async () => {
    const host = base.slice('http://'.length);
    expect(await httpGet(`https://${host}/`, 2000)).toMatchObject({
      ok: false,
      outcome: 'error',
      message: `${host}: answers in plaintext, not TLS: use http:// instead of https://`,
    });
  });

  it('takes the fractional time left that a poll loop hands out, and says a refused connection in plain words', async () => {
    const port = await closedPort();
    const result = await httpGet(`http://127.0.0.1:${port}/api/traces/x`, 987.5);
    expect(result).toMatchObject({
      ok: false,
      outcome: 'refused',
      errorCode: 'ECONNREFUSED',
      message: `connection refused: nothing is listening on 127.0.0.1:${port}`,
    });
  });

  it('gives up on a peer that never answers, within its time', async () => {
    const silent = await startSilent();
    try {
      const result = await httpGet(`http://127.0.0.1:${silent.port}/`, 200);
      expect(result).toMatchObject({ ok: false, outcome: 'timeout', message: `no answer from 127.0.0.1:${silent.port} within 200 ms` });
    } finally {
      await silent.close();
    }
  });

  it('says "interrupted" when the caller aborts', async () => {
    const silent = await startSilent();
    try {
      const controller = new AbortController();
      const pending = httpGet(`http://127.0.0.1:${silent.port}/`, 60_000, controller.signal);
      await silent.nextConnection(5000);
      controller.abort();
      expect(await pending).toMatchObject({ ok: false, outcome: 'interrupted', message: 'interrupted' });
    } finally {
      await silent.close();
    }
  });

  it('names neither the URL nor its credentials when the URL does not parse', async () => {
    const result = await httpGet('http://user:hunter2@[bad', 1000);
    expect(result).toMatchObject({ ok: false, outcome: 'invalid-url' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});

describe('connection failures in plain words', () => {
  it('classifies each errno once', () => {
    expect(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'EPROTO'].map(connectFailureOf)).toEqual([
      'refused',
      'dns',
      'dns',
      'timeout',
      'unreachable',
      'reset',
      'error',
    ]);
  });

  it('words each failure by host', () => {
    expect(describeConnectFailure('dns', 'collector.example:4318')).toBe('the host name in collector.example:4318 could not be resolved');
    expect(describeConnectFailure('unreachable', '10.0.0.9:9090', { errorCode: 'EHOSTUNREACH' })).toBe(
      'no route to 10.0.0.9:9090 (EHOSTUNREACH)',
    );
    expect(describeConnectFailure('error', 'h:1', { errorCode: 'EPROTO', message: 'write EPROTO' })).toBe('h:1: write EPROTO');
  });
});
