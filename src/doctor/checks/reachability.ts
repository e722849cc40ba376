/**
 * Reachability of each endpoint: DNS, TCP (refused, timeout and unreachable told apart, since each
 * has its own fix), and for https endpoints the TLS handshake: trusted chain, host name, expiry,
 * ALPN h2 for gRPC, client certificate. Each step is bounded by the endpoint's --timeout budget.
 */
import type { Check, DoctorContext, Finding } from '../types.js';
import { settingName, type EndpointTarget } from '../endpoints.js';
import type { Reachability } from '../facts.js';
import type { TlsResult } from '../../net/tls.js';
import { describeSource } from '../../config/diagnostics.js';
import { codeOf, finding, hostPort } from './finding.js';

const EXPIRY_WARNING_DAYS = 14;
const H2_FIX =
  "Point the gRPC exporter at the collector's gRPC port (4317), or terminate TLS on a proxy that supports HTTP/2 (h2) to the client.";

export function dnsFinding(target: EndpointTarget, reach: Reachability): Finding {
  const { dns } = reach;
  const base = { target: target.origin, durationMs: dns.durationMs };
  if (dns.addresses.length > 0) {
    const list = dns.addresses.map((a) => a.address).join(', ');
    return finding({
      ...base,
      code: 'REACHABILITY_DNS_RESOLVED',
      status: 'pass',
      title: `DNS ${target.host} → ${list}`,
      message: dns.outcome === 'literal' ? 'an IP address: no lookup needed' : `resolved to ${list}`,
    });
  }
  if (dns.outcome === 'timeout') {
    return finding({
      ...base,
      code: 'REACHABILITY_DNS_TIMEOUT',
      status: 'fail',
      title: `DNS lookup of ${target.host} timed out`,
      message: `no answer from the resolver within the timeout`,
      hint: 'Check /etc/resolv.conf and the network; try an IP address in the endpoint to rule DNS out.',
    });
  }
  if (dns.outcome === 'temporary-failure' || dns.outcome === 'error') {
    // EAI_AGAIN: the resolver itself did not answer; the name may well exist.
    return finding({
      ...base,
      code: dns.outcome === 'error' ? 'REACHABILITY_DNS_ERROR' : 'REACHABILITY_DNS_TEMPORARY_FAILURE',
      status: 'fail',
      title: `DNS lookup of ${target.host} failed`,
      message: `${dns.errorCode ?? dns.outcome}: the resolver could not answer${dns.outcome === 'error' ? '' : ' (no DNS server reachable, or it failed)'}`,
      hint: "Check the DNS servers in /etc/resolv.conf (or the container's DNS) and the network; try an IP address in the endpoint to rule DNS out.",
    });
  }
  return finding({
    ...base,
    code: 'REACHABILITY_DNS_NOT_FOUND',
    status: 'fail',
    title: `DNS: ${target.host} does not resolve`,
    message: `${dns.errorCode ?? dns.outcome}: the host name in the endpoint is unknown here`,
    hint: `Check the host in ${settingName(target.exportConfig.endpoint.source, 'the endpoint')}; inside a container use the collector's service name (e.g. otel-collector), not localhost.`,
  });
}

function tcpFinding(target: EndpointTarget, reach: Reachability): Finding | undefined {
  const { tcp } = reach;
  if (!tcp) return undefined;
  const where = hostPort(target.host, target.port);
  const base = {
    target: target.origin,
    durationMs: tcp.durationMs,
    details: { address: tcp.address, port: tcp.port, errorCode: tcp.errorCode },
  };
  switch (tcp.outcome) {
    case 'connected':
      return finding({
        ...base,
        code: 'REACHABILITY_TCP_CONNECTED',
        status: 'pass',
        title: `TCP connect to ${where}`,
        message: `connected to ${hostPort(tcp.address, tcp.port)}`,
      });
    case 'refused':
      return finding({
        ...base,
        code: 'REACHABILITY_TCP_REFUSED',
        status: 'fail',
        title: `TCP connect to ${where} refused`,
        message: `nothing is listening on ${hostPort(tcp.address, tcp.port)}`,
        hint: `Start the collector (docker compose -f docker-compose.telemetry.yml up -d) or fix the port: OTLP uses 4317 for gRPC and 4318 for HTTP.`,
      });
    case 'timeout':
      return finding({
        ...base,
        code: 'REACHABILITY_TCP_TIMEOUT',
        status: 'fail',
        title: `TCP connect to ${where} timed out`,
        message: `no answer to the connection attempt: a firewall or security group drops the packets, or the host is down`,
        hint: `Open ${target.port}/tcp between this machine and ${target.host} (firewall, security group, Kubernetes NetworkPolicy), or check the host is up.`,
      });
    case 'unreachable':
      return finding({
        ...base,
        code: 'REACHABILITY_TCP_UNREACHABLE',
        status: 'fail',
        title: `${where} is unreachable`,
        message: `${tcp.errorCode}: no route to the host`,
        hint: 'Check the address, the VPN and the routing between this machine and the collector.',
      });
    default:
      return finding({
        ...base,
        code: 'REACHABILITY_TCP_ERROR',
        status: 'fail',
        title: `TCP connect to ${where} failed`,
        message: tcp.errorMessage ?? tcp.outcome,
        hint: 'Check the host and port in the endpoint and the network between this machine and the collector.',
      });
  }
}

