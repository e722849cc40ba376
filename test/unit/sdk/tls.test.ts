/**
 * TLS files for the exporters are checked before anything is sent: a file that is not a PEM
 * certificate or key, or a key that does not belong to its certificate, is a configuration error
 * naming the setting, not a handshake failure inside an export.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors.js';
import type { SignalExportConfig } from '../../../src/config/types.js';
import { readTlsMaterial } from '../../../src/sdk/tls.js';
import { effectiveConfig } from './config-fixture.js';

const file = (name: string): string => fileURLToPath(new URL(`../../../fixtures/receiver/tls/${name}`, import.meta.url));
const flag = (path: string, name: string) => ({ value: path, source: { kind: 'flag' as const, flag: name } });

function traces(files: { ca?: string; key?: string; cert?: string }): SignalExportConfig {
  const signal = effectiveConfig({ endpoint: 'https://collector:4318' }).traces;
  return {
    ...signal,
    ...(files.ca ? { certificateFile: flag(files.ca, '--certificate') } : {}),
    ...(files.key ? { clientKeyFile: flag(files.key, '--client-key') } : {}),
    ...(files.cert ? { clientCertificateFile: flag(files.cert, '--client-certificate') } : {}),
  };
}

describe('readTlsMaterial', () => {
  it('reads a CA and a matching client pair', () => {
    const material = readTlsMaterial(traces({ ca: file('ca.crt'), key: file('client.key'), cert: file('client.crt') }));
    expect(material.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(material.key).toBeDefined();
  });

  it.each([
    [{ ca: file('README.md') }, /the CA certificate .*README\.md \(from --certificate\) is not a PEM certificate/],
    [
      { key: file('client.key'), cert: file('client.key') },
      /the client certificate .*client\.key \(from --client-certificate\) is not a PEM certificate/,
    ],
    [{ key: file('client.crt'), cert: file('client.crt') }, /the client key .*client\.crt \(from --client-key\) is not a PEM private key/],
    [
      { key: file('server.key'), cert: file('client.crt') },
      /the client key .*server\.key does not belong to the client certificate .*client\.crt/,
    ],
  ])('refuses %j naming the setting', (files, message) => {
    expect(() => readTlsMaterial(traces(files))).toThrow(ConfigurationError);
    expect(() => readTlsMaterial(traces(files))).toThrow(message);
  });
});
