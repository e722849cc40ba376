/**
 * The application against the Collector: for each signal the app exports, is there an OTLP
 * receiver that speaks its protocol on its port, reachable from where the app runs, on its path,
 * with the same TLS, auth and compression, taking batches its size, inside a pipeline of that
 * signal that exports somewhere real? Each finding sits on the Collector line and names the app
 * setting, and its hint fixes one side.
 * https://opentelemetry.io/docs/specs/otel/protocol/exporter/
 * https://opentelemetry.io/docs/security/config-best-practices/#protect-against-denial-of-service-attacks
 */
import type { Diagnostic, EffectiveConfig } from '../../config/types.js';
import { COLLECTOR_CATALOGUE } from '../catalogue.js';
import { CollectorFindings, describeOrigin } from '../findings.js';
import { isAllInterfaces, isLoopback } from '../hosts.js';
import type { CollectorModel } from '../model.js';
import { SINK_EXPORTER_TYPES } from '../rules/practice.js';
import { child, entryOf } from '../tree.js';
import { appSetting, appSignals, type AppSignal, type CrossCheckReport } from './app-side.js';
import { otlpEndpoints, type ProtocolEndpoint } from './receivers.js';
import { checkAuth, checkCompression, checkMessageSize } from './transport-checks.js';

function reporter(findings: CollectorFindings): CrossCheckReport {
  return (code, message, where, hint) => {
    if (COLLECTOR_CATALOGUE[code].group !== 'cross-check') throw new Error(`${code} is not a cross-check code`);
    findings.report(code, message, where, hint);
  };
}

function protocolName(app: AppSignal): string {
  return app.protocol === 'grpc' ? 'gRPC' : 'OTLP/HTTP';
}

function pickEndpoint(
  app: AppSignal,
  endpoints: ProtocolEndpoint[],
  model: CollectorModel,
  report: CrossCheckReport,
): ProtocolEndpoint | undefined {
  const appSide = `the app sends ${app.signal} over ${protocolName(app)} to ${app.url} (${appSetting(app.endpointSetting.source, 'OTEL_EXPORTER_OTLP_ENDPOINT')})`;
  if (endpoints.length === 0) {
    const receivers = child(model.root, 'receivers');
    const origin = model.root ? (receivers?.origin ?? model.root.origin) : { path: '', line: 1 };
    report(
      'COLLECTOR_APP_NO_RECEIVER',
      `${appSide}, but no otlp receiver of the Collector enables a protocol (${describeOrigin(origin)})`,
      { origin, key: 'receivers' },
      'add receivers.otlp with protocols.grpc and protocols.http, and use it in every pipeline',
    );
    return undefined;
  }
  const sameProtocol = endpoints.filter((endpoint) => endpoint.protocol === app.protocol);
  if (sameProtocol.length === 0) {
    const other = endpoints[0]!;
    report(
      'COLLECTOR_APP_PROTOCOL_DISABLED',
      `${appSide} (protocol from ${appSetting(app.protocolSetting.source, 'OTEL_EXPORTER_OTLP_PROTOCOL')}), but receiver "${other.receiver.id}" enables only protocols.${other.protocol} (${describeOrigin(other.origin)})`,
      { origin: other.origin, key: other.key },
      `add protocols.${app.protocol} to receiver "${other.receiver.id}", or set OTEL_EXPORTER_OTLP_PROTOCOL=${other.protocol === 'grpc' ? 'grpc' : 'http/protobuf'} and port ${other.port.value ?? ''} in the app`,
    );
    return undefined;
  }
  const samePort = sameProtocol.filter((endpoint) => endpoint.port.value === undefined || endpoint.port.value === app.port);
  if (samePort.length === 0) {
    const first = sameProtocol[0]!;
    const written = first.port.defaulted ? `listens on the default port ${first.port.value}` : `listens on port ${first.port.value}`;
    report(
      'COLLECTOR_APP_PORT_MISMATCH',
      `${appSide}, port ${app.port}, but receiver "${first.receiver.id}" protocols.${app.protocol} ${written} (${describeOrigin(first.port.origin)})`,
      { origin: first.port.origin, key: first.port.key },
      `send to port ${first.port.value} (${appSetting(app.endpointSetting.source, 'OTEL_EXPORTER_OTLP_ENDPOINT')}), or set ${first.port.key}: ${first.host.defaulted ? 'localhost' : first.host.value}:${app.port}`,
    );
    return undefined;
  }
  // Prefer a receiver that a pipeline of this signal actually uses.
  const used = samePort.find((endpoint) =>
    model.pipelines.some((pipeline) => pipeline.signal === app.signal && pipeline.receivers.some((ref) => ref.id === endpoint.receiver.id)),
  );
  return used ?? samePort[0];
}

