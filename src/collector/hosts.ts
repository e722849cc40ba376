/**
 * Reading `host:port` endpoints as the Collector's receivers and exporters write them, and telling
 * loopback, every-interface and private-network hosts apart.
 */
export interface HostPort {
  host: string;
  port?: number;
}

/** `0.0.0.0:4317`, `:4317`, `[::1]:4317`, `localhost`, `http://x:4318/path` (exporters) → host and port. */
export function parseHostPort(text: string): HostPort | undefined {
  let rest = text.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  rest = rest.replace(/[/?#].*$/, '');
  if (rest === '') return undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) return { host: bracketed[1]!, ...(bracketed[2] ? { port: Number(bracketed[2]) } : {}) };
  const colon = rest.lastIndexOf(':');
  if (colon < 0 || rest.indexOf(':') !== colon) return { host: rest };
  const port = rest.slice(colon + 1);
  return { host: rest.slice(0, colon), ...(/^\d+$/.test(port) ? { port: Number(port) } : {}) };
}

export function isLoopback(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === 'localhost' || lower.endsWith('.localhost') || /^127\./.test(lower) || lower === '::1';
}

/** Listening on every interface: `0.0.0.0`, `::` or an empty host (`:4317`). */
export function isAllInterfaces(host: string): boolean {
  return host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * A host on a private network: RFC 1918 / unique-local addresses, a single-label name (a compose
 * service or a Kubernetes service in the same namespace) or a cluster-internal domain.
 */
export function isPrivateHost(host: string): boolean {
  const lower = host.toLowerCase();
  if (isLoopback(lower)) return true;
  if (/^10\./.test(lower) || /^192\.168\./.test(lower) || /^172\.(1[6-9]|2\d|3[01])\./.test(lower) || /^f[cd][0-9a-f]{2}:/.test(lower))
    return true;
  if (!lower.includes('.') && !lower.includes(':')) return true;
  return /\.(svc|svc\.cluster\.local|cluster\.local|internal|local|lan)$/.test(lower);
}