function tlsFindings(target: EndpointTarget, reach: Reachability): Finding[] {
  const tls = reach.tls;
  if (reach.tlsMaterialError) {
    return [
      finding({
        code: 'REACHABILITY_TLS_MATERIAL_UNREADABLE',
        status: 'fail',
        title: 'TLS files cannot be read',
        message: reach.tlsMaterialError,
        hint: 'Point OTEL_EXPORTER_OTLP_CERTIFICATE / CLIENT_CERTIFICATE / CLIENT_KEY at readable PEM files.',
        target: target.origin,
      }),
    ];
  }
  if (!tls) return [];
  const certificate = tls.certificate;
  const base = {
    target: target.origin,
    durationMs: tls.durationMs,
    details: { protocol: tls.protocol, alpn: tls.alpn, certificate, errorCode: tls.errorCode },
  };
  const caVar = 'OTEL_EXPORTER_OTLP_CERTIFICATE';
  const fail = (code: string, title: string, message: string, hint: string): Finding[] => [
    finding({ ...base, code: codeOf('reachability', 'tls', code), status: 'fail', title, message, hint }),
  ];
  // A CA is configured and still does not sign this certificate: setting it again is not the fix.
  const ca = target.exportConfig.certificateFile;
  const wrongCa = ca?.value
    ? `The CA in ${ca.value} (from ${describeSource(ca.source)}) did not sign this certificate: point it at the CA that issued the server's certificate (or the certificate itself).`
    : undefined;
  switch (tls.outcome) {
    case 'self-signed':
      return fail(
        'self-signed',
        'TLS: self-signed certificate',
        `the server presents a self-signed certificate (${certificate?.subject ?? 'unknown subject'}) that is not trusted`,
        wrongCa ?? `Set ${caVar}=/path/to/ca.pem (the CA or the certificate itself) so the exporter trusts it.`,
      );
    case 'untrusted':
      return fail(
        'untrusted',
        'TLS: certificate chain not trusted',
        `${tls.errorCode}: the chain does not lead to a trusted CA (issuer ${certificate?.issuer ?? '?'})`,
        wrongCa
          ? `${wrongCa} Or have the server send its intermediate certificates.`
          : `Set ${caVar}=/path/to/ca.pem with the issuing CA, or have the server send its intermediate certificates.`,
      );
    case 'expired':
      return fail(
        'expired',
        `TLS: certificate expired ${certificate ? `${-certificate.daysToExpiry} days ago` : ''}`.trim(),
        `the certificate was valid until ${certificate?.validTo ?? '?'}`,
        "Renew the collector's certificate.",
      );
    case 'not-yet-valid':
      return fail(
        'not-yet-valid',
        'TLS: certificate not yet valid',
        `valid from ${certificate?.validFrom ?? '?'}: check the clocks of both machines`,
        'Fix the clock (NTP) or the certificate dates.',
      );
    case 'hostname-mismatch':
      return fail(
        'hostname-mismatch',
        `TLS: certificate does not name ${target.host}`,
        `the certificate is for ${certificate?.subjectAltNames.join(', ') || certificate?.subject || '?'}`,
        `Use a host name the certificate lists in the endpoint, or reissue the certificate with ${target.host} in subjectAltName.`,
      );
    case 'client-certificate-required':
      return fail(
        'client-certificate-required',
        'TLS: the server requires a client certificate',
        `the server rejected the handshake for lack of a client certificate${opensslReason(tls.errorMessage)}`,
        'Set OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE and OTEL_EXPORTER_OTLP_CLIENT_KEY (PEM files) for mTLS.',
      );
    case 'alpn-mismatch':
      return fail(
        'no-h2',
        'TLS: the server does not offer HTTP/2 (ALPN h2)',
        'the server refused the handshake: it supports none of the offered application protocols (gRPC needs h2)',
        H2_FIX,
      );
    case 'not-tls':
      return fail(
        'server-not-tls',
        `TLS: ${hostPort(target.host, target.port)} does not speak TLS`,
        notTlsMessage(tls.errorMessage),
        `Use http:// instead of https:// in the endpoint${target.protocol === 'grpc' ? ' (or set OTEL_EXPORTER_OTLP_INSECURE=true when the endpoint has no scheme)' : ''}.`,
      );
    case 'timeout':
      return fail(
        'timeout',
        'TLS handshake timed out',
        tls.errorMessage ?? 'no handshake within the timeout',
        'Check that the port really serves TLS and that nothing in between holds the connection.',
      );
    case 'ok':
      return okFindings(target, tls);
    default:
      return fail(
        'error',
        'TLS handshake failed',
        tls.errorMessage ?? tls.outcome,
        "Run `openssl s_client -connect host:port` to see the server's side.",
      );
  }
}

