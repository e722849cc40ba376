import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { resolveReceiveSettings } from '../../../src/receiver/receive-options.js';

const TLS = new URL('../../../fixtures/receiver/tls/', import.meta.url).pathname;

describe('receive options', () => {
  it('defaults to the OTLP ports on loopback, no faults', () => {
    expect(resolveReceiveSettings({})).toEqual({
      receiver: {
        host: '127.0.0.1',
        grpcPort: 4317,
        httpPort: 4318,
        countOnly: false,
        faults: undefined,
        requireHeader: undefined,
        tls: undefined,
        maxBodyBytes: undefined,
      },
      json: false,
    });
  });

  it('turns fault flags into fault options', () => {
    const settings = resolveReceiveSettings({
      rejectRatio: '25%',
      failWith: '429',
      retryAfter: '3s',
      partialSuccess: '2',
      delay: '50ms',
      failFirst: '1',
    });
    expect(settings.receiver.faults).toEqual({
      rejectRatio: 0.25,
      failWith: '429',
      retryAfterSeconds: 3,
      partialSuccess: 2,
      delayMs: 50,
      failFirst: 1,
    });
  });

  it('parses a required header written as name=value or name: value, lowercasing the name', () => {
    expect(resolveReceiveSettings({ requireHeader: 'Authorization=Bearer a=b' }).receiver.requireHeader).toEqual({
      name: 'authorization',
      value: 'Bearer a=b',
    });
    expect(resolveReceiveSettings({ requireHeader: 'X-Api-Key: k1' }).receiver.requireHeader).toEqual({ name: 'x-api-key', value: 'k1' });
    expect(() => resolveReceiveSettings({ requireHeader: 'novalue=' })).toThrow(UsageError);
  });

  it('reads TLS files, and a CA means mutual TLS', () => {
    const tls = resolveReceiveSettings({ tlsCert: `${TLS}server.crt`, tlsKey: `${TLS}server.key`, tlsCa: `${TLS}ca.crt` }).receiver.tls!;
    expect(tls.cert).toContain('BEGIN CERTIFICATE');
    expect(tls.requireClientCertificate).toBe(true);
    expect(() => resolveReceiveSettings({ tlsCert: `${TLS}missing.crt`, tlsKey: `${TLS}server.key` })).toThrow(/cannot read --tls-cert/);
    // Unusable files are named by their flag, not reported later as a listener that cannot start.
    expect(() => resolveReceiveSettings({ tlsCert: `${TLS}server.crt`, tlsKey: `${TLS}client.key` })).toThrow(
      /--tls-key .*client\.key does not belong to the --tls-cert certificate/,
    );
    expect(() => resolveReceiveSettings({ tlsCert: `${TLS}server.key`, tlsKey: `${TLS}server.key` })).toThrow(
      /--tls-cert .*server\.key is not a PEM certificate/,
    );
    expect(() => resolveReceiveSettings({ tlsCert: `${TLS}server.crt`, tlsKey: `${TLS}server.crt` })).toThrow(
      /--tls-key .*server\.crt is not a PEM private key/,
    );
    expect(() => resolveReceiveSettings({ tlsCert: `${TLS}server.crt`, tlsKey: `${TLS}server.key`, tlsCa: `${TLS}README.md` })).toThrow(
      /--tls-ca .*README\.md is not a PEM certificate/,
    );
  });

  it('disables a listener with --no-grpc / --no-http', () => {
    expect(resolveReceiveSettings({ grpc: false }).receiver.grpcPort).toBe(false);
    expect(resolveReceiveSettings({ http: false, httpPort: '9999' }).receiver.httpPort).toBe(false);
  });

  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['250ms', 250],
    ['1.5s', 1_500],
    ['596h', 2_145_600_000],
  ])('parses the duration %s', (text, milliseconds) => {
    expect(resolveReceiveSettings({ duration: text }).durationMs).toBe(milliseconds);
  });

  // 1000h does not fit a Node timer, which then fired at once and ended the session immediately.
  it.each(['0s', '-1s', '5 minutes', '', '1000h', '2'])('rejects the duration "%s"', (text) => {
    expect(() => resolveReceiveSettings({ duration: text })).toThrow(UsageError);
    expect(() => resolveReceiveSettings({ duration: text })).toThrow(/^--duration /);
  });

  it('reads sizes and whole-second Retry-After values', () => {
    expect(resolveReceiveSettings({ maxBodyBytes: '4MiB' }).receiver.maxBodyBytes).toBe(4 * 2 ** 20);
    expect(resolveReceiveSettings({ retryAfter: '0' }).receiver.faults).toEqual({ retryAfterSeconds: 0 });
    expect(() => resolveReceiveSettings({ retryAfter: '2' })).toThrow(/--retry-after 2: a duration needs a unit/);
    expect(() => resolveReceiveSettings({ retryAfter: '1500ms' })).toThrow(/whole seconds/);
    expect(() => resolveReceiveSettings({ delay: '200' })).toThrow(/--delay 200: a duration needs a unit: 200s or 200ms/);
  });

  it.each([
    { maxItems: '0' },
    { partialSuccess: '-1' },
    { delay: '1.5' },
    { httpPort: '65536' },
    { rejectRatio: 'half' },
    { rejectRatio: '' },
    { rejectRatio: '0x1' },
  ])('rejects %j', (flags) => {
    expect(() => resolveReceiveSettings(flags)).toThrow(UsageError);
  });
});
