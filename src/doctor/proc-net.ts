/**
 * Linux's table of TCP sockets, /proc/net/tcp and /proc/net/tcp6
 * (https://www.kernel.org/doc/Documentation/networking/proc_net_tcp.txt), parsed into listening
 * sockets, and the links in /proc/<pid>/fd that tie a socket inode to its process
 * (https://man7.org/linux/man-pages/man5/proc_pid_fd.5.html). Pure text in, data out.
 */

export interface ListeningSocket {
  family: 4 | 6;
  /** As people write it: 127.0.0.1, 0.0.0.0, ::1, ::, ::ffff:127.0.0.1. */
  address: string;
  port: number;
  inode: number;
  uid: number;
}

/** st 0A is TCP_LISTEN in the kernel's tcp_states.h. */
const LISTEN_STATE = '0A';

/** The kernel prints each 32-bit word of the address in host byte order: little-endian on x86 and arm64. */
function wordBytes(hex: string): number[] {
  return [6, 4, 2, 0].map((offset) => parseInt(hex.slice(offset, offset + 2), 16));
}

export function decodeIpv4(hex: string): string {
  return wordBytes(hex).join('.');
}

export function decodeIpv6(hex: string): string {
  const bytes: number[] = [];
  for (let word = 0; word < 4; word += 1) bytes.push(...wordBytes(hex.slice(word * 8, word * 8 + 8)));
  // IPv4-mapped (::ffff:a.b.c.d): an IPv4 client reaching a dual-stack socket.
  if (bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff)
    return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: number[] = [];
  for (let index = 0; index < 16; index += 2) groups.push((bytes[index]! << 8) | bytes[index + 1]!);
  return compressIpv6(groups);
}

/** RFC 5952: the longest run of two or more zero groups becomes "::". */
function compressIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < groups.length; ) {
    if (groups[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < groups.length && groups[end] === 0) end += 1;
    if (end - start > bestLength && end - start >= 2) [bestStart, bestLength] = [start, end - start];
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** The listening sockets in the text of /proc/net/tcp (family 4) or /proc/net/tcp6 (family 6). */
export function parseProcNetTcp(text: string, family: 4 | 6): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== LISTEN_STATE) continue;
    const [addressHex, portHex] = fields[1]!.split(':');
    if (!addressHex || !portHex) continue;
    sockets.push({
      family,
      address: family === 4 ? decodeIpv4(addressHex) : decodeIpv6(addressHex),
      port: parseInt(portHex, 16),
      uid: Number(fields[7]),
      inode: Number(fields[9]),
    });
  }
  return sockets;
}

/** `socket:[123456]`, what readlink says for a socket file descriptor, to its inode. */
export function socketInode(link: string): number | undefined {
  const match = /^socket:\[(\d+)\]$/.exec(link);
  return match ? Number(match[1]) : undefined;
}

/** Interpreters whose own name says nothing: the script they run names the process better. */
const INTERPRETERS = /^(node|nodejs|python[0-9.]*|java|ruby|perl|bun|deno|dotnet)$/;

/**
 * A process name for people: its comm (otelcol-contrib, jaeger), and for an interpreter the
 * basename of the script it runs, e.g. `node (otel-proc.js)`. `cmdline` is NUL-separated.
 */
export function processName(comm: string | undefined, cmdline: string | undefined): string | undefined {
  const args = (cmdline ?? '').split('\0').filter(Boolean);
  const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
  const program = args[0] ? basename(args[0]) : undefined;
  const short = comm?.trim();
  // The kernel cuts comm at 15 characters (TASK_COMM_LEN): otelcol-otel-proc shows as otelcol-otel-pr.
  const name = short && program?.startsWith(short) ? program : short || program;
  if (!name) return undefined;
  if (!INTERPRETERS.test(name)) return name;
  const script = args.slice(1).find((arg) => !arg.startsWith('-'));
  return script ? `${name} (${basename(script)})` : name;
}

export function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

export function isLoopbackAddress(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}

/**
 * Whether a socket bound to `bound` takes connections to `address`: the same address, or a wildcard
 * of its family. Linux dual-stack sockets on :: take IPv4 too unless IPV6_V6ONLY is set, which
 * /proc does not show; we assume the default (net.ipv6.bindv6only=0).
 */
export function bindCovers(bound: string, address: string): boolean {
  if (bound === address || bound === `::ffff:${address}`) return true;
  if (bound === '::') return true;
  return bound === '0.0.0.0' && !address.includes(':');
}
