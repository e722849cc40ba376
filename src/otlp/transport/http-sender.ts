/**
 * OTLP/HTTP (protocol/otlp.md "OTLP/HTTP"): POST of a protobuf or JSON body to /v1/<signal> over
 * keep-alive connections, gzip when configured, TLS/mTLS with https URLs. 200 carries an
 * Export*ServiceResponse (maybe with partial success) in the request's content type; 429, 502, 503
 * and 504 are retryable with Retry-After; every other status is permanent.
 */
import http from 'node:http';
import https from 'node:https';
import { classifyHttpStatus, classifyNetworkError } from './classify.js';
import { gzipBody } from './compress.js';
import { parseErrorBody, parsePartialSuccessJson, parsePartialSuccessProto, parseRetryAfter } from './responses.js';
import { DeadlineQueue, type Deadline } from './deadlines.js';
import type { ExportOutcome, Sender, SenderOptions } from './types.js';

export class HttpSender implements Sender {
  private readonly agent: http.Agent;
  private readonly url: URL;
  private readonly contentType: string;
  private readonly deadlines: DeadlineQueue;
  /** Where every request goes, resolved once: http.request would convert the URL for each one. */
  private readonly target: http.RequestOptions;
  private closed = false;

  constructor(private readonly options: SenderOptions) {
    this.url = new URL(options.url);
    const secure = this.url.protocol === 'https:';
    const agentOptions = { keepAlive: true, maxSockets: Math.max(1, options.maxConcurrency), ...(secure ? (options.tls ?? {}) : {}) };
    this.agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.contentType = options.format === 'json' ? 'application/json' : 'application/x-protobuf';
    this.deadlines = new DeadlineQueue(options.timeoutMs);
    this.target = {
      protocol: this.url.protocol,
      hostname: this.url.hostname.replace(/^\[|\]$/g, ''),
      ...(this.url.port !== '' ? { port: Number(this.url.port) } : {}),
      path: `${this.url.pathname}${this.url.search}`,
      ...(this.url.username || this.url.password
        ? { auth: `${decodeURIComponent(this.url.username)}:${decodeURIComponent(this.url.password)}` }
        : {}),
      method: 'POST',
      agent: this.agent,
    };
  }

  async send(body: Buffer): Promise<ExportOutcome> {
    if (this.closed) return { kind: 'retryable', reason: 'closed', message: 'sender closed' };
    const gzip = this.options.compression === 'gzip';
    const payload = gzip ? await gzipBody(body) : body;
    // close() may have come while the body was compressing: the agent would open a new socket for it.
    if (this.closed) return { kind: 'retryable', reason: 'closed', message: 'sender closed' };
    const client = this.url.protocol === 'https:' ? https : http;
    return new Promise<ExportOutcome>((resolve) => {
      let settled = false;
      let deadline: Deadline | undefined;
      const finish = (outcome: ExportOutcome): void => {
        if (settled) return;
        settled = true;
        deadline?.cancel();
        resolve(outcome);
      };
      const request = client.request({
        ...this.target,
        headers: {
          ...this.options.headers,
          'content-type': this.contentType,
          'content-length': payload.length,
          'user-agent': 'otel-proc-load',
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        },
      });
      // One deadline for the whole exchange, on the sender's single timer (deadlines.ts).
      deadline = this.deadlines.add(() => {
        finish({ kind: 'retryable', reason: 'timeout', message: `no answer within ${this.options.timeoutMs} ms` });
        request.destroy();
      });
      request.on('error', (error) => finish(classifyNetworkError(error)));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => finish(classifyNetworkError(error)));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const bodyBytes = Buffer.concat(chunks);
          const contentType = response.headers['content-type'];
          if (status >= 200 && status < 300) {
            // OTLP/HTTP answers in the request's content type. A 2xx in anything else (a web page, a
            // proxy's landing page) is not an OTLP receiver accepting the data, whatever its status.
            if (contentType && !/protobuf|json/i.test(contentType)) {
              finish({
                kind: 'permanent',
                reason: 'not-otlp',
                message: `HTTP ${status} with content type ${contentType.split(';')[0]}: ${this.url.origin}${this.url.pathname} is not an OTLP/HTTP receiver`,
              });
              return;
            }
            try {
              const partial = contentType?.includes('json')
                ? parsePartialSuccessJson(bodyBytes.toString('utf8'))
                : parsePartialSuccessProto(bodyBytes);
              finish({ kind: 'success', rejected: partial.rejected, ...(partial.message ? { message: partial.message } : {}) });
            } catch (error) {
              finish({ kind: 'success', rejected: 0, message: `unreadable response: ${(error as Error).message}` });
            }
            return;
          }
          const retryAfter = parseRetryAfter(response.headers['retry-after'], Date.now());
          finish(classifyHttpStatus(status, parseErrorBody(bodyBytes, contentType), retryAfter));
        });
      });
      request.end(payload);
    });
  }

  /** Immediate either way: destroying the agent ends every request on its sockets. */
  async close(): Promise<void> {
    this.closed = true;
    this.agent.destroy();
    this.deadlines.clear();
  }
}
