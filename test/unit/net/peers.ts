/**
 * Real peers on 127.0.0.1 port 0 for the network probes: an HTTP/1.1 server, an h2c server, a
 * gRPC server (grpc-js) that serves the OTLP trace Export method, a TLS server, and a server that
 * accepts connections and never answers. Each returns its port and a close function.
 */
import { Server as GrpcServer, ServerCredentials, type ServiceDefinition } from '@grpc/grpc-js';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createH2cServer } from 'node:http2';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';

export interface Peer {
  port: number;
  close(): Promise<void>;
}

async function listen(server: Server, sockets?: Set<Socket>): Promise<Peer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets ?? []) socket.destroy();
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export function startHttp1(): Promise<Peer> {
  return listen(createHttpServer((_request, response) => response.writeHead(200).end('ok')));
}

export function startH2c(): Promise<Peer> {
  const sockets = new Set<Socket>();
  const server = createH2cServer((_request, response) => response.writeHead(404).end());
  server.on('connection', (socket: Socket) => sockets.add(socket));
  return listen(server as unknown as Server, sockets);
}

/**
 * Completes the HTTP/2 handshake (SETTINGS) and never answers a request: a hung gRPC server. With
 * `helloDelayMs` it takes that long to send its SETTINGS, so a client's first step measurably uses time.
 */
export function startHungH2c(helloDelayMs = 0): Promise<Peer> {
  const sockets = new Set<Socket>();
  const h2c = createH2cServer();
  h2c.on('stream', () => undefined);
  // The HTTP/2 server takes over each connection (and greets it) only when handed the socket.
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    setTimeout(() => h2c.emit('connection', socket), helloDelayMs);
  });
  return listen(server, sockets);
}

/** A silent peer that also says when a client connects, so a test can act once a request is in flight. */
export interface SilentPeer extends Peer {
  /** Resolves at the first connection after the call; rejects, naming the wait, after `timeoutMs`. */
  nextConnection(timeoutMs: number): Promise<void>;
}

/** Accepts connections and never writes a byte: a hung process, a black-holing proxy. */
export async function startSilent(): Promise<SilentPeer> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  const peer = await listen(server, sockets);
  const nextConnection = (timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const onConnection = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        server.off('connection', onConnection);
        reject(new Error(`no connection to the silent peer within ${timeoutMs} ms`));
      }, timeoutMs);
      server.once('connection', onConnection);
    });
  return { ...peer, nextConnection };
}

export function startTls(options: TlsOptions): Promise<Peer> {
  const sockets = new Set<Socket>();
  const server = createTlsServer(options, (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  return listen(server, sockets);
}

const identity = (value: Buffer): Buffer => value;

export const TRACE_SERVICE: ServiceDefinition = {
  Export: {
    path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
};

export async function startGrpc(): Promise<Peer> {
  const server = new GrpcServer();
  server.addService(TRACE_SERVICE, {
    Export: (_call: unknown, callback: (error: null, value: Buffer) => void) => callback(null, Buffer.alloc(0)),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { port, close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
}

/** A port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const peer = await listen(createNetServer());
  await peer.close();
  return peer.port;
}