function checkBind(app: AppSignal, endpoint: ProtocolEndpoint, report: CrossCheckReport): void {
  const host = endpoint.host.value;
  if (!isLoopback(host) || isLoopback(app.host)) return;
  const why = endpoint.host.defaulted
    ? 'has no endpoint, so it listens on localhost only (the default since Collector 0.104)'
    : `listens on ${host} only`;
  report(
    'COLLECTOR_APP_LOCALHOST_BIND',
    `the app sends ${app.signal} to ${app.host}:${app.port}, from another host or container, but receiver "${endpoint.receiver.id}" protocols.${endpoint.protocol} ${why} (${describeOrigin(endpoint.host.origin)}): connections are refused`,
    { origin: endpoint.host.origin, key: endpoint.host.key },
    `set ${endpoint.key}.endpoint: 0.0.0.0:${endpoint.port.value ?? app.port} (or the pod's IP: \${env:MY_POD_IP}:${endpoint.port.value ?? app.port})`,
  );
}

function checkPath(app: AppSignal, endpoint: ProtocolEndpoint, report: CrossCheckReport): void {
  if (app.protocol !== 'http') return;
  const expected = endpoint.urlPaths[app.signal];
  if (app.path.replace(/\/+$/, '') === expected.value.replace(/\/+$/, '')) return;
  const served = expected.defaulted ? `serves the default ${expected.value}` : `serves ${expected.value}`;
  report(
    'COLLECTOR_APP_URL_PATH_MISMATCH',
    `the app posts ${app.signal} to ${app.url} (path ${app.path || '/'}, from ${appSetting(app.endpointSetting.source, 'OTEL_EXPORTER_OTLP_ENDPOINT')}), but receiver "${endpoint.receiver.id}" ${served} (${describeOrigin(expected.origin)}): every export gets 404`,
    { origin: expected.origin, key: expected.key },
    `set the app's endpoint path to ${expected.value}, or ${expected.key}: ${app.path}`,
  );
}

