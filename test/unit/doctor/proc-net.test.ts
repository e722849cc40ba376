/**
 * Parsing /proc/net/tcp{,6} and /proc/<pid> text captured on Linux (fixtures/doctor/proc-net), and
 * the ProcReader walk that ties a socket inode to its process, over a captured /proc tree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bindCovers, decodeIpv4, decodeIpv6, parseProcNetTcp, processName, socketInode } from '../../../src/doctor/proc-net.js';
import { readListeners, relevantListeners, type ProcReader } from '../../../src/doctor/listeners.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/doctor/proc-net/${name}`, import.meta.url), 'utf8');

describe('/proc/net/tcp parsing', () => {
  it('keeps listening sockets only, with address, port, uid and inode', () => {
    expect(parseProcNetTcp(fixture('tcp'), 4)).toEqual([
      { family: 4, address: '0.0.0.0', port: 2024, uid: 0, inode: 146 },
      { family: 4, address: '127.0.0.1', port: 4317, uid: 1000, inode: 5512 },
    ]);
  });

  it('decodes IPv6 words written in host byte order: ::1, ::, a link-local address', () => {
    expect(parseProcNetTcp(fixture('tcp6'), 6)).toEqual([
      { family: 6, address: '::1', port: 33357, uid: 0, inode: 81248 },
      { family: 6, address: '::', port: 14317, uid: 998, inode: 90210 },
      { family: 6, address: 'fe80::d4c3:b2a1:1807:f6e5', port: 4317, uid: 0, inode: 90211 },
    ]);
  });

  it('decodes single addresses, IPv4-mapped ones included', () => {
    expect(decodeIpv4('0100007F')).toBe('127.0.0.1');
    expect(decodeIpv4('0F02000A')).toBe('10.0.2.15');
    expect(decodeIpv6('0000000000000000FFFF00000100007F')).toBe('::ffff:127.0.0.1');
    expect(decodeIpv6('00000000000000000000000000000000')).toBe('::');
  });

  it('ignores a header-only or empty table', () => {
    expect(parseProcNetTcp(fixture('tcp').split('\n')[0]!, 4)).toEqual([]);
    expect(parseProcNetTcp('', 6)).toEqual([]);
  });
});

describe('process names and socket links', () => {
  it('reads the inode of a socket link and nothing else', () => {
    expect(socketInode('socket:[5512]')).toBe(5512);
    expect(socketInode('pipe:[5512]')).toBeUndefined();
    expect(socketInode('/dev/null')).toBeUndefined();
  });

  it('names a process by comm, and an interpreter by the script it runs', () => {
    expect(processName('otelcol-contrib\n', '/usr/bin/otelcol-contrib\0--config\0/etc/otelcol.yaml\0')).toBe('otelcol-contrib');
    expect(processName('node\n', '/usr/bin/node\0--enable-source-maps\0/opt/app/bin/otel-proc.js\0receive\0')).toBe('node (otel-proc.js)');
    expect(processName(undefined, '/opt/jaeger/jaeger\0')).toBe('jaeger');
    // comm holds 15 characters at most: the program's own name is whole.
    expect(processName('otelcol-otel-pr\n', '/root/.cache/otelcol-otel-proc\0--config=c.yaml\0')).toBe('otelcol-otel-proc');
    expect(processName('worker\n', '/usr/bin/python3\0app.py\0')).toBe('worker');
    expect(processName(undefined, undefined)).toBeUndefined();
  });

  it('knows which bound address takes connections to which address', () => {
    expect(bindCovers('0.0.0.0', '127.0.0.1')).toBe(true);
    expect(bindCovers('0.0.0.0', '::1')).toBe(false);
    expect(bindCovers('::', '127.0.0.1')).toBe(true);
    expect(bindCovers('127.0.0.1', '::1')).toBe(false);
    expect(bindCovers('::1', '::1')).toBe(true);
  });
});

describe('readListeners over a captured /proc', () => {
  const tree: Record<string, string> = {
    '/proc/net/tcp': fixture('tcp'),
    '/proc/net/tcp6': fixture('tcp6'),
    '/proc/4242/comm': 'otelcol-contrib\n',
    '/proc/4242/cmdline': '/usr/bin/otelcol-contrib\0--config=/etc/otelcol.yaml\0',
  };
  const links: Record<string, string> = {
    '/proc/4242/fd/0': '/dev/null',
    '/proc/4242/fd/7': 'socket:[90210]',
    '/proc/4242/fd/8': 'socket:[5512]',
  };
  const proc: ProcReader = {
    text: async (path) => tree[path],
    list: async (path) => (path === '/proc' ? ['4242', 'self', '77'] : path === '/proc/4242/fd' ? ['0', '7', '8'] : []),
    link: async (path) => links[path],
  };

  it('names the owner of each socket it may see, and leaves the others unnamed', async () => {
    const scan = await readListeners(proc);
    expect(scan.available).toBe(true);
    if (!scan.available) return;
    expect(scan.listeners.find((l) => l.port === 14317)).toMatchObject({ address: '::', pid: 4242, process: 'otelcol-contrib' });
    expect(scan.listeners.find((l) => l.port === 4317 && l.family === 4)).toMatchObject({ address: '127.0.0.1', pid: 4242 });
    expect(scan.listeners.find((l) => l.port === 2024)!.process).toBeUndefined();
    expect(relevantListeners(scan.listeners, [4317, 4318]).map((l) => `${l.address}:${l.port}`)).toEqual([
      '127.0.0.1:4317',
      'fe80::d4c3:b2a1:1807:f6e5:4317',
      ':::14317',
    ]);
  });

  it('says so when there is no /proc (not Linux)', async () => {
    const empty: ProcReader = { text: async () => undefined, list: async () => [], link: async () => undefined };
    expect(await readListeners(empty)).toMatchObject({ available: false });
  });
});
