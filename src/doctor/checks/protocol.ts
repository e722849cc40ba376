/**
 * Protocol: what the port actually speaks against what the exporter will speak. The classic mistakes (ports:
 * https://opentelemetry.io/docs/specs/otlp/#otlpgrpc-default-port and
 * https://opentelemetry.io/docs/specs/otlp/#otlphttp-default-port): HTTP to the gRPC port 4317, gRPC to the
 * HTTP port 4318, TLS to a plaintext port and plaintext to a TLS port. The fix names the setting that chose
 * the protocol.
 */
import type { Check, DoctorContext, Finding } from '../types.js';
import { settingAssignment, type EndpointTarget } from '../endpoints.js';
import type { SniffResult } from '../../net/sniff.js';
import { finding, hostPort } from './finding.js';

const SPEAKS: Record<string, string> = {
  grpc: 'gRPC',
  http1: 'OTLP/HTTP (HTTP/1.1)',
  http2: 'HTTP/2 without gRPC',
};

/** Whether what the port speaks fits the configured protocol. */
export function protocolFits(target: EndpointTarget, sniff: SniffResult): boolean {
  if (target.protocol === 'grpc') return sniff.application === 'grpc';
  return sniff.application === 'http1' || sniff.application === 'http2';
}

function mismatchFix(target: EndpointTarget, sniff: SniffResult): string {
  const port = target.port;
  const set = (protocol: string): string => settingAssignment(target.exportConfig.protocol.source, 'OTEL_EXPORTER_OTLP_PROTOCOL', protocol);
  if (target.protocol !== 'grpc' && sniff.application === 'grpc') {
    return `${port} speaks gRPC: set ${set('grpc')} or use ${port === 4317 ? 4318 : "the collector's OTLP/HTTP port (4318)"}`;
  }
  return `${port} speaks OTLP/HTTP: set ${set('http/protobuf')} or use ${port === 4318 ? 4317 : "the collector's gRPC port (4317)"}`;
}

function evaluate(target: EndpointTarget, sniff: SniffResult): Finding {
  const base = {
    target: target.origin,
    durationMs: sniff.durationMs,
    details: {
      transport: sniff.transport,
      application: sniff.application,
      alpn: sniff.alpn,
      evidence: sniff.evidence,
      configured: target.protocol,
    },
  };
  const where = hostPort(target.host, target.port);
  if (sniff.application === 'silent') {
    return finding({
      ...base,
      code: 'PROTOCOL_NO_ANSWER',
      status: 'fail',
      title: `${where} accepts connections but never answers`,
      message: sniff.evidence,
      hint: 'Something holds the port without serving OTLP: a hung collector, a port-forward or proxy with no backend, or the wrong service on this port. Restart it or check what listens there.',
    });
  }
  if (sniff.application === 'stalled') {
    return finding({
      ...base,
      code: 'PROTOCOL_NO_ANSWER',
      status: 'fail',
      title: `${where} takes the connection but does not answer a gRPC call in time`,
      message: sniff.evidence,
      hint: "The server is overloaded or stuck (or a proxy has no backend): check the collector's logs and health; raise --timeout to tell slow from stuck.",
    });
  }
  if (sniff.application === 'closed') {
    return finding({
      ...base,
      code: 'PROTOCOL_CONNECTION_CLOSED',
      status: 'fail',
      title: `${where} closes every connection`,
      message: sniff.evidence,
      hint: 'Check what listens on this port; a collector that is shutting down or a proxy without a backend does this.',
    });
  }
  if (sniff.application === 'unknown' || sniff.application === 'refused') {
    return finding({
      ...base,
      code: 'PROTOCOL_UNRECOGNISED',
      status: 'warn',
      title: `${where} speaks something unrecognised`,
      message: sniff.evidence,
      hint: 'Check what listens on this port (a proxy, another service): the collector serves OTLP/gRPC on 4317 and OTLP/HTTP on 4318.',
    });
  }
  const speaksTls = sniff.transport === 'tls';
  if (speaksTls !== target.tls) {
    return finding({
      ...base,
      code: 'PROTOCOL_SCHEME_MISMATCH',
      status: 'fail',
      title: speaksTls
        ? `${where} speaks TLS, the endpoint says ${target.origin.split(':')[0]}`
        : `${where} speaks plaintext, the endpoint says https`,
      message: speaksTls
        ? 'the exporter will send plaintext to a TLS port and the server will hang up'
        : 'the exporter will start a TLS handshake the server does not understand',
      hint: speaksTls
        ? `Use https://${where} (and OTEL_EXPORTER_OTLP_CERTIFICATE when the CA is private)`
        : `Use http://${where}${target.protocol === 'grpc' ? ' (or OTEL_EXPORTER_OTLP_INSECURE=true when the endpoint has no scheme)' : ''}`,
    });
  }
  const speaks = `${SPEAKS[sniff.application] ?? sniff.application}${speaksTls ? ' over TLS' : ''}`;
  if (!protocolFits(target, sniff)) {
    return finding({
      ...base,
      code: 'PROTOCOL_MISMATCH',
      status: 'fail',
      title: `${target.port} speaks ${speaks}, configured ${target.protocol}`,
      message: `the exporter will speak ${target.protocol} to a port that speaks ${speaks}: every export fails`,
      hint: mismatchFix(target, sniff),
    });
  }
  return finding({
    ...base,
    code: 'PROTOCOL_MATCH',
    status: 'pass',
    title: `${target.port} speaks ${speaks}, as configured (${target.protocol})`,
    message: sniff.evidence,
  });
}

/** The port could not be sniffed for a reason reachability reports; when --only/--skip left reachability out, that is a failure here. */
function blockedByReachability(context: DoctorContext, target: EndpointTarget, why: string): Finding {
  const where = hostPort(target.host, target.port);
  if (context.selected.has('reachability')) {
    return finding({
      code: 'PROTOCOL_SKIPPED',
      status: 'skip',
      title: `${where}: ${why}, protocol not checked`,
      message: 'see the reachability findings',
      target: target.origin,
    });
  }
  return finding({
    code: 'PROTOCOL_BLOCKED',
    status: 'fail',
    title: `${where}: ${why}, protocol not checked`,
    message: 'the reachability check (not run) finds why',
    hint: 'Run otel-proc doctor --only reachability,protocol to see why and how to fix it.',
    target: target.origin,
  });
}

export const protocolCheck: Check = {
  id: 'protocol',
  title: 'Protocol',
  async run(context: DoctorContext): Promise<Finding[]> {
    const findings: Finding[] = [];
    if (context.facts.targets.length === 0) {
      return [
        finding({
          code: 'PROTOCOL_NO_ENDPOINT',
          status: 'skip',
          title: 'no OTLP endpoint to check',
          message: 'no signal exports over OTLP to a usable URL (see the configuration findings)',
        }),
      ];
    }
    const sniffs = await Promise.all(context.facts.targets.map((target) => context.facts.sniff(target)));
    for (const [index, target] of context.facts.targets.entries()) {
      const sniff = sniffs[index];
      if (!sniff) {
        findings.push(blockedByReachability(context, target, 'not reachable'));
        continue;
      }
      const tls = (await context.facts.reach(target)).tls;
      if (sniff.application === 'unknown' && tls && tls.outcome !== 'ok') {
        // The TLS failure (a missing client certificate, say) kept the sniffer from talking: not a finding of its own.
        findings.push(blockedByReachability(context, target, 'TLS handshake fails'));
        continue;
      }
      findings.push(evaluate(target, sniff));
    }
    return findings;
  },
};