function checkTls(app: AppSignal, endpoint: ProtocolEndpoint, report: CrossCheckReport): void {
  if (app.tls === endpoint.tls.value) return;
  const where = { origin: endpoint.tls.origin, key: endpoint.tls.key };
  const endpointSetting = appSetting(app.endpointSetting.source, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (app.tls) {
    report(
      'COLLECTOR_APP_TLS_MISMATCH',
      `the app speaks TLS to ${app.url} (${endpointSetting}), but receiver "${endpoint.receiver.id}" protocols.${endpoint.protocol} has no tls section (${describeOrigin(endpoint.origin)}): the handshake fails`,
      where,
      `use http:// in the app's endpoint, or add ${endpoint.key}.tls with cert_file and key_file`,
    );
  } else {
    report(
      'COLLECTOR_APP_TLS_MISMATCH',
      `the app sends plaintext to ${app.url} (${endpointSetting}), but receiver "${endpoint.receiver.id}" protocols.${endpoint.protocol} requires TLS (${describeOrigin(endpoint.tls.origin)})`,
      where,
      `use https:// in the app's endpoint (and OTEL_EXPORTER_OTLP_CERTIFICATE for a private CA), or remove ${endpoint.key}.tls`,
    );
  }
}

function checkPipeline(app: AppSignal, endpoint: ProtocolEndpoint, model: CollectorModel, report: CrossCheckReport): void {
  const receiverId = endpoint.receiver.id;
  const pipelines = model.pipelines.filter(
    (pipeline) => pipeline.signal === app.signal && pipeline.receivers.some((ref) => ref.id === receiverId),
  );
  if (pipelines.length === 0) {
    const pipelinesEntry = entryOf(child(model.root, 'service'), 'pipelines');
    const where = { origin: pipelinesEntry?.keyOrigin ?? endpoint.receiver.origin, key: 'service.pipelines' };
    report(
      'COLLECTOR_APP_PIPELINE_MISSING',
      `the app exports ${app.signal}, but no ${app.signal} pipeline receives from "${receiverId}" (${describeOrigin(where.origin)}): the Collector answers Unimplemented/404 and drops them`,
      where,
      `add service.pipelines.${app.signal} with receivers: [${receiverId}], or set OTEL_${app.signal.toUpperCase()}_EXPORTER=none in the app`,
    );
    return;
  }
  const real = pipelines.some((pipeline) => pipeline.exporters.some((ref) => !SINK_EXPORTER_TYPES.has(ref.type)));
  if (!real) {
    const pipeline = pipelines[0]!;
    report(
      'COLLECTOR_APP_PIPELINE_NO_REAL_EXPORTER',
      `the app's ${app.signal} reach pipeline "${pipeline.id}" (${describeOrigin(pipeline.origin)}), whose only exporters are ${pipeline.exporters.map((ref) => ref.id).join(', ') || 'none'}: they are accepted and then dropped`,
      { origin: pipeline.origin, key: `service.pipelines.${pipeline.id}.exporters` },
      'add an exporter to your backend to this pipeline',
    );
  }
}

export function crossCheck(config: EffectiveConfig, model: CollectorModel, findings: CollectorFindings): void {
  const perSignal = new CollectorFindings();
  const report = reporter(perSignal);
  const endpoints = otlpEndpoints(model);
  for (const app of appSignals(config)) {
    const endpoint = pickEndpoint(app, endpoints, model, report);
    if (!endpoint) continue;
    if (!isAllInterfaces(endpoint.host.value)) checkBind(app, endpoint, report);
    checkPath(app, endpoint, report);
    checkTls(app, endpoint, report);
    checkAuth(app, endpoint, model, report);
    checkCompression(app, endpoint, report);
    checkMessageSize(app, endpoint, report);
    checkPipeline(app, endpoint, model, report);
  }
  findings.diagnostics.push(...mergeAcrossSignals(perSignal.diagnostics));
}

const SIGNAL_WORD = /\b(traces|metrics|logs)\b/g;

/**
 * Traces, metrics and logs usually share one endpoint, so one Collector line is usually wrong for
 * all three: say it once, naming the signals, instead of three near-identical findings.
 */
function mergeAcrossSignals(diagnostics: Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, { first: Diagnostic; signals: string[] }>();
  for (const diagnostic of diagnostics) {
    const signal = /\b(traces|metrics|logs)\b/.exec(diagnostic.message)?.[1];
    const key = `${diagnostic.code}\u0000${JSON.stringify(diagnostic.source)}\u0000${diagnostic.message.replace(SIGNAL_WORD, '<signal>')}\u0000${(diagnostic.hint ?? '').replace(SIGNAL_WORD, '<signal>')}`;
    const group = groups.get(key);
    if (group && signal) group.signals.push(signal);
    else groups.set(key, { first: diagnostic, signals: signal ? [signal] : [] });
  }
  return [...groups.values()].map(({ first, signals }) => {
    if (signals.length < 2) return first;
    const list = `${signals.slice(0, -1).join(', ')} and ${signals[signals.length - 1]}`;
    return { ...first, message: first.message.replace(new RegExp(`\\b${signals[0]}\\b`, 'g'), list) };
  });
}
