/**
 * `otel-proc receive` flags → validated receiver options. Every bad value is a UsageError (exit 2)
 * naming the flag; unreadable certificate files are a ConfigurationError.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { ConfigurationError, UsageError, fileErrorReason } from '../errors.js';
import { ifGiven, parseByteSize, parseChoice, parseCount, parseDuration, parseHeaderPair, parsePort, parseRatio } from '../flags/index.js';
import type { FaultOptions, ReceiverOptions } from './types.js';

/** Commander's option bag for `receive`. */
export interface ReceiveFlags {
  host?: string;
  grpcPort?: string;
  httpPort?: string;
  grpc?: boolean;
  http?: boolean;
  json?: boolean;
  out?: string;
  countOnly?: boolean;
  rejectRatio?: string;
  partialSuccess?: string;
  delay?: string;
  failWith?: string;
  failFirst?: string;
  retryAfter?: string;
  requireHeader?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsCa?: string;
  maxBodyBytes?: string;
  maxItems?: string;
  duration?: string;
}

export interface ReceiveSettings {
  receiver: ReceiverOptions;
  json: boolean;
  outFile?: string;
  maxItems?: number;
  durationMs?: number;
  /** How often the live line on an interactive stderr is redrawn (default 1 s). */
  liveIntervalMs?: number;
}

export const FAIL_WITH_CHOICES = ['unavailable', 'resource-exhausted', '429', '503'] as const;

function port(flag: string, value: string | undefined, fallback: number, enabled: boolean | undefined): number | false {
  if (enabled === false) return false;
  return ifGiven(value, (text) => parsePort(flag, text)) ?? fallback;
}

function readPem(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`cannot read ${flag} file ${path}: ${fileErrorReason(error, { withCode: true, unknown: 'code' })}`);
  }
}

function tlsOptions(flags: ReceiveFlags): ReceiverOptions['tls'] {
  if (!flags.tlsCert && !flags.tlsKey) {
    if (flags.tlsCa) throw new UsageError('--tls-ca needs --tls-cert and --tls-key (the server certificate)');
    return undefined;
  }
  if (!flags.tlsCert || !flags.tlsKey) throw new UsageError('--tls-cert and --tls-key go together');
  const tls: NonNullable<ReceiverOptions['tls']> = { cert: readPem('--tls-cert', flags.tlsCert), key: readPem('--tls-key', flags.tlsKey) };
  // A CA for client certificates means mutual TLS: clients without a certificate it signed are refused.
  if (flags.tlsCa) Object.assign(tls, { ca: readPem('--tls-ca', flags.tlsCa), requireClientCertificate: true });
  checkTlsMaterial({ cert: flags.tlsCert, key: flags.tlsKey, ca: flags.tlsCa }, tls);
  return tls;
}

/**
 * Refuse unusable PEM files here, naming the flag: left to the listeners, a wrong key failed as
 * "cannot listen on <port>" with a hint to change the port, and a CA file that holds no
 * certificate was accepted, so that every client was then refused by mutual TLS.
 */
function checkTlsMaterial(paths: { cert: string; key: string; ca?: string }, tls: NonNullable<ReceiverOptions['tls']>): void {
  const certificate = (flag: string, path: string, pem: string): void => {
    try {
      new X509Certificate(pem);
    } catch {
      throw new ConfigurationError(
        `${flag} ${path} is not a PEM certificate`,
        'expected a file that starts with -----BEGIN CERTIFICATE-----',
      );
    }
  };
  certificate('--tls-cert', paths.cert, tls.cert);
  try {
    createPrivateKey(tls.key);
  } catch {
    throw new ConfigurationError(
      `--tls-key ${paths.key} is not a PEM private key (or it is encrypted)`,
      'expected a file that starts with -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY)',
    );
  }
  try {
    createSecureContext({ cert: tls.cert, key: tls.key });
  } catch (error) {
    throw new ConfigurationError(
      `--tls-key ${paths.key} does not belong to the --tls-cert certificate ${paths.cert} (${(error as Error).message.replace(/^error:[0-9A-F]+:/, '')})`,
    );
  }
  if (tls.ca !== undefined && paths.ca) certificate('--tls-ca', paths.ca, tls.ca);
}

function faultOptions(flags: ReceiveFlags): FaultOptions | undefined {
  const faults: FaultOptions = {
    rejectRatio: ifGiven(flags.rejectRatio, (text) => parseRatio('--reject-ratio', text)),
    failWith: ifGiven(flags.failWith, (text) => parseChoice('--fail-with', text, FAIL_WITH_CHOICES)),
    partialSuccess: ifGiven(flags.partialSuccess, (text) => parseCount('--partial-success', text, { min: 0 })),
    // 0 answers at once; the bound keeps the answer within what a timer can wait.
    delayMs: ifGiven(flags.delay, (text) => parseDuration('--delay', text, { zero: true })),
    failFirst: ifGiven(flags.failFirst, (text) => parseCount('--fail-first', text, { min: 0 })),
    // HTTP Retry-After carries whole seconds (https://www.rfc-editor.org/rfc/rfc9110#name-retry-after); 0: retry now.
    retryAfterSeconds: ifGiven(flags.retryAfter, (text) => parseDuration('--retry-after', text, { zero: true, wholeSeconds: true }) / 1000),
  };
  for (const key of Object.keys(faults) as Array<keyof FaultOptions>) if (faults[key] === undefined) delete faults[key];
  return Object.keys(faults).length > 0 ? faults : undefined;
}

export function resolveReceiveSettings(flags: ReceiveFlags): ReceiveSettings {
  if (flags.countOnly && (flags.json || flags.out))
    throw new UsageError('--count-only keeps no items, so it cannot go with --json or --out');
  const grpcPort = port('--grpc-port', flags.grpcPort, 4317, flags.grpc);
  const httpPort = port('--http-port', flags.httpPort, 4318, flags.http);
  if (grpcPort === false && httpPort === false) throw new UsageError('--no-grpc and --no-http together leave nothing to listen on');
  const maxItems = ifGiven(flags.maxItems, (text) => parseCount('--max-items', text));
  const durationMs = ifGiven(flags.duration, (text) =>
    parseDuration('--duration', text, { zeroHint: 'without --duration, receive runs until Ctrl-C' }),
  );
  const receiver: ReceiverOptions = {
    host: flags.host ?? '127.0.0.1',
    grpcPort,
    httpPort,
    countOnly: flags.countOnly === true,
    faults: faultOptions(flags),
    requireHeader: ifGiven(flags.requireHeader, (text) => parseHeaderPair('--require-header', text)),
    tls: tlsOptions(flags),
    maxBodyBytes: ifGiven(flags.maxBodyBytes, (text) => parseByteSize('--max-body-bytes', text)),
  };
  const settings: ReceiveSettings = { receiver, json: flags.json === true };
  if (flags.out !== undefined) settings.outFile = flags.out;
  if (maxItems !== undefined) settings.maxItems = maxItems;
  if (durationMs !== undefined) settings.durationMs = durationMs;
  return settings;
}
