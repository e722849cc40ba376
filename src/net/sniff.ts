/**
 * What does this port actually speak? We send the HTTP/2 connection preface (RFC 9113 §3.4) in
 * plaintext and read the first bytes of the answer:
 * - an HTTP/2 SETTINGS frame: HTTP/2 without TLS; a real gRPC request then tells gRPC from h2c HTTP
 *   (no answer to it in time: an overloaded or hung server, reported as stalled);
 * - `HTTP/1.x ...`: an HTTP/1.1 server (the OTLP/HTTP receiver);
 * - a TLS alert record (0x15 0x03) or a silent close: probably TLS, confirmed with a handshake;
 * - nothing at all until the timeout: something accepts connections and never answers.
 */
import { connect as connectHttp2, constants as h2 } from 'node:http2';
import { Socket } from 'node:net';
import { classifyConnectError } from './tcp.js';
import { probeTls } from './tls.js';
import { errorCode, stopwatch } from './timing.js';

export type Transport = 'plaintext' | 'tls' | 'unknown';
/** `silent`: not a byte back; `stalled`: the HTTP/2 handshake completes, the gRPC call gets no answer in time. */
export type Application = 'grpc' | 'http2' | 'http1' | 'silent' | 'stalled' | 'closed' | 'refused' | 'unknown';

export interface SniffResult {
  transport: Transport;
  application: Application;
  /** ALPN the TLS server chose, when TLS. */
  alpn?: string | false;
  /** The first bytes or the error that decided it, for --json readers. */
  evidence: string;
  durationMs: number;
}

const PREFACE = Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'), Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])]);
/** PEM client material, so an mTLS server lets the sniffer in; trust is checked elsewhere (tls.ts). */
export interface ClientTls {
  ca?: string;
  cert?: string;
  key?: string;
}

const GRPC_PROBE_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

type FirstBytes =
  | { kind: 'data'; bytes: Buffer }
  | { kind: 'closed' }
  | { kind: 'timeout' }
  | { kind: 'refused' }
  | { kind: 'error'; message: string };

function readFirstBytes(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<FirstBytes> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let settled = false;
    const finish = (result: FirstBytes): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    const onAbort = (): void => finish({ kind: 'error', message: 'interrupted' });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => socket.write(PREFACE));
    socket.on('data', (bytes: Buffer) => finish({ kind: 'data', bytes }));
    socket.once('close', () => finish({ kind: 'closed' }));
    socket.once('error', (error) => {
      const outcome = classifyConnectError(errorCode(error));
      finish(
        outcome === 'refused' ? { kind: 'refused' } : outcome === 'reset' ? { kind: 'closed' } : { kind: 'error', message: error.message },
      );
    });
    socket.connect({ host, port });
  });
}

/** True when the bytes begin with an HTTP/2 frame header of type SETTINGS (0x4) on stream 0. */
export function looksLikeHttp2Settings(bytes: Buffer): boolean {
  return bytes.length >= 9 && bytes[3] === 0x04 && bytes.readUInt32BE(5) === 0;
}

export function looksLikeTlsRecord(bytes: Buffer): boolean {
  // ContentType alert (21) or handshake (22), then major version 3.
  return bytes.length >= 2 && (bytes[0] === 0x15 || bytes[0] === 0x16) && bytes[1] === 0x03;
}

type GrpcProbe = 'grpc' | 'http2' | 'unknown' | 'timeout';

/**
 * Sends one real gRPC call (an empty, valid Export request: no spans) and looks for gRPC's
 * signature in the answer: `content-type: application/grpc` or a `grpc-status`. `timeout` means
 * the server completed the HTTP/2 handshake and then never answered the call: a hung server.
 */
