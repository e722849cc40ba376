/**
 * The embedded OTLP receiver: a real OTLP/gRPC and OTLP/HTTP endpoint that decodes
 * what it receives into plain records. `otel-proc receive`, `emit --local`, doctor, load and the
 * tests of every command use it in-process through startReceiver().
 */
import { createExportPipeline } from './export-pipeline.js';
import { startGrpcListener, type GrpcListener } from './grpc-server.js';
import { startHttpListener, type HttpListener } from './http-server.js';
import { createStore } from './store.js';
import type { ReceiverHandle, ReceiverOptions } from './types.js';

export type * from './types.js';

export const DEFAULT_GRPC_PORT = 4317;
export const DEFAULT_HTTP_PORT = 4318;
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function startReceiver(options: ReceiverOptions = {}): Promise<ReceiverHandle> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const resolved: ReceiverOptions = { ...options, host, maxBodyBytes };
  const store = createStore();
  const pipeline = createExportPipeline(store, resolved);
  const grpcPort = options.grpcPort === undefined ? DEFAULT_GRPC_PORT : options.grpcPort;
  const httpPort = options.httpPort === undefined ? DEFAULT_HTTP_PORT : options.httpPort;

  let grpc: GrpcListener | undefined;
  let http: HttpListener | undefined;
  const closeAll = async (): Promise<void> => {
    pipeline.stop();
    await Promise.all([grpc?.close(), http?.close()]);
    store.close();
  };
  try {
    if (grpcPort !== false) grpc = await startGrpcListener(pipeline, resolved, host, grpcPort);
    if (httpPort !== false) http = await startHttpListener(pipeline, resolved, host, httpPort, maxBodyBytes);
  } catch (error) {
    // One listener up and the other failing (port taken) must not leak the first one.
    await closeAll();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    host,
    ports: { grpc: grpc?.port, http: http?.port },
    received: store,
    stop() {
      stopped ??= closeAll();
      return stopped;
    },
  };
}
