/**
 * TLS material for the OTLP exporters: the CA bundle (OTEL_EXPORTER_OTLP_CERTIFICATE) and the
 * client key and certificate for mTLS (…_CLIENT_KEY / …_CLIENT_CERTIFICATE, spec "OTLP Exporter
 * Configuration"). Files are read once here so a missing file is a clear configuration error
 * before anything is sent, instead of a TLS failure deep inside an export.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { SignalExportConfig, Sourced, ValueSource } from '../config/types.js';
import { ConfigurationError, fileErrorReason } from '../errors.js';

export interface TlsMaterial {
  ca?: Buffer;
  key?: Buffer;
  cert?: Buffer;
}

function describeSource(source: ValueSource): string {
  switch (source.kind) {
    case 'flag':
      return source.flag;
    case 'env':
      return source.name;
    case 'file':
      return `${source.path} (${source.key})`;
    default:
      return 'default';
  }
}

function readPem(file: Sourced<string> | undefined, what: string): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file.value);
  } catch (error) {
    throw new ConfigurationError(
      `cannot read the ${what} ${file.value} (from ${describeSource(file.source)}): ${fileErrorReason(error, { words: { ENOENT: 'file not found' } })}`,
    );
  }
}

export function readTlsMaterial(signal: SignalExportConfig): TlsMaterial {
  const material: TlsMaterial = {
    ca: readPem(signal.certificateFile, 'CA certificate'),
    key: readPem(signal.clientKeyFile, 'client key'),
    cert: readPem(signal.clientCertificateFile, 'client certificate'),
  };
  checkCertificate(material.ca, signal.certificateFile, 'CA certificate');
  checkCertificate(material.cert, signal.clientCertificateFile, 'client certificate');
  if (material.key !== undefined && signal.clientKeyFile) {
    try {
      createPrivateKey(material.key);
    } catch {
      throw new ConfigurationError(
        `the client key ${signal.clientKeyFile.value} (from ${describeSource(signal.clientKeyFile.source)}) is not a PEM private key (or it is encrypted)`,
      );
    }
  }
  if ((material.key === undefined) !== (material.cert === undefined)) {
    throw new ConfigurationError(
      `mTLS needs both a client key and a client certificate for ${signal.signal}; only the ${material.key ? 'key' : 'certificate'} is set`,
      'set both --client-key and --client-certificate (or OTEL_EXPORTER_OTLP_CLIENT_KEY and OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE)',
    );
  }
  if (material.key !== undefined && material.cert !== undefined && signal.clientKeyFile && signal.clientCertificateFile) {
    try {
      createSecureContext({ key: material.key, cert: material.cert });
    } catch (error) {
      throw new ConfigurationError(
        `the client key ${signal.clientKeyFile.value} does not belong to the client certificate ${signal.clientCertificateFile.value} (${(error as Error).message.replace(/^error:[0-9A-F]+:/, '')})`,
        'set the key and certificate of the same pair (--client-key, --client-certificate)',
      );
    }
  }
  return material;
}

/**
 * A file that is not a PEM certificate fails only at the handshake, as "unable to verify" or a key
 * mismatch deep inside an export; say which setting points at it before anything is sent.
 */
function checkCertificate(pem: Buffer | undefined, file: Sourced<string> | undefined, what: string): void {
  if (pem === undefined || !file) return;
  try {
    new X509Certificate(pem);
  } catch {
    throw new ConfigurationError(
      `the ${what} ${file.value} (from ${describeSource(file.source)}) is not a PEM certificate`,
      'expected a file that starts with -----BEGIN CERTIFICATE-----',
    );
  }
}
