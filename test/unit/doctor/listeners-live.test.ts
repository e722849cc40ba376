/**
 * The listener reader against this machine's real /proc: a socket this test opens on 127.0.0.1
 * port 0 is found with its address, and named after this very process.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isThisMachine, readListeners } from '../../../src/doctor/listeners.js';

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.runIf(process.platform === 'linux')('readListeners on Linux', () => {
  it('finds a real listener, bound to 127.0.0.1, owned by this process', async () => {
    const scan = await readListeners();
    expect(scan.available).toBe(true);
    if (!scan.available) return;
    const mine = scan.listeners.filter((listener) => listener.port === port);
    expect(mine).toEqual([expect.objectContaining({ family: 4, address: '127.0.0.1', port, pid: process.pid })]);
    expect(mine[0]!.process).toMatch(/^node/);
  });
});

describe('isThisMachine', () => {
  it('knows loopback names and addresses, and not a name that is elsewhere', () => {
    expect(isThisMachine('localhost')).toBe(true);
    expect(isThisMachine('127.0.0.1')).toBe(true);
    expect(isThisMachine('::1')).toBe(true);
    expect(isThisMachine('collector.example.com', ['203.0.113.7'])).toBe(false);
  });
});
