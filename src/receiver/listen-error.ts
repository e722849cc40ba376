/**
 * A listener that could not start (port in use, address not available, no permission): carries
 * which listener and where, so the CLI can say exactly which flag to change.
 */
export class ListenError extends Error {
  constructor(
    readonly listener: 'grpc' | 'http',
    readonly address: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`cannot listen for OTLP/${listener === 'grpc' ? 'gRPC' : 'HTTP'} on ${address}: ${describe(code, cause)}`);
    this.name = 'ListenError';
  }
}

function describe(code: string | undefined, cause: unknown): string {
  if (code === 'EADDRINUSE') return 'the port is already in use';
  if (code === 'EACCES') return 'permission denied (ports below 1024 need privileges)';
  if (code === 'EADDRNOTAVAIL') return 'the address is not available on this machine';
  return cause instanceof Error ? cause.message : String(cause);
}

/** grpc-js reports bind failures only in the message text. */
export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return code;
  const match = /\b(EADDRINUSE|EACCES|EADDRNOTAVAIL)\b/.exec(error instanceof Error ? error.message : String(error));
  return match?.[1];
}

/** host:port, with brackets around an IPv6 host. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
