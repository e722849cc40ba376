/**
 * Who listens on this machine: the listening TCP sockets from /proc/net/tcp{,6}, each tied to its
 * process through /proc/<pid>/fd where /proc lets us look (other users' processes stay unnamed
 * without privileges). Linux only; elsewhere the reader finds no /proc and says so. The file
 * system comes in through a small interface, so tests feed captured /proc text.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import { networkInterfaces, hostname } from 'node:os';
import { parseProcNetTcp, processName, socketInode, type ListeningSocket } from './proc-net.js';

export interface ProcReader {
  /** A file's text, or undefined when it cannot be read. */
  text(path: string): Promise<string | undefined>;
  /** A folder's entries, or [] when it cannot be listed. */
  list(path: string): Promise<string[]>;
  /** A symbolic link's target, or undefined. */
  link(path: string): Promise<string | undefined>;
}

export const liveProc: ProcReader = {
  text: (path) => readFile(path, 'utf8').catch(() => undefined),
  list: (path) => readdir(path).catch(() => []),
  link: (path) => readlink(path).catch(() => undefined),
};

export interface Listener extends ListeningSocket {
  pid?: number;
  /** otelcol-contrib, jaeger, `node (otel-proc.js)`; undefined when /proc does not tell us. */
  process?: string;
}

export type ListenerScan = { available: true; listeners: Listener[] } | { available: false; reason: string };

/** Every listening TCP socket, with its process where allowed. */
export async function readListeners(proc: ProcReader = liveProc): Promise<ListenerScan> {
  const [tcp, tcp6] = await Promise.all([proc.text('/proc/net/tcp'), proc.text('/proc/net/tcp6')]);
  if (tcp === undefined && tcp6 === undefined)
    return { available: false, reason: 'no /proc/net/tcp here (not Linux, or /proc is not mounted)' };
  const sockets = [...parseProcNetTcp(tcp ?? '', 4), ...parseProcNetTcp(tcp6 ?? '', 6)];
  const owners = await socketOwners(proc, new Set(sockets.map((socket) => socket.inode)));
  const listeners = sockets.map((socket): Listener => ({ ...socket, ...owners.get(socket.inode) }));
  return { available: true, listeners: listeners.sort((a, b) => a.port - b.port || a.family - b.family) };
}

/** inode → the process holding it, walking /proc/<pid>/fd until every wanted inode is found. */
async function socketOwners(proc: ProcReader, wanted: Set<number>): Promise<Map<number, { pid: number; process?: string }>> {
  const owners = new Map<number, { pid: number; process?: string }>();
  if (wanted.size === 0) return owners;
  const pids = (await proc.list('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  for (const pid of pids) {
    if (owners.size === wanted.size) break;
    const fds = await proc.list(`/proc/${pid}/fd`);
    const found: number[] = [];
    for (const fd of fds) {
      const inode = socketInode((await proc.link(`/proc/${pid}/fd/${fd}`)) ?? '');
      if (inode !== undefined && wanted.has(inode) && !owners.has(inode)) found.push(inode);
    }
    if (found.length === 0) continue;
    const [comm, cmdline] = await Promise.all([proc.text(`/proc/${pid}/comm`), proc.text(`/proc/${pid}/cmdline`)]);
    const name = processName(comm, cmdline);
    for (const inode of found) owners.set(inode, { pid, ...(name ? { process: name } : {}) });
  }
  return owners;
}

/**
 * Whether a host in an endpoint is this machine: a loopback name or address, this machine's name,
 * or the address of one of its interfaces (also when the host resolved to one).
 */
export function isThisMachine(host: string, resolved: string[] = []): boolean {
  if (host === 'localhost' || host === hostname()) return true;
  const own = new Set(Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address)));
  return [host, ...resolved].some((address) => address.startsWith('127.') || address === '::1' || own.has(address));
}

/** Processes that receive telemetry, worth naming wherever they listen. */
const TELEMETRY_PROCESS =
  /otelcol|otel-collector|opentelemetry|jaeger|alloy|grafana-agent|tempo|datadog|signoz|splunk|otel-proc|vector|fluent-bit/i;

/** The listeners worth a finding: on the ports in question, or run by a telemetry receiver. */
export function relevantListeners(listeners: Listener[], ports: number[], limit = 8): Listener[] {
  const relevant = listeners.filter((listener) => ports.includes(listener.port) || TELEMETRY_PROCESS.test(listener.process ?? ''));
  return relevant.slice(0, limit);
}
