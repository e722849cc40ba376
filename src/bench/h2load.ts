/**
 * The independent ceiling: h2load (nghttp2's C load generator, https://nghttp2.org/documentation/h2load.1.html)
 * replaying one request body against the benchmark's receiver for a fixed time. gRPC is a POST of
 * the length-prefixed message with `content-type: application/grpc` and `te: trailers` over HTTP/2
 * (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md); OTLP/HTTP is a POST of the
 * protobuf body over HTTP/1.1 (--h1). h2load counts a 2xx as success and never reads grpc-status,
 * so the receiver's own count is reported next to it.
 *
 * Its CPU time comes from bash's `times` builtin run after it (on stdout, after h2load's summary):
 * user and system time of the shell's children, i.e. of h2load alone.
 */
import { spawn } from 'node:child_process';

export interface H2loadOptions {
  binary: string;
  protocol: 'grpc' | 'http/protobuf';
  url: string;
  bodyFile: string;
  connections: number;
  /** Concurrent streams per connection (HTTP/2); HTTP/1.1 always sends one request at a time per connection. */
  streams: number;
  seconds: number;
}

export interface H2loadRun {
  seconds: number;
  succeeded: number;
  failed: number;
  cpuSeconds: number;
  output: string;
}

export function h2loadArguments(o: H2loadOptions): string[] {
  const common = ['-t1', '-D', String(o.seconds), '-d', o.bodyFile];
  if (o.protocol === 'grpc')
    return [
      ...common,
      '-c',
      String(o.connections),
      '-m',
      String(o.streams),
      '-H',
      'content-type: application/grpc',
      '-H',
      'te: trailers',
      o.url,
    ];
  return [...common, '--h1', '-c', String(o.connections), '-m', '1', '-H', 'content-type: application/x-protobuf', o.url];
}

/** `0m1.234s` → 1.234 */
function clockSeconds(text: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
}

export function parseH2loadOutput(output: string): H2loadRun {
  const finished = /finished in ([\d.]+)(m?s),/.exec(output);
  const requests = /requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed, (\d+) errored/.exec(output);
  // `times` prints the shell's own times, then its children's: the last line is h2load's.
  const children = output.trim().split('\n').pop()!.trim().split(/\s+/);
  if (!finished || !requests || children.length !== 2) throw new Error(`cannot read h2load's summary:\n${output.slice(-1500)}`);
  return {
    seconds: Number(finished[1]) / (finished[2] === 'ms' ? 1000 : 1),
    succeeded: Number(requests[1]),
    failed: Number(requests[2]) + Number(requests[3]),
    cpuSeconds: clockSeconds(children[0]!) + clockSeconds(children[1]!),
    output,
  };
}

export function runH2load(o: H2loadOptions): Promise<H2loadRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', '"$@"; status=$?; times; exit $status', 'bash', o.binary, ...h2loadArguments(o)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`h2load exited with ${code}:\n${(output + errors).slice(-1500)}`));
      else {
        try {
          resolve(parseH2loadOutput(output));
        } catch (error) {
          reject(error);
        }
      }
    });
  });
}
