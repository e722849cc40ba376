/**
 * TLS material for the OTLP exporters: the CA bundle (OTEL_EXPORTER_OTLP_CERTIFICATE) and the
 * client key and certificate for mTLS (…_CLIENT_KEY / …_CLIENT_CERTIFICATE, spec "OTLP Exporter
 * Configuration"). Files are read once here so a missing file is a clear configuration error
 * before anything is sent, instead of a TLS failure deep inside an export.
 */
import { readFileSync } from 'node:fs';
import type { SignalExportConfig, Sourced, ValueSource } from '../config/types.js';
import { ConfigurationError } from '../cli/errors.js';

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
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new ConfigurationError(`cannot read the ${what} ${file.value} (from ${describeSource(file.source)}): ${reason}`);
  }
}

export function readTlsMaterial(signal: SignalExportConfig): TlsMaterial {
  const material: TlsMaterial = {
    ca: readPem(signal.certificateFile, 'CA certificate'),
    key: readPem(signal.clientKeyFile, 'client key'),
    cert: readPem(signal.clientCertificateFile, 'client certificate'),
  };
  if ((material.key === undefined) !== (material.cert === undefined)) {
    throw new ConfigurationError(
      `mTLS needs both a client key and a client certificate for ${signal.signal}; only the ${material.key ? 'key' : 'certificate'} is set`,
      'set both --client-key and --client-certificate (or OTEL_EXPORTER_OTLP_CLIENT_KEY and OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE)',
    );
  }
  return material;
}
