/**
 * `otel-proc receive` flags → validated receiver options. Every bad value is a UsageError (exit 2)
 * naming the flag; unreadable certificate files are a ConfigurationError.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { ConfigurationError, UsageError } from '../cli/errors.js';
import { MAX_TIMER_MS } from '../net/timing.js';
import type { FaultOptions, ReceiverOptions } from './types.js';
import { fileErrorReason } from '../cli/file-errors.js';

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
  delayMs?: string;
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

function integer(flag: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

function port(flag: string, value: string | undefined, fallback: number, enabled: boolean | undefined): number | false {
  if (enabled === false) return false;
  return integer(flag, value, 0, 65_535) ?? fallback;
}


/** "30s", "5m", "1h", "250ms", or a bare number of seconds. */
export function parseDuration(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new UsageError(`${flag} must be a duration like 30s, 5m, 1h or 500ms, got "${value}"`);
  const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[2] ?? 's']!;
  const milliseconds = Math.round(Number(match[1]) * factor);
  if (milliseconds <= 0) throw new UsageError(`${flag} must be longer than 0`);
  // Node timers hold at most 2^31-1 ms; a longer one fires at once (TimeoutOverflowWarning).
  if (milliseconds > MAX_TIMER_MS) throw new UsageError(`${flag} must be at most 596h (24 days), got "${value}"`, 'without it, receive runs until Ctrl-C');
  return milliseconds;
}

/** "name=value" or "name: value" (as curl writes headers). */
function parseRequiredHeader(value: string | undefined): ReceiverOptions['requireHeader'] {
  if (value === undefined) return undefined;
  const match = /^\s*([^=:\s]+)\s*[=:]\s*(.*)$/.exec(value);
  if (!match || match[2]!.trim() === '') throw new UsageError('--require-header must look like "authorization=Bearer <token>" or "x-api-key: <key>"');
  return { name: match[1]!.toLowerCase(), value: match[2]!.trim() };
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
      throw new ConfigurationError(`${flag} ${path} is not a PEM certificate`, 'expected a file that starts with -----BEGIN CERTIFICATE-----');
    }
  };
  certificate('--tls-cert', paths.cert, tls.cert);
  try {
    createPrivateKey(tls.key);
  } catch {
    throw new ConfigurationError(`--tls-key ${paths.key} is not a PEM private key (or it is encrypted)`, 'expected a file that starts with -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY)');
  }
  try {
    createSecureContext({ cert: tls.cert, key: tls.key });
  } catch (error) {
    throw new ConfigurationError(`--tls-key ${paths.key} does not belong to the --tls-cert certificate ${paths.cert} (${(error as Error).message.replace(/^error:[0-9A-F]+:/, '')})`);
  }
  if (tls.ca !== undefined && paths.ca) certificate('--tls-ca', paths.ca, tls.ca);
}

function faultOptions(flags: ReceiveFlags): FaultOptions | undefined {
  const faults: FaultOptions = {};
  if (flags.rejectRatio !== undefined) {
    const ratio = Number(flags.rejectRatio);
    if (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(flags.rejectRatio) || !(ratio >= 0 && ratio <= 1)) throw new UsageError(`--reject-ratio must be a number from 0 to 1, got "${flags.rejectRatio}"`);
    faults.rejectRatio = ratio;
  }
  if (flags.failWith !== undefined) {
    if (!(FAIL_WITH_CHOICES as readonly string[]).includes(flags.failWith)) {
      throw new UsageError(`--fail-with must be one of ${FAIL_WITH_CHOICES.join(', ')}, got "${flags.failWith}"`);
    }
    faults.failWith = flags.failWith as FaultOptions['failWith'];
  }
  faults.partialSuccess = integer('--partial-success', flags.partialSuccess, 0);
  faults.delayMs = integer('--delay-ms', flags.delayMs, 0, 3_600_000);
  faults.failFirst = integer('--fail-first', flags.failFirst, 0);
  faults.retryAfterSeconds = integer('--retry-after', flags.retryAfter, 0, 86_400);
  for (const key of Object.keys(faults) as Array<keyof FaultOptions>) if (faults[key] === undefined) delete faults[key];
  return Object.keys(faults).length > 0 ? faults : undefined;
}

export function resolveReceiveSettings(flags: ReceiveFlags): ReceiveSettings {
  if (flags.countOnly && (flags.json || flags.out)) throw new UsageError('--count-only keeps no items, so it cannot go with --json or --out');
  const grpcPort = port('--grpc-port', flags.grpcPort, 4317, flags.grpc);
  const httpPort = port('--http-port', flags.httpPort, 4318, flags.http);
  if (grpcPort === false && httpPort === false) throw new UsageError('--no-grpc and --no-http together leave nothing to listen on');
  const maxItems = integer('--max-items', flags.maxItems, 1);
  const durationMs = parseDuration('--duration', flags.duration);
  const receiver: ReceiverOptions = {
    host: flags.host ?? '127.0.0.1',
    grpcPort,
    httpPort,
    countOnly: flags.countOnly === true,
    faults: faultOptions(flags),
    requireHeader: parseRequiredHeader(flags.requireHeader),
    tls: tlsOptions(flags),
    maxBodyBytes: integer('--max-body-bytes', flags.maxBodyBytes, 1),
  };
  const settings: ReceiveSettings = { receiver, json: flags.json === true };
  if (flags.out !== undefined) settings.outFile = flags.out;
  if (maxItems !== undefined) settings.maxItems = maxItems;
  if (durationMs !== undefined) settings.durationMs = durationMs;
  return settings;
}
