/**
 * Test helper: deliberately low-level clients (raw TCP, node:http, a bare grpc-js client) for
 * hitting the receiver the wrong way and reading its exact answers.
 */
import * as grpc from '@grpc/grpc-js';
import http from 'node:http';
import net from 'node:net';
import { OTLP_GRPC_PATHS } from '../../../src/otlp/proto/root.js';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function httpRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'POST', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Writes raw bytes on a fresh TCP connection; resolves with what came back once the server closes. */
export function rawExchange(port: number, bytes: string | Buffer, timeoutMs = 10_000): Promise<{ data: Buffer; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ data, closedByServer: false });
    }, timeoutMs);
    socket.on('data', (chunk) => (data = Buffer.concat([data, chunk])));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ data, closedByServer: true });
    });
  });
}

export interface GrpcAnswer {
  code: number;
  details: string;
  trailers?: grpc.Metadata;
  response?: Buffer;
}

const passThrough = (buffer: Buffer): Buffer => buffer;

/** One unary call with a raw request body, as any gRPC client would make it. */
export function grpcCall(
  port: number,
  body: Buffer,
  options: {
    path?: string;
    metadata?: Record<string, string>;
    credentials?: grpc.ChannelCredentials;
    deadlineMs?: number;
    gzip?: boolean;
  } = {},
): Promise<GrpcAnswer> {
  const channelOptions = options.gzip ? { 'grpc.default_compression_algorithm': 2 } : {};
  const client = new grpc.Client(`127.0.0.1:${port}`, options.credentials ?? grpc.credentials.createInsecure(), channelOptions);
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(options.metadata ?? {})) metadata.set(key, value);
  return new Promise<GrpcAnswer>((resolve) => {
    let trailers: grpc.Metadata | undefined;
    const call = client.makeUnaryRequest(
      options.path ?? OTLP_GRPC_PATHS.traces,
      passThrough,
      passThrough,
      body,
      metadata,
      { deadline: Date.now() + (options.deadlineMs ?? 10_000) },
      (error, response) => {
        if (error) resolve({ code: error.code, details: error.details, trailers: error.metadata });
        else resolve({ code: 0, details: '', trailers, response });
      },
    );
    call.on('status', (status) => (trailers = status.metadata));
  }).finally(() => client.close());
}
