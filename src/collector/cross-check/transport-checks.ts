/**
 * The request-level agreements between app and receiver: the auth extension's header, the
 * Content-Encoding, and the message size limit against the app's largest batch.
 * https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/main/extension/bearertokenauthextension/README.md
 */
import { describeOrigin } from '../findings.js';
import type { CollectorModel } from '../model.js';
import { stringAt } from '../tree.js';
import { appSetting, BYTES_PER_ITEM, type AppSignal, type CrossCheckReport } from './app-side.js';
import type { ProtocolEndpoint } from './receivers.js';

/** Auth extensions whose credentials travel in a request header, and that header. */
function expectedHeader(type: string, config: Parameters<typeof stringAt>[0]): { header: string; scheme?: string } | undefined {
  if (type === 'bearertokenauth')
    return { header: (stringAt(config, 'header') ?? 'authorization').toLowerCase(), scheme: stringAt(config, 'scheme') ?? 'Bearer' };
  if (type === 'basicauth') return { header: 'authorization', scheme: 'Basic' };
  if (type === 'oidc') return { header: (stringAt(config, 'attribute') ?? 'authorization').toLowerCase(), scheme: 'Bearer' };
  return undefined;
}

export function checkAuth(app: AppSignal, endpoint: ProtocolEndpoint, model: CollectorModel, report: CrossCheckReport): void {
  const authenticator = endpoint.authenticator;
  if (!authenticator) return;
  const extension = model.components.extensions.get(authenticator.value);
  if (!extension) return; // an undefined extension is its own finding
  const expected = expectedHeader(extension.type, extension.config);
  if (!expected) return;
  const where = { origin: authenticator.origin, key: authenticator.key };
  const sent = app.headers.get(expected.header);
  const headerSetting =
    app.headersSource.kind === 'default'
      ? 'no OTEL_EXPORTER_OTLP_HEADERS set'
      : `headers from ${appSetting(app.headersSource, 'OTEL_EXPORTER_OTLP_HEADERS')}`;
  if (sent === undefined) {
    report(
      'COLLECTOR_APP_AUTH_HEADER_MISSING',
      `receiver "${endpoint.receiver.id}" requires the ${extension.type} extension "${extension.id}" (${describeOrigin(authenticator.origin)}), which reads the ${expected.header} header, but the app's ${app.signal} exporter sends no ${expected.header} header (${headerSetting}): every export is refused as unauthenticated`,
      where,
      `set OTEL_EXPORTER_OTLP_HEADERS="${expected.header}=${expected.scheme ? `${expected.scheme} ` : ''}<token>" in the app`,
    );
    return;
  }
  if (expected.scheme && !sent.trim().toLowerCase().startsWith(`${expected.scheme.toLowerCase()} `)) {
    report(
      'COLLECTOR_APP_AUTH_HEADER_MISSING',
      `the app's ${expected.header} header (${headerSetting}) does not start with "${expected.scheme} ", which ${extension.type} "${extension.id}" expects (${describeOrigin(authenticator.origin)})`,
      where,
      `send "${expected.header}=${expected.scheme} <token>"`,
    );
  }
}

export function checkCompression(app: AppSignal, endpoint: ProtocolEndpoint, report: CrossCheckReport): void {
  const algorithms = endpoint.compressionAlgorithms;
  if (app.compression.value !== 'gzip' || !algorithms || algorithms.value.includes('gzip')) return;
  report(
    'COLLECTOR_APP_COMPRESSION_UNSUPPORTED',
    `the app compresses ${app.signal} with gzip (${appSetting(app.compression.source, 'OTEL_EXPORTER_OTLP_COMPRESSION')}), but receiver "${endpoint.receiver.id}" accepts only ${algorithms.value.map((name) => name || '(none)').join(', ')} (${describeOrigin(algorithms.origin)})`,
    { origin: algorithms.origin, key: algorithms.key },
    `add gzip to ${algorithms.key}, or set OTEL_EXPORTER_OTLP_COMPRESSION=none in the app`,
  );
}

export function checkMessageSize(app: AppSignal, endpoint: ProtocolEndpoint, report: CrossCheckReport): void {
  if (!app.batchSize) return;
  const estimate = app.batchSize.value * BYTES_PER_ITEM;
  const limit = endpoint.maxMessageBytes;
  if (estimate <= limit.value) return;
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MiB`;
  report(
    'COLLECTOR_APP_MESSAGE_TOO_LARGE',
    `the app exports up to ${app.batchSize.value} ${app.signal === 'traces' ? 'spans' : 'log records'} per request (${appSetting(app.batchSize.source, 'max export batch size')}), about ${mib(estimate)} at ~1 KiB each, over receiver "${endpoint.receiver.id}"'s ${mib(limit.value)} limit${limit.defaulted ? ' (default)' : ''} (${describeOrigin(limit.origin)}): large batches are refused`,
    { origin: limit.origin, key: limit.key },
    `lower the app's max export batch size (OTEL_${app.signal === 'traces' ? 'BSP' : 'BLRP'}_MAX_EXPORT_BATCH_SIZE), or raise ${limit.key}`,
  );
}