/** The reason inside OpenSSL's "80CC...:error:0A00045C:SSL routines:<function>:<reason>:<file>:<line>:..." message. */
function opensslReason(errorMessage: string | undefined): string {
  const reason = /:SSL routines:[^:]*:([^:]+):/.exec(errorMessage ?? '')?.[1];
  return reason ? ` (OpenSSL: ${reason})` : errorMessage ? ` (${errorMessage.trim()})` : '';
}

/** OpenSSL's "80CC...:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:<file>:350:" in plain words. */
function notTlsMessage(errorMessage: string | undefined): string {
  const reason = /wrong version number|packet length too long|unknown protocol|http request|record layer failure/i.exec(
    errorMessage ?? '',
  )?.[0];
  return `the server answered the TLS handshake with something that is not TLS${reason ? ` (OpenSSL: ${reason})` : errorMessage ? ` (${errorMessage.trim()})` : ''}: it serves plaintext on this port`;
}

function okFindings(target: EndpointTarget, tls: TlsResult): Finding[] {
  const base = { target: target.origin, details: { protocol: tls.protocol, alpn: tls.alpn, certificate: tls.certificate } };
  const days = tls.certificate?.daysToExpiry;
  const findings: Finding[] = [
    finding({
      ...base,
      durationMs: tls.durationMs,
      code: 'REACHABILITY_TLS_OK',
      status: 'pass',
      title: `TLS ${tls.protocol ?? ''}, certificate trusted${days !== undefined ? `, expires in ${days} days` : ''}`,
      message: `subject ${tls.certificate?.subject ?? '?'}, issuer ${tls.certificate?.issuer ?? '?'}`,
    }),
  ];
  if (days !== undefined && days < EXPIRY_WARNING_DAYS) {
    findings.push(
      finding({
        ...base,
        code: 'REACHABILITY_TLS_EXPIRING_SOON',
        status: 'warn',
        title: `TLS certificate expires in ${days} days`,
        message: `valid until ${tls.certificate?.validTo}`,
        hint: "Renew the collector's certificate before it expires.",
      }),
    );
  }
  if (target.protocol === 'grpc' && tls.alpn !== 'h2') {
    findings.push(
      finding({
        ...base,
        code: 'REACHABILITY_TLS_NO_H2',
        status: 'fail',
        title: 'TLS: the server does not offer HTTP/2 (ALPN h2)',
        message: `ALPN negotiated ${tls.alpn || 'nothing'}; gRPC needs h2`,
        hint: H2_FIX,
      }),
    );
  }
  return findings;
}

/** Nothing to probe: every signal is off, or the endpoint is not a URL (see configuration). */
export function noTarget(): Finding {
  return finding({
    code: 'REACHABILITY_NO_ENDPOINT',
    status: 'skip',
    title: 'no OTLP endpoint to probe',
    message: 'no signal exports over OTLP to a usable URL (see the configuration findings)',
  });
}

export const reachabilityCheck: Check = {
  id: 'reachability',
  title: 'Reachability',
  async run(context: DoctorContext): Promise<Finding[]> {
    const findings: Finding[] = [];
    if (context.facts.targets.length === 0) return [noTarget()];
    // Distinct endpoints are probed in parallel, so two dead ones still cost one timeout.
    const reaches = await Promise.all(context.facts.targets.map((target) => context.facts.reach(target)));
    for (const [index, target] of context.facts.targets.entries()) {
      const reach = reaches[index]!;
      findings.push(dnsFinding(target, reach));
      const tcp = tcpFinding(target, reach);
      if (tcp) findings.push(tcp);
      findings.push(...tlsFindings(target, reach));
    }
    return findings;
  },
};
