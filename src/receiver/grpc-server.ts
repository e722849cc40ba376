/**
 * OTLP/gRPC: the three collector Export services on one @grpc/grpc-js server. Messages pass
 * through as raw buffers (identity serializers): the pipeline decodes them itself, which is what
 * makes count-only mode cheap. grpc-js already handles gzip message compression and the
 * message-size limit (answering RESOURCE_EXHAUSTED), and an HTTP/1.1 client hitting this port is
 * refused at the HTTP/2 preface without harming other connections.
 */
import * as grpc from '@grpc/grpc-js';
import { OTLP_GRPC_PATHS } from '../otlp/proto/root.js';
import { GRPC_CODE } from './export-outcome.js';
import { errorCodeOf, formatHostPort, ListenError } from './listen-error.js';
import type { ExportPipeline } from './export-pipeline.js';
import { encodeExportResponse, encodeGrpcStatusDetails } from './responses.js';
import type { ReceivedSignal, ReceiverOptions } from './types.js';

const passThrough = (buffer: Buffer): Buffer => buffer;

function exportMethod(path: string): grpc.MethodDefinition<Buffer, Buffer> {
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: passThrough,
    requestDeserialize: passThrough,
    responseSerialize: passThrough,
    responseDeserialize: passThrough,
  };
}

export interface GrpcListener {
  port: number;
  close(): Promise<void>;
}

function credentialsFor(tls: ReceiverOptions['tls']): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(
    tls.ca ? Buffer.from(tls.ca) : null,
    [{ cert_chain: Buffer.from(tls.cert), private_key: Buffer.from(tls.key) }],
    tls.requireClientCertificate === true,
  );
}

export async function startGrpcListener(
  pipeline: ExportPipeline,
  options: ReceiverOptions,
  host: string,
  port: number,
): Promise<GrpcListener> {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': options.maxBodyBytes,
  });
  for (const signal of Object.keys(OTLP_GRPC_PATHS) as ReceivedSignal[]) {
    const definition = { Export: exportMethod(OTLP_GRPC_PATHS[signal]) };
    server.addService(definition, { Export: exportHandler(pipeline, signal) });
  }
  const address = formatHostPort(host, port);
  const boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, credentialsFor(options.tls), (error, chosen) =>
      error ? reject(new ListenError('grpc', address, errorCodeOf(error), error)) : resolve(chosen),
    );
  });
  return {
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        // Let in-flight calls finish briefly, then cut the rest (a stalled client must not hang stop()).
        const force = setTimeout(() => server.forceShutdown(), 1_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}

function exportHandler(pipeline: ExportPipeline, signal: ReceivedSignal): grpc.handleUnaryCall<Buffer, Buffer> {
  return (call, callback) => {
    const header = (name: string): string | undefined => {
      const value = call.metadata.get(name)[0];
      return value === undefined ? undefined : value.toString();
    };
    pipeline.handle({ signal, body: call.request, encoding: 'protobuf', protocol: 'grpc', header }).then(
      (outcome) => {
        if (outcome.ok) {
          callback(null, Buffer.from(encodeExportResponse(signal, 'protobuf', outcome.rejected, outcome.errorMessage)));
          return;
        }
        const code = GRPC_CODE[outcome.failure];
        const trailers = new grpc.Metadata();
        // RetryInfo travels inside a google.rpc.Status in this trailer (OTLP spec "OTLP/gRPC Throttling").
        if (outcome.retryAfterSeconds !== undefined) {
          trailers.set('grpc-status-details-bin', encodeGrpcStatusDetails(code, outcome.message, outcome.retryAfterSeconds));
        }
        callback({ code, details: outcome.message, metadata: trailers });
      },
      (error: unknown) => callback({ code: grpc.status.INTERNAL, details: `receiver error: ${(error as Error).message}` }),
    );
  };
}
