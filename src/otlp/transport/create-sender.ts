/**
 * Builds the sender for one signal from the resolved configuration (src/config): protocol, URL,
 * headers, timeout, compression and TLS material. Certificate files are read here, once.
 */
import { readFile } from 'node:fs/promises';
import type { SignalExportConfig } from '../../config/types.js';
import { ConfigurationError, fileErrorReason } from '../../errors.js';
import { GrpcSender } from './grpc-sender.js';
import { HttpSender } from './http-sender.js';
import type { Sender, SenderOptions, TlsMaterial } from './types.js';

async function readPem(path: string | undefined, what: string): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`cannot read the ${what} ${path}: ${fileErrorReason(error, { withCode: true, unknown: 'code' })}`);
  }
}

export async function senderOptionsFrom(config: SignalExportConfig, maxConcurrency: number): Promise<SenderOptions> {
  const tls: TlsMaterial = {
    ca: await readPem(config.certificateFile?.value, 'CA certificate'),
    cert: await readPem(config.clientCertificateFile?.value, 'client certificate'),
    key: await readPem(config.clientKeyFile?.value, 'client key'),
  };
  const grpc = config.protocol.value === 'grpc';
  return {
    signal: config.signal,
    url: config.url,
    transport: grpc ? 'grpc' : 'http',
    format: config.protocol.value === 'http/json' ? 'json' : 'protobuf',
    headers: config.headers.value,
    timeoutMs: config.timeoutMs.value > 0 ? config.timeoutMs.value : 10_000,
    compression: config.compression.value,
    tls: tls.ca || tls.cert || tls.key ? tls : undefined,
    maxConcurrency,
  };
}

export function createSender(options: SenderOptions): Sender {
  return options.transport === 'grpc' ? new GrpcSender(options) : new HttpSender(options);
}
