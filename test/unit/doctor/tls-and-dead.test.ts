import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type ReceiverHandle } from '../../../src/receiver/index.js';
import { closedPort, startHungH2c, startSilent, startTls, type Peer } from '../net/peers.js';
import { generateCertificate, type TestCertificate } from '../net/tls-fixtures.js';
import { byCode, codes, doctor } from './helpers.js';

const SERVICE = { OTEL_SERVICE_NAME: 'doctor-test' };

describe('doctor against dead endpoints', () => {
  it('reports a closed port as refused, skips what depends on it, and exits 1', async () => {
    const port = await closedPort();
    const report = await doctor({ ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
    expect(codes(report, 'fail')).toEqual(['REACHABILITY_TCP_REFUSED']);
    expect(byCode(report, 'REACHABILITY_TCP_REFUSED')[0]!.hint).toContain('4317 for gRPC and 4318 for HTTP');
    expect(codes(report, 'skip')).toEqual(expect.arrayContaining(['PROTOCOL_SKIPPED', 'CANARY_SKIPPED', 'COLLECTOR_SKIPPED']));
    expect(report.exitCode).toBe(1);
  });

  it('reports a port that accepts connections but never answers, within the timeout', async () => {
    const silent: Peer = await startSilent();
    try {
      const report = await doctor({ ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${silent.port}` }, { timeoutMs: 600 });
      expect(codes(report, 'fail')).toEqual(['PROTOCOL_NO_ANSWER']);
      expect(byCode(report, 'CANARY_SKIPPED')).toHaveLength(3);
      // DNS, connect and sniff share one budget per endpoint: the sniff waited only what was left of it.
      const waited = Number(/within (\d+) ms/.exec(byCode(report, 'PROTOCOL_NO_ANSWER')[0]!.message)?.[1]);
      expect(waited).toBeGreaterThan(0);
      expect(waited).toBeLessThanOrEqual(600);
    } finally {
      await silent.close();
    }
  });

  it('reports a gRPC port that completes the HTTP/2 handshake and then hangs as not answering, and sends no canary into it', async () => {
    const hung: Peer = await startHungH2c();
    try {
      const report = await doctor(
        { ...SERVICE, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${hung.port}` },
        { timeoutMs: 600, only: ['reachability', 'protocol', 'canary'] },
      );
      expect(codes(report, 'fail')).toEqual(['PROTOCOL_NO_ANSWER']);
      expect(byCode(report, 'PROTOCOL_NO_ANSWER')[0]!.hint).toContain('raise --timeout to tell slow from stuck');
      expect(byCode(report, 'CANARY_SKIPPED')).toHaveLength(3);
    } finally {
      await hung.close();
    }
  });

  it('reports a port that speaks something else (an SSH banner) with a fix', async () => {
    const ssh = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.resume(); // read what the client sends, so its close is seen and the server can close
      socket.end('SSH-2.0-OpenSSH_9.6\r\n');
    });
    await new Promise<void>((resolve) => ssh.listen(0, '127.0.0.1', resolve));
    try {
      const port = (ssh.address() as AddressInfo).port;
      const report = await doctor({ ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` }, { only: ['protocol'] });
      const [unrecognised] = byCode(report, 'PROTOCOL_UNRECOGNISED');
      expect(unrecognised?.status).toBe('warn');
      expect(unrecognised?.hint).toContain('4317');
    } finally {
      await new Promise((resolve) => ssh.close(resolve));
    }
  });

  it('fails the canary it could not send when --only leaves out the check that says why', async () => {
    const port = await closedPort();
    const report = await doctor({ ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` }, { only: ['canary'] });
    expect(codes(report, 'fail')).toEqual(['CANARY_BLOCKED', 'CANARY_BLOCKED', 'CANARY_BLOCKED']);
    expect(byCode(report, 'CANARY_BLOCKED')[0]!.hint).toContain('--only reachability,canary');
    expect(report.exitCode).toBe(1);
    const protocolOnly = await doctor({ ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` }, { only: ['protocol'] });
    expect(codes(protocolOnly, 'fail')).toEqual(['PROTOCOL_BLOCKED']);
  });

  it('reports a host name that does not resolve', async () => {
    const report = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.invalid:4318' },
      { only: ['reachability'] },
    );
    expect(codes(report, 'fail')).toEqual(['REACHABILITY_DNS_NOT_FOUND']);
  });
});

describe('doctor against TLS receivers', () => {
  let valid: TestCertificate;
  let expired: TestCertificate;
  let receiver: ReceiverHandle | undefined;
  beforeAll(() => {
    valid = generateCertificate();
    expired = generateCertificate({ expired: true });
  });
  afterAll(() => {
    valid.dispose();
    expired.dispose();
  });
  afterEach(async () => {
    await receiver?.stop();
    receiver = undefined;
  });

  it('trusts a self-signed certificate given as CA and sends the canary over TLS (HTTP and gRPC)', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, tls: { cert: valid.cert, key: valid.key } });
    for (const [protocol, port] of [
      ['http/protobuf', receiver.ports.http],
      ['grpc', receiver.ports.grpc],
    ] as const) {
      const report = await doctor({
        ...SERVICE,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_EXPORTER_OTLP_ENDPOINT: `https://localhost:${port}`,
        OTEL_EXPORTER_OTLP_CERTIFICATE: valid.certPath,
      });
      expect(codes(report, 'fail')).toEqual([]);
      expect(byCode(report, 'REACHABILITY_TLS_OK')[0]!.details!.certificate).toMatchObject({ selfSigned: true });
      expect(byCode(report, 'CANARY_ACCEPTED')).toHaveLength(3);
      expect(byCode(report, 'PROTOCOL_MATCH')[0]!.details).toMatchObject({
        transport: 'tls',
        application: protocol === 'grpc' ? 'grpc' : 'http1',
      });
    }
  });

  it('reports a self-signed certificate with the variable to set', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, tls: { cert: valid.cert, key: valid.key } });
    const report = await doctor({ ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `https://localhost:${receiver.ports.http}` });
    const [selfSigned] = byCode(report, 'REACHABILITY_TLS_SELF_SIGNED');
    expect(selfSigned?.hint).toBe(
      'Set OTEL_EXPORTER_OTLP_CERTIFICATE=/path/to/ca.pem (the CA or the certificate itself) so the exporter trusts it.',
    );
    expect(byCode(report, 'CANARY_SKIPPED')[0]!.message).toContain('TLS handshake fails');
    expect(report.exitCode).toBe(1);
  });

  it('says the configured CA is the wrong one when a CA is set and the certificate is still untrusted', async () => {
    const other = generateCertificate({ commonName: 'other-ca' });
    try {
      receiver = await startReceiver({ grpcPort: 0, httpPort: 0, tls: { cert: valid.cert, key: valid.key } });
      const report = await doctor(
        {
          ...SERVICE,
          OTEL_EXPORTER_OTLP_ENDPOINT: `https://localhost:${receiver.ports.http}`,
          OTEL_EXPORTER_OTLP_CERTIFICATE: other.certPath,
        },
        { only: ['reachability'] },
      );
      const [selfSigned] = byCode(report, 'REACHABILITY_TLS_SELF_SIGNED');
      expect(selfSigned?.hint).toBe(
        `The CA in ${other.certPath} (from OTEL_EXPORTER_OTLP_CERTIFICATE) did not sign this certificate: point it at the CA that issued the server's certificate (or the certificate itself).`,
      );
    } finally {
      other.dispose();
    }
  });

  it('reports an expired certificate even when its CA is trusted', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, tls: { cert: expired.cert, key: expired.key } });
    const report = await doctor({
      ...SERVICE,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_ENDPOINT: `https://localhost:${receiver.ports.grpc}`,
      OTEL_EXPORTER_OTLP_CERTIFICATE: expired.certPath,
    });
    const [finding] = byCode(report, 'REACHABILITY_TLS_EXPIRED');
    expect(finding?.title).toMatch(/^TLS: certificate expired \d+ days ago$/);
    expect(finding?.hint).toContain('Renew');
    expect(report.exitCode).toBe(1);
  });

  it('reports plaintext sent to a TLS port as a scheme mismatch', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, tls: { cert: valid.cert, key: valid.key } });
    const report = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `http://localhost:${receiver.ports.http}` },
      { only: ['protocol', 'canary'] },
    );
    const [mismatch] = byCode(report, 'PROTOCOL_SCHEME_MISMATCH');
    expect(mismatch?.hint).toContain(`Use https://localhost:${receiver.ports.http}`);
    expect(codes(report, 'skip')).toEqual(['CANARY_SKIPPED', 'CANARY_SKIPPED', 'CANARY_SKIPPED']);
  });

  it('reports TLS sent to a plaintext port', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    const report = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `https://localhost:${receiver.ports.http}` },
      { only: ['reachability'] },
    );
    const [notTls] = byCode(report, 'REACHABILITY_TLS_SERVER_NOT_TLS');
    expect(notTls?.hint).toContain('Use http:// instead of https://');
    // Plain words, not OpenSSL's error string with its source file and trailing newline.
    expect(notTls?.message).toMatch(/^the server answered the TLS handshake with something that is not TLS/);
    expect(notTls?.message).not.toMatch(/ssl3_record\.c|\n/);
  });

  it('reports a missing client certificate for an mTLS receiver', async () => {
    receiver = await startReceiver({
      grpcPort: 0,
      httpPort: 0,
      tls: { cert: valid.cert, key: valid.key, ca: valid.cert, requireClientCertificate: true },
    });
    const base = {
      ...SERVICE,
      OTEL_EXPORTER_OTLP_ENDPOINT: `https://localhost:${receiver.ports.http}`,
      OTEL_EXPORTER_OTLP_CERTIFICATE: valid.certPath,
    };
    const without = await doctor(base, { only: ['reachability', 'canary'] });
    expect(byCode(without, 'REACHABILITY_TLS_CLIENT_CERTIFICATE_REQUIRED')[0]?.hint).toContain('OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE');
    const withCert = await doctor(
      { ...base, OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: valid.certPath, OTEL_EXPORTER_OTLP_CLIENT_KEY: valid.keyPath },
      { only: ['reachability', 'canary'] },
    );
    expect(codes(withCert, 'fail')).toEqual([]);
    expect(byCode(withCert, 'CANARY_ACCEPTED')).toHaveLength(3);
  });

  it('sniffs an mTLS gRPC port with the client certificate and passes cleanly', async () => {
    receiver = await startReceiver({
      grpcPort: 0,
      httpPort: false,
      tls: { cert: valid.cert, key: valid.key, ca: valid.cert, requireClientCertificate: true },
    });
    const report = await doctor(
      {
        ...SERVICE,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_ENDPOINT: `https://localhost:${receiver.ports.grpc}`,
        OTEL_EXPORTER_OTLP_CERTIFICATE: valid.certPath,
        OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: valid.certPath,
        OTEL_EXPORTER_OTLP_CLIENT_KEY: valid.keyPath,
      },
      { only: ['reachability', 'protocol', 'canary'] },
    );
    expect(codes(report, 'fail').concat(codes(report, 'warn'))).toEqual([]);
    expect(byCode(report, 'PROTOCOL_MATCH')[0]!.details).toMatchObject({ transport: 'tls', application: 'grpc' });
    expect(byCode(report, 'CANARY_ACCEPTED')).toHaveLength(3);
  });

  it('fails an mTLS gRPC port without a client certificate once, in reachability, without a protocol warning on top', async () => {
    receiver = await startReceiver({
      grpcPort: 0,
      httpPort: false,
      tls: { cert: valid.cert, key: valid.key, ca: valid.cert, requireClientCertificate: true },
    });
    const report = await doctor(
      {
        ...SERVICE,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_ENDPOINT: `https://localhost:${receiver.ports.grpc}`,
        OTEL_EXPORTER_OTLP_CERTIFICATE: valid.certPath,
      },
      { only: ['reachability', 'protocol', 'canary'] },
    );
    expect(codes(report, 'fail').concat(codes(report, 'warn'))).toEqual(['REACHABILITY_TLS_CLIENT_CERTIFICATE_REQUIRED']);
    expect(byCode(report, 'REACHABILITY_TLS_CLIENT_CERTIFICATE_REQUIRED')[0]!.message).toMatch(
      /^the server rejected the handshake for lack of a client certificate/,
    );
    expect(byCode(report, 'REACHABILITY_TLS_CLIENT_CERTIFICATE_REQUIRED')[0]!.message).not.toMatch(/rec_layer|\n/);
    expect(codes(report, 'skip')).toEqual(['PROTOCOL_SKIPPED', 'CANARY_SKIPPED', 'CANARY_SKIPPED', 'CANARY_SKIPPED']);
  });

  it('warns about a certificate that expires within two weeks', async () => {
    const soon = generateCertificate({ days: 5 });
    try {
      receiver = await startReceiver({ grpcPort: false, httpPort: 0, tls: { cert: soon.cert, key: soon.key } });
      const report = await doctor(
        {
          ...SERVICE,
          OTEL_EXPORTER_OTLP_ENDPOINT: `https://localhost:${receiver.ports.http}`,
          OTEL_EXPORTER_OTLP_CERTIFICATE: soon.certPath,
        },
        { only: ['reachability'] },
      );
      expect(codes(report, 'warn')).toEqual(['REACHABILITY_TLS_EXPIRING_SOON']);
      expect(report.exitCode).toBe(0);
    } finally {
      soon.dispose();
    }
  });

  it('fails a gRPC endpoint whose TLS server does not offer h2', async () => {
    const peer = await startTls({ cert: valid.cert, key: valid.key, ALPNProtocols: ['http/1.1'] });
    try {
      const report = await doctor(
        {
          ...SERVICE,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
          OTEL_EXPORTER_OTLP_ENDPOINT: `https://localhost:${peer.port}`,
          OTEL_EXPORTER_OTLP_CERTIFICATE: valid.certPath,
        },
        { only: ['reachability'] },
      );
      expect(byCode(report, 'REACHABILITY_TLS_NO_H2')[0]!.hint).toContain('gRPC port (4317)');
      expect(report.exitCode).toBe(1);
    } finally {
      await peer.close();
    }
  });
});

describe('doctor with one endpoint per signal', () => {
  it('probes each distinct endpoint once and reports each signal where it goes', async () => {
    const silent = await startSilent();
    const refused = await closedPort();
    try {
      const report = await doctor(
        {
          ...SERVICE,
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${silent.port}/v1/traces`,
          OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `http://127.0.0.1:${refused}/v1/metrics`,
          OTEL_LOGS_EXPORTER: 'none',
        },
        { only: ['reachability', 'protocol', 'canary'], timeoutMs: 500 },
      );
      expect(codes(report, 'fail')).toEqual(['REACHABILITY_TCP_REFUSED', 'PROTOCOL_NO_ANSWER']);
      expect(byCode(report, 'REACHABILITY_TCP_REFUSED')[0]!.target).toBe(`http://127.0.0.1:${refused}`);
      expect(byCode(report, 'CANARY_SKIPPED').map((f) => f.target)).toEqual(['traces', 'metrics']);
    } finally {
      await silent.close();
    }
  });
});
