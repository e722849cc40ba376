/**
 * OTLP/HTTP on node:http (or node:https with TLS): POST /v1/traces, /v1/metrics, /v1/logs with
 * application/x-protobuf or application/json bodies, optionally gzip/deflate compressed.
 * Answers per the OTLP spec ("OTLP/HTTP"), like the Collector's HTTP receiver: 404 unknown path,
 * 405 wrong method (with Allow), 415 unsupported content type or encoding, 413 over the size
 * limit, 400 undecodable body; the response Content-Type matches the request's.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { BodyEncoding } from '../otlp/decode/index.js';
import { GRPC_CODE, HTTP_STATUS, type ExportOutcome } from './export-outcome.js';
import type { ExportPipeline } from './export-pipeline.js';
import { errorCodeOf, formatHostPort, ListenError } from './listen-error.js';
import { watchBrokenConnections } from './http-broken-connections.js';
import { encodeExportResponse, encodeStatus } from './responses.js';
import type { ReceivedSignal, ReceiverOptions } from './types.js';

const SIGNAL_BY_PATH: Record<string, ReceivedSignal> = { '/v1/traces': 'traces', '/v1/metrics': 'metrics', '/v1/logs': 'logs' };
const CONTENT_TYPE: Record<BodyEncoding, string> = { protobuf: 'application/x-protobuf', json: 'application/json' };
const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export interface HttpListener {
  port: number;
  close(): Promise<void>;
}

/** The body encoding for a Content-Type header (parameters such as charset are ignored). */
export function encodingOf(contentType: string | undefined): BodyEncoding | undefined {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/x-protobuf') return 'protobuf';
  if (mediaType === 'application/json') return 'json';
  return undefined;
}

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly grpcCode: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startHttpListener(
  pipeline: ExportPipeline,
  options: ReceiverOptions,
  host: string,
  port: number,
  maxBodyBytes: number,
): Promise<HttpListener> {
  const handler = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    handleRequest(pipeline, request, response, maxBodyBytes).catch((error: unknown) => {
      if (!response.headersSent) respond(response, 500, 'json', encodeStatus('json', 13, `receiver error: ${(error as Error).message}`));
      else response.destroy();
    });
  };
  const tls = options.tls;
  const server = tls
    ? https.createServer(
        {
          cert: tls.cert,
          key: tls.key,
          ca: tls.ca,
          requestCert: tls.requireClientCertificate === true,
          rejectUnauthorized: tls.requireClientCertificate === true,
        },
        handler,
      )
    : http.createServer(handler);
  // Exporters keep connections alive between batches; closing idle ones after node's default 5 s
  // races with their reuse and shows up as ECONNRESET retries in long load runs.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  watchBrokenConnections(server, pipeline, tls !== undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new ListenError('http', formatHostPort(host, port), errorCodeOf(error), error)));
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        // As the gRPC listener does: a request whose items are already kept gets its answer (else the
        // sender counts as failed what the receiver kept), idle connections close now, and whatever
        // still runs after a second is cut (a stalled client must not hang stop()).
        const force = setTimeout(() => server.closeAllConnections(), 1_000);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

function respond(
  response: http.ServerResponse,
  status: number,
  encoding: BodyEncoding,
  body: Uint8Array,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': CONTENT_TYPE[encoding], 'Content-Length': String(body.length), ...headers });
  response.end(body);
}