function probeGrpc(url: string, timeoutMs: number, tls: ClientTls = {}, signal?: AbortSignal): Promise<GrpcProbe> {
  return new Promise((resolve) => {
    const session = connectHttp2(url, { ...tls, rejectUnauthorized: false });
    let settled = false;
    const finish = (result: GrpcProbe): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      session.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    const onAbort = (): void => finish('unknown');
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    session.on('error', () => finish('unknown'));
    const request = session.request({
      [h2.HTTP2_HEADER_METHOD]: 'POST',
      [h2.HTTP2_HEADER_PATH]: GRPC_PROBE_PATH,
      [h2.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
      te: 'trailers',
    });
    request.on('response', (headers) => {
      const type = String(headers[h2.HTTP2_HEADER_CONTENT_TYPE] ?? '');
      finish(type.startsWith('application/grpc') || headers['grpc-status'] !== undefined ? 'grpc' : 'http2');
    });
    request.on('error', () => finish('unknown'));
    // Length-prefixed message (gRPC over HTTP/2): not compressed, zero bytes long.
    request.end(Buffer.from([0, 0, 0, 0, 0]));
  });
}

/** What a gRPC probe's answer means for the sniff: a call that got no answer in time is a stalled server. */
function grpcVerdict(probe: GrpcProbe, waitedMs: number, transport: string): { application: Application; evidence?: string } {
  if (probe !== 'timeout') return { application: probe };
  return {
    application: 'stalled',
    evidence: `${transport} handshake answered, but a gRPC call got no answer within ${Math.round(waitedMs)} ms`,
  };
}

/**
 * Every step (first bytes, TLS handshake, gRPC call) shares `timeoutMs`: a port that answers the
 * preface and then hangs costs one timeout, not one per step.
 */
export async function sniffProtocol(
  host: string,
  port: number,
  timeoutMs: number,
  urlHost = host,
  signal?: AbortSignal,
  clientTls: ClientTls = {},
): Promise<SniffResult> {
  const elapsed = stopwatch();
  const remaining = (): number => Math.max(1, Math.round(timeoutMs - elapsed()));
  const first = await readFirstBytes(host, port, timeoutMs, signal);
  const authority = `${urlHost.includes(':') && !urlHost.startsWith('[') ? `[${urlHost}]` : urlHost}:${port}`;
  if (first.kind === 'refused')
    return { transport: 'unknown', application: 'refused', evidence: 'connection refused', durationMs: elapsed() };
  if (first.kind === 'timeout') {
    return {
      transport: 'unknown',
      application: 'silent',
      evidence: `connected, but no byte came back within ${timeoutMs} ms`,
      durationMs: elapsed(),
    };
  }
  if (first.kind === 'error') return { transport: 'unknown', application: 'unknown', evidence: first.message, durationMs: elapsed() };
  if (first.kind === 'data' && first.bytes.subarray(0, 5).toString('latin1') === 'HTTP/') {
    const statusLine = first.bytes.toString('latin1').split('\r\n')[0];
    return { transport: 'plaintext', application: 'http1', evidence: statusLine, durationMs: elapsed() };
  }
  if (first.kind === 'data' && looksLikeHttp2Settings(first.bytes)) {
    const budget = remaining();
    const verdict = grpcVerdict(await probeGrpc(`http://${authority}`, budget, {}, signal), budget, 'HTTP/2');
    return {
      transport: 'plaintext',
      application: verdict.application,
      evidence: verdict.evidence ?? 'HTTP/2 SETTINGS frame in reply to the connection preface',
      durationMs: elapsed(),
    };
  }
  if (first.kind === 'data' && !looksLikeTlsRecord(first.bytes)) {
    return {
      transport: 'unknown',
      application: 'unknown',
      evidence: `unrecognised reply ${first.bytes.subarray(0, 16).toString('hex')}`,
      durationMs: elapsed(),
    };
  }
  // A TLS alert, or a server that hung up on our plaintext: try a real handshake.
  const tls = await probeTls({
    host: urlHost,
    address: host,
    port,
    timeoutMs: remaining(),
    alpn: ['h2', 'http/1.1'],
    settleMs: 0,
    signal,
    ...clientTls,
  });
  if (tls.outcome === 'not-tls' || tls.outcome === 'refused' || tls.outcome === 'timeout' || (tls.outcome === 'error' && !tls.protocol)) {
    return {
      transport: 'unknown',
      application: 'closed',
      evidence: 'the server closed the connection on both HTTP/2 and TLS',
      durationMs: elapsed(),
    };
  }
  if (tls.alpn === undefined) {
    // The handshake did not complete (a client certificate demanded, say): what is behind it stays unknown.
    return {
      transport: 'tls',
      application: 'unknown',
      evidence: `TLS handshake failed: ${tls.errorMessage ?? tls.outcome}`,
      durationMs: elapsed(),
    };
  }
  if (tls.alpn === 'h2') {
    const budget = remaining();
    const verdict = grpcVerdict(await probeGrpc(`https://${authority}`, budget, clientTls, signal), budget, 'TLS and HTTP/2');
    return {
      transport: 'tls',
      application: verdict.application,
      alpn: tls.alpn,
      evidence: verdict.evidence ?? `TLS (${tls.protocol ?? '?'}), ALPN h2`,
      durationMs: elapsed(),
    };
  }
  return {
    transport: 'tls',
    application: 'http1',
    alpn: tls.alpn,
    evidence: `TLS (${tls.protocol ?? '?'}), ALPN ${tls.alpn || 'none'}`,
    durationMs: elapsed(),
  };
}
