import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExportPipeline } from './export-pipeline.js';

/**
 * Connections that never become an HTTP/1.1 request are the classic misconfigurations (OTLP spec
 * facts: gRPC to the HTTP port shows up as an HTTP/2 preface, TLS to a plaintext port as a 0x16
 * handshake byte). Answer as node does (400 and close) and say what it probably was.
 */
export function watchBrokenConnections(server: http.Server, pipeline: ExportPipeline, tls: boolean): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex & { bytesWritten?: number }) => {
    const code = error.code ?? '';
    if (code.startsWith('HPE_')) {
      let message = `malformed HTTP request (${code})`;
      if (code === 'HPE_PAUSED_H2_UPGRADE')
        message = 'an HTTP/2 client (a gRPC exporter?) connected to the OTLP/HTTP port; send gRPC to the gRPC port';
      else if (error.rawPacket?.[0] === 0x16)
        message =
          'a TLS handshake arrived on the plaintext OTLP/HTTP port; use http:// or start the receiver with --tls-cert and --tls-key';
      pipeline.notifyRefused({ transport: 'http', status: 400, message, injected: false });
    }
    // As node's own handler does: a minimal answer if nothing was written yet, then close.
    if (socket.writable && socket.bytesWritten === 0) {
      socket.write(
        code === 'HPE_HEADER_OVERFLOW'
          ? 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n'
          : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
      );
    }
    socket.destroy();
  });
  if (!tls) return;
  server.on('tlsClientError', (error: Error) => {
    const message = /http request/i.test(error.message)
      ? 'a plaintext HTTP request arrived on the TLS OTLP/HTTP port; use https://'
      : /certificate/i.test(error.message)
        ? `TLS handshake refused: ${error.message} (this receiver requires a client certificate)`
        : `TLS handshake failed: ${error.message}`;
    pipeline.notifyRefused({ transport: 'http', status: 400, message, injected: false });
  });
}
