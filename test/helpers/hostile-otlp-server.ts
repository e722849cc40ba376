/**
 * An OTLP/HTTP endpoint that answers with text its operator (or anyone in the middle) controls:
 * hostile error bodies in plain text and as an OTLP Status, partial-success messages, and a health
 * and metrics page full of escape sequences. For checking that doctor shows such text escaped.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type HostileAnswer = 'text-error' | 'status-error' | 'partial-success' | 'html-error' | 'unavailable';

export interface HostileServer {
  port: number;
  close(): Promise<void>;
}

const REJECTED_FIELD: Record<string, string> = { traces: 'rejectedSpans', metrics: 'rejectedDataPoints', logs: 'rejectedLogRecords' };

function answerExport(response: ServerResponse, signal: string, answer: HostileAnswer, text: string): void {
  const json = (status: number, body: object): void => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  switch (answer) {
    case 'text-error':
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(`bad request: ${text}`);
      return;
    case 'status-error':
      // An OTLP Status (google.rpc.Status) in JSON: https://opentelemetry.io/docs/specs/otlp/#failures-1
      json(400, { code: 3, message: text, details: [] });
      return;
    case 'partial-success':
      // https://opentelemetry.io/docs/specs/otlp/#partial-success-1
      json(200, { partialSuccess: { [REJECTED_FIELD[signal] ?? 'rejectedSpans']: '1', errorMessage: text } });
      return;
    case 'html-error':
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end(`<html><title>${text}</title><body>${text}</body></html>`);
      return;
    case 'unavailable':
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.end(text);
  }
}

export async function startHostileServer(answer: HostileAnswer, text: string): Promise<HostileServer> {
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      const url = request.url ?? '/';
      const signal = /\/v1\/(traces|metrics|logs)/.exec(url)?.[1];
      if (signal) return answerExport(response, signal, answer, text);
      if (url.startsWith('/metrics')) {
        response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        response.end(
          `# HELP otelcol_exporter_send_failed_spans ${text}\notelcol_exporter_send_failed_spans{exporter="${text.replace(/["\\\n]/g, '')}"} 3\n`,
        );
        return;
      }
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`unhealthy: ${text}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
