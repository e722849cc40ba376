/**
 * The TLS handshake the exporter will do, taken apart: is the chain trusted, does the certificate
 * name the host, how many days until it expires, does the server agree on h2 (gRPC needs it, RFC
 * 7540 §3.3 via ALPN), and does it demand a client certificate we do not send.
 */
import { checkServerIdentity, connect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { classifyConnectError } from './tcp.js';
import { errorCode, stopwatch } from './timing.js';

export interface TlsProbeOptions {
  host: string;
  /** Address to connect to (already resolved); the host name is still used for SNI and verification. */
  address?: string;
  port: number;
  timeoutMs: number;
  /** PEM contents, not paths. */
  ca?: string;
  cert?: string;
  key?: string;
  alpn?: string[];
  signal?: AbortSignal;
  /** How long to wait after the handshake for a late alert (TLS 1.3 reports a missing client certificate then). */
  settleMs?: number;
}

export type TlsOutcome =
  | 'ok'
  | 'untrusted'
  | 'self-signed'
  | 'expired'
  | 'not-yet-valid'
  | 'hostname-mismatch'
  | 'client-certificate-required'
  | 'alpn-mismatch'
  | 'not-tls'
  | 'refused'
  | 'timeout'
  | 'error';

export interface CertificateSummary {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  daysToExpiry: number;
  subjectAltNames: string[];
  selfSigned: boolean;
  fingerprint256: string;
}

export interface TlsResult {
  outcome: TlsOutcome;
  protocol?: string;
  alpn?: string | false;
  certificate?: CertificateSummary;
  errorCode?: string;
  errorMessage?: string;
  durationMs: number;
}

const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Maps OpenSSL and Node verification codes to the outcome a user can act on. */
export function classifyTlsError(code: string | undefined, message: string): TlsOutcome {
  if (code === 'CERT_HAS_EXPIRED') return 'expired';
  if (code === 'CERT_NOT_YET_VALID') return 'not-yet-valid';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'hostname-mismatch';
  if (code !== undefined && SELF_SIGNED.has(code)) return 'self-signed';
  if (code !== undefined && UNTRUSTED.has(code)) return 'untrusted';
  if (classifyConnectError(code) === 'refused') return 'refused';
  if (
    /CERTIFICATE_REQUIRED|certificate required|BAD_CERTIFICATE|HANDSHAKE_FAILURE|peer did not return a certificate/i.test(
      `${code ?? ''} ${message}`,
    )
  ) {
    return 'client-certificate-required';
  }
  // TLS alert 120 (RFC 7301 §3.2): the server supports none of the protocols we offered.
  if (/no application protocol/i.test(message)) return 'alpn-mismatch';
  // A plaintext server answering a ClientHello: OpenSSL sees a record that is not TLS.
  if (/wrong version number|packet length too long|unknown protocol|http request|record layer failure/i.test(message)) return 'not-tls';
  if (code === 'ECONNRESET' || /socket disconnected before secure TLS connection/i.test(message)) return 'not-tls';
  return 'error';
}

export function summarizeCertificate(cert: PeerCertificate, now = Date.now()): CertificateSummary {
  const validTo = new Date(cert.valid_to);
  const name = (entry: PeerCertificate['subject'] | undefined): string =>
    entry
      ? Object.entries(entry)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
          .join(', ')
      : '';
  return {
    subject: name(cert.subject),
    issuer: name(cert.issuer),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    daysToExpiry: Math.floor((validTo.getTime() - now) / 86_400_000),
    subjectAltNames: (cert.subjectaltname ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    selfSigned: name(cert.subject) === name(cert.issuer),
    fingerprint256: cert.fingerprint256,
  };
}

export function probeTls(options: TlsProbeOptions): Promise<TlsResult> {
  const elapsed = stopwatch();
  const settleMs = options.settleMs ?? Math.min(250, options.timeoutMs);
  return new Promise((resolve) => {
    let settled = false;
    let socket: TLSSocket | undefined;
    let certificate: CertificateSummary | undefined;
    let settleTimer: NodeJS.Timeout | undefined;
    let afterHandshake: Omit<TlsResult, 'durationMs'> | undefined;
    const finish = (result: Omit<TlsResult, 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(settleTimer);
      options.signal?.removeEventListener('abort', onAbort);
      socket?.destroy();
      resolve({ ...result, certificate: result.certificate ?? certificate, durationMs: elapsed() });
    };
    const timer = setTimeout(
      () => finish({ outcome: 'timeout', errorMessage: `no TLS handshake within ${options.timeoutMs} ms` }),
      options.timeoutMs,
    );
    const onAbort = (): void => finish({ outcome: 'error', errorMessage: 'interrupted' });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket = connect({
      host: options.address ?? options.host,
      port: options.port,
      servername: /^[\d.]+$|:/.test(options.host) ? undefined : options.host,
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      ALPNProtocols: options.alpn,
      // Verify ourselves after the handshake so we can still report the certificate we were shown.
      rejectUnauthorized: false,
    });
    socket.once('secureConnect', () => {
      const peer = socket!.getPeerCertificate();
      if (peer && Object.keys(peer).length > 0) certificate = summarizeCertificate(peer);
      const base = { protocol: socket!.getProtocol() ?? undefined, alpn: socket!.alpnProtocol ?? false, certificate };
      if (!socket!.authorized) {
        const err = socket!.authorizationError as unknown as Error & { code?: string };
        const code = typeof err === 'string' ? err : (errorCode(err) ?? String(err));
        return finish({
          ...base,
          outcome: classifyTlsError(code, String(err)),
          errorCode: code,
          errorMessage: String(err?.message ?? err),
        });
      }
      // checkServerIdentity is skipped when rejectUnauthorized is false: run it explicitly.
      const identityError = socket!.authorized && peer ? checkIdentity(options.host, peer) : undefined;
      if (identityError)
        return finish({ ...base, outcome: 'hostname-mismatch', errorCode: errorCode(identityError), errorMessage: identityError.message });
      // TLS 1.3 servers reject a missing client certificate after the client considers the handshake done.
      afterHandshake = { ...base, outcome: 'ok' };
      settleTimer = setTimeout(() => finish(afterHandshake!), settleMs);
    });
    socket.once('error', (error) => {
      const code = errorCode(error);
      finish({ outcome: classifyTlsError(code, error.message), errorCode: code, errorMessage: error.message });
    });
    socket.once('close', () =>
      finish(afterHandshake ?? { outcome: 'not-tls', errorMessage: 'the server closed the connection during the TLS handshake' }),
    );
  });
}

function checkIdentity(host: string, peer: PeerCertificate): Error | undefined {
  return checkServerIdentity(host.replace(/^\[(.*)\]$/, '$1'), peer);
}