async function handleRequest(
  pipeline: ExportPipeline,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  maxBodyBytes: number,
): Promise<void> {
  const encoding = encodingOf(request.headers['content-type']);
  // Error answers use the request's content type when it is an OTLP one, JSON otherwise.
  const answerEncoding = encoding ?? 'json';
  const path = (request.url ?? '/').split('?')[0]!;
  const signal = SIGNAL_BY_PATH[path];
  if (!signal) {
    const message = `unknown path ${path.slice(0, 100)}; OTLP/HTTP paths are /v1/traces, /v1/metrics and /v1/logs`;
    pipeline.notifyRefused({ transport: 'http', status: 404, message, injected: false });
    respond(response, 404, answerEncoding, encodeStatus(answerEncoding, 5, message));
    return;
  }
  allowBrowserOrigin(request, response);
  if (request.method === 'OPTIONS') {
    answerPreflight(request, response);
    return;
  }
  if (request.method !== 'POST') {
    const message = `${request.method ?? ''} is not allowed; OTLP/HTTP exports use POST`;
    pipeline.notifyRefused({ transport: 'http', signal, status: 405, message, injected: false });
    respond(response, 405, answerEncoding, encodeStatus(answerEncoding, 12, message), { Allow: 'POST, OPTIONS' });
    return;
  }
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  let body: Uint8Array;
  try {
    // Authentication first, as an auth extension in front of the Collector's receiver would do.
    const unauthorized = pipeline.authorize(header);
    if (unauthorized) throw new HttpRefusal(HTTP_STATUS.unauthenticated, GRPC_CODE.unauthenticated, unauthorized.message);
    if (!encoding) {
      throw new HttpRefusal(
        415,
        3,
        `unsupported Content-Type "${request.headers['content-type'] ?? ''}"; use application/x-protobuf or application/json`,
      );
    }
    body = await readBody(request, maxBodyBytes);
  } catch (error) {
    if (!(error instanceof HttpRefusal)) throw error;
    pipeline.recordRefused({ transport: 'http', signal, status: error.status, message: error.message, injected: false });
    respond(response, error.status, answerEncoding, encodeStatus(answerEncoding, error.grpcCode, error.message));
    return;
  }
  const outcome = await pipeline.handle({ signal, body, encoding, protocol: encoding === 'json' ? 'http/json' : 'http/protobuf', header });
  answer(response, signal, encoding, outcome);
}

function answer(response: http.ServerResponse, signal: ReceivedSignal, encoding: BodyEncoding, outcome: ExportOutcome): void {
  if (outcome.ok) {
    respond(response, 200, encoding, encodeExportResponse(signal, encoding, outcome.rejected, outcome.errorMessage));
    return;
  }
  const headers: Record<string, string> = {};
  // Retry-After in seconds on 429/503 (OTLP spec "OTLP/HTTP Throttling").
  if (outcome.retryAfterSeconds !== undefined) headers['Retry-After'] = String(Math.floor(outcome.retryAfterSeconds));
  const body = encodeStatus(encoding, GRPC_CODE[outcome.failure], outcome.message, outcome.retryAfterSeconds);
  respond(response, HTTP_STATUS[outcome.failure], encoding, body, headers);
}

/**
 * Browser exporters (OTLPTraceExporter in a web page) send a CORS preflight and need an
 * Access-Control-Allow-Origin answer, as the Collector's `cors` setting gives them. This is a local
 * development receiver, so any origin may post to it.
 */
function allowBrowserOrigin(request: http.IncomingMessage, response: http.ServerResponse): void {
  const origin = request.headers.origin;
  if (!origin) return;
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Vary', 'Origin');
}

function answerPreflight(request: http.IncomingMessage, response: http.ServerResponse): void {
  response.writeHead(204, {
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? 'Content-Type, Content-Encoding',
    'Access-Control-Max-Age': '600',
  });
  response.end();
}

/** Reads and decompresses the body, refusing (413) as soon as it exceeds the limit. */
async function readBody(request: http.IncomingMessage, maxBodyBytes: number): Promise<Uint8Array> {
  const contentEncoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (!['identity', 'gzip', 'deflate', ''].includes(contentEncoding)) {
    throw new HttpRefusal(415, 3, `unsupported Content-Encoding "${contentEncoding}"; use gzip, deflate or none`);
  }
  const tooLarge = (): HttpRefusal => new HttpRefusal(413, 8, `request body larger than the limit of ${maxBodyBytes} bytes`);
  const declared = Number(request.headers['content-length']);
  // Refuse at once on a declared oversize body; node then discards the rest of it for keep-alive.
  if (Number.isFinite(declared) && declared > maxBodyBytes) throw tooLarge();
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBodyBytes) {
        chunks.push(chunk);
        return;
      }
      // Keep reading but drop the rest, so the connection stays usable and the client sees the 413.
      request.off('data', onData);
      request.resume();
      reject(tooLarge());
    };
    request.on('data', onData);
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    request.once('error', reject);
  });
  if (contentEncoding === 'gzip' || contentEncoding === 'deflate') {
    try {
      // maxOutputLength stops a small "zip bomb" from inflating past the limit.
      return await (contentEncoding === 'gzip' ? gunzip : inflate)(raw, { maxOutputLength: maxBodyBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw new HttpRefusal(400, 3, `body is not valid ${contentEncoding}: ${(error as Error).message}`);
    }
  }
  return raw;
}
