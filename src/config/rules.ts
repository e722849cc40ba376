/**
 * Rules over an already-resolved configuration: what silently disables or breaks export even when
 * every single value parsed. `resolveConfig` runs them; doctor (and anything that adjusts a resolved
 * configuration) can run them again with `checkEffectiveConfig`.
 */
import { accessSync, constants } from 'node:fs';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { DiagnosticSink } from './diagnostics.js';
import { abbreviate } from './env-reader.js';
import { RATIO_SAMPLERS } from './general.js';
import type { BatchConfig, Diagnostic, EffectiveConfig, SignalExportConfig, ValueSource } from './types.js';
import { SIGNALS } from './types.js';

export interface RuleContext {
  /** The environment the application will run with (proxy variables are read from it). */
  env?: Record<string, string | undefined>;
  /** Relative certificate paths are resolved from here, as the JS exporters resolve them from process.cwd(). */
  cwd?: string;
}

export function checkEffectiveConfig(config: EffectiveConfig, context: RuleContext = {}): Diagnostic[] {
  const sink = new DiagnosticSink();
  if (config.sdkDisabled.value) {
    sink.report('SDK_DISABLED', 'OTEL_SDK_DISABLED=true: the SDK starts as a no-op and exports nothing.', {
      source: config.sdkDisabled.source,
      hint: 'Unset OTEL_SDK_DISABLED to export telemetry.',
    });
  }
  checkSampling(config, sink);
  checkBatch(config.spanBatch, 'OTEL_BSP', 'span', sink);
  checkBatch(config.logBatch, 'OTEL_BLRP', 'log record', sink);
  const reader = config.metricReader;
  if (reader.exportTimeoutMs.value > reader.exportIntervalMs.value) {
    sink.report(
      'METRIC_TIMEOUT_EXCEEDS_INTERVAL',
      `The metric export timeout (${reader.exportTimeoutMs.value} ms) is longer than the export interval (${reader.exportIntervalMs.value} ms); the JS SDK clamps the timeout to the interval.`,
      {
        source: reader.exportTimeoutMs.source.kind === 'default' ? reader.exportIntervalMs.source : reader.exportTimeoutMs.source,
        // sdk-node only warns when both were set by the user; otherwise it is a quiet clamp.
        severity:
          reader.exportTimeoutMs.source.kind !== 'default' && reader.exportIntervalMs.source.kind !== 'default' ? 'warning' : 'info',
      },
    );
  }
  for (const signal of SIGNALS) {
    const exporter = config[signal];
    if (exporter.exporters.value.length === 0 || exporter.exporters.value.includes('none')) {
      sink.report(
        'EXPORTER_NONE',
        `No ${signal} are exported: the ${signal} exporter is ${exporter.exporters.value.length === 0 ? 'empty (every name was invalid)' : 'none'}.`,
        {
          source: exporter.exporters.source,
          severity: signal === 'traces' ? 'warning' : 'info',
          hint: `Set ${exporter.exporters.source.kind === 'env' ? exporter.exporters.source.name : `OTEL_${signal.toUpperCase()}_EXPORTER`}=otlp to export ${signal}, or leave it unset (otlp is the default).`,
        },
      );
      continue;
    }
    if (!exporter.exporters.value.includes('otlp')) continue;
    checkPort(exporter, sink);
    checkTls(exporter, context, sink);
    if (exporter.protocol.value === 'grpc') checkGrpcProxy(exporter, context.env ?? {}, sink);
  }
  return sink.diagnostics;
}

function checkSampling(config: EffectiveConfig, sink: DiagnosticSink): void {
  const name = config.sampler.name;
  if (name.value === 'always_off' || name.value === 'parentbased_always_off') {
    sink.report(
      'SAMPLING_DROPS_ALL',
      `The sampler ${name.value} records no ${name.value === 'always_off' ? '' : 'root '}traces: a smoke test will see nothing.`,
      { source: name.source, hint: 'Use parentbased_always_on, or parentbased_traceidratio with a ratio above 0.' },
    );
  } else if (RATIO_SAMPLERS.includes(name.value) && config.sampler.ratio?.value === 0) {
    sink.report(
      'SAMPLING_DROPS_ALL',
      `The sampler ratio is 0: ${name.value} keeps no ${name.value.startsWith('parentbased') ? 'root ' : ''}traces.`,
      {
        source: config.sampler.ratio.source,
        hint: 'Set OTEL_TRACES_SAMPLER_ARG to a ratio above 0 (0.1 keeps one root trace in ten), or 1 for a smoke test.',
      },
    );
  }
}

function checkBatch(batch: BatchConfig, prefix: string, what: string, sink: DiagnosticSink): void {
  if (batch.maxExportBatchSize.value > batch.maxQueueSize.value) {
    sink.report(
      'BATCH_EXCEEDS_QUEUE',
      `${prefix}_MAX_EXPORT_BATCH_SIZE (${batch.maxExportBatchSize.value}) is larger than ${prefix}_MAX_QUEUE_SIZE (${batch.maxQueueSize.value}): a batch can never fill; the JS SDK clamps the batch to the queue size.`,
      {
        source: batch.maxExportBatchSize.source.kind === 'default' ? batch.maxQueueSize.source : batch.maxExportBatchSize.source,
        hint: `Raise the ${what} queue size or lower the batch size.`,
      },
    );
  }
}

function checkPort(exporter: SignalExportConfig, sink: DiagnosticSink): void {
  let port: string;
  try {
    port = new URL(exporter.url).port;
  } catch {
    return;
  }
  const grpc = exporter.protocol.value === 'grpc';
  if ((grpc && port === '4318') || (!grpc && port === '4317')) {
    sink.report(
      'OTLP_PROTOCOL_PORT_MISMATCH',
      `The ${exporter.signal} exporter speaks ${exporter.protocol.value} to port ${port}, the standard OTLP ${grpc ? 'HTTP' : 'gRPC'} port: the collector will refuse it.`,
      {
        source: exporter.endpoint.source,
        hint: grpc
          ? 'Use port 4317 for gRPC, or set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf.'
          : 'Use port 4318 for HTTP, or set OTEL_EXPORTER_OTLP_PROTOCOL=grpc.',
      },
    );
  }
}

function checkTls(exporter: SignalExportConfig, context: RuleContext, sink: DiagnosticSink): void {
  const files = [exporter.certificateFile, exporter.clientKeyFile, exporter.clientCertificateFile].filter((file) => file !== undefined);
  if (files.length > 0 && exporter.url.startsWith('http://')) {
    sink.report(
      'OTLP_CERTIFICATE_WITH_HTTP',
      `TLS certificate settings are set for the ${exporter.signal} exporter, but its endpoint is plaintext http://: they are ignored.`,
      {
        source: files[0]!.source,
        hint: 'Use an https:// endpoint to use the certificates.',
      },
    );
  }
  if ((exporter.clientKeyFile === undefined) !== (exporter.clientCertificateFile === undefined)) {
    const present = (exporter.clientKeyFile ?? exporter.clientCertificateFile)!;
    sink.report(
      'OTLP_CLIENT_KEY_CERT_UNPAIRED',
      `Only the client ${exporter.clientKeyFile ? 'key' : 'certificate'} is set for the ${exporter.signal} exporter: mTLS needs both, so the JS SDK ${exporter.protocol.value === 'grpc' ? 'falls back to the CA certificate alone' : 'presents no usable client certificate'}.`,
      {
        source: present.source,
        hint: 'Set both OTEL_EXPORTER_OTLP_CLIENT_KEY and OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE.',
      },
    );
  }
  for (const file of files) {
    const path = isAbsolute(file.value) ? file.value : resolvePath(context.cwd ?? '.', file.value);
    try {
      accessSync(path, constants.R_OK);
    } catch {
      sink.report(
        'OTLP_CERTIFICATE_UNREADABLE',
        `The ${isClientKey(file.source) ? 'client key' : 'certificate'} file ${abbreviate(file.value)} cannot be read; the JS SDK warns and continues without it.`,
        {
          source: file.source,
          hint: `Check the path (relative paths are read from ${context.cwd ?? 'the current folder'}) and that this user may read the file.`,
        },
      );
    }
  }
}

/** grpc-js routes through grpc_proxy / https_proxy / http_proxy (lowercase only) unless no_grpc_proxy / no_proxy matches the host. */
function checkGrpcProxy(exporter: SignalExportConfig, env: Record<string, string | undefined>, sink: DiagnosticSink): void {
  const proxyName = ['grpc_proxy', 'https_proxy', 'http_proxy'].find((name) => env[name]);
  let host: string;
  try {
    host = new URL(exporter.url).hostname;
  } catch {
    return;
  }
  if (!proxyName) {
    const upper = ['HTTPS_PROXY', 'HTTP_PROXY'].find((name) => env[name]);
    if (upper)
      sink.report(
        'PROXY_IGNORED_BY_NODE',
        `${upper} is set, but grpc-js only reads the lowercase proxy variables; the ${exporter.signal} exporter connects directly.`,
        { source: { kind: 'env', name: upper } },
      );
    return;
  }
  const noProxyName = env.no_grpc_proxy ? 'no_grpc_proxy' : 'no_proxy';
  const exempt = (env[noProxyName] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .some((entry) => entry !== '' && host.endsWith(entry));
  if (exempt) return;
  sink.report(
    'PROXY_CAPTURES_ENDPOINT',
    `${proxyName} is set and ${host} is not in no_grpc_proxy/no_proxy: grpc-js tunnels the ${exporter.signal} exporter through the proxy.`,
    {
      source: { kind: 'env', name: proxyName },
      hint: `Add ${host} to no_grpc_proxy (or no_proxy) if the collector is reachable directly.`,
    },
  );
}

/** Whether a TLS file setting is the client's private key (worded apart: it is not a certificate). */
function isClientKey(source: ValueSource): boolean {
  const name = source.kind === 'env' ? source.name : source.kind === 'file' ? source.key : source.kind === 'flag' ? source.flag : '';
  return /client[-_.]?key$/i.test(name);
}
