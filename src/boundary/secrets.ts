/**
 * What counts as a secret: header values (Authorization, API keys, tokens), passwords inside URLs,
 * credential query parameters and the values of variables whose names look secret. Reports hide
 * them where they are built (redactUrl, redactHeaders) so JSON keeps its shape, and collect them
 * (SecretCollector) for the output boundary (sanitize.ts), which replaces any that still reach a
 * stream or a file.
 */
export const REDACTED = '<redacted>';

/** Shorter values are too likely to occur by chance elsewhere in a report to scrub blindly. */
const MIN_SCRUB_LENGTH = 4;
const SECRET_NAME = /(auth|token|secret|password|passwd|api[-_]?key|apikey|credential|signature|session|cookie|private|key$)/i;
const AUTH_SCHEME = /^(Bearer|Basic|Digest|Negotiate|ApiKey|Token|DSN|Splunk|GenieKey)\s+\S/i;

/** Keep the scheme word of an Authorization-style value (it helps debugging), hide the rest. */
export function redactHeaderValue(value: string): string {
  const scheme = AUTH_SCHEME.exec(value)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [displayHeaderName(key), redactHeaderValue(value)]));
}

/** An RFC 9110 token (https://www.rfc-editor.org/rfc/rfc9110#name-tokens): what a header name can be. */
const HEADER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * A header name as it may be shown. A "name" that is not a token is a mistake in the list, often a
 * value in the wrong place (`Bearer%20<token>=...` parses as a name holding the token): it is shown
 * by its length only, like the value it may be.
 */
export function displayHeaderName(name: string): string {
  return HEADER_TOKEN.test(name) ? name : `<invalid name, ${name.length} characters>`;
}

/** `user:password@` at the start of an endpoint, with or without a scheme. */
const USERINFO_PASSWORD = /^((?:[A-Za-z][A-Za-z0-9+.-]*:\/\/)?[^/?#@\s:]*:)([^/?#@\s]*)@/;

/** `user:password@` where the password may hold "/", "?" or "#": up to the first "@" after the colon. */
const RAW_USERINFO_PASSWORD = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|\/\/)?[^/?#@\s:]*:(?!\/\/)([^\s@]+)@/;

/** user:password@ and secret-looking query parameters. Unparseable text keeps only its password hidden. */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text.replace(USERINFO_PASSWORD, (_match, user: string, password: string) => (password === '' ? _match : `${user}redacted@`));
  }
  let changed = false;
  if (url.password) {
    url.password = 'redacted';
    changed = true;
  }
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_NAME.test(key)) {
      url.searchParams.set(key, 'redacted');
      changed = true;
    }
  }
  return changed ? url.href : text;
}

/** An RFC 9110 token of sensible length: what a real header name looks like. */
export function looksLikeHeaderName(text: string): boolean {
  return text.length > 0 && text.length <= 100 && /^[!#$&'*+\-.^_`|~0-9A-Za-z]+$/.test(text);
}

/**
 * Trace-context headers (W3C, B3, Jaeger) given as headers are test input that doctor parses and
 * discusses, not credentials: https://www.w3.org/TR/trace-context/#traceparent-header
 */
export function isPropagationHeader(name: string): boolean {
  return /^(traceparent|tracestate|baggage|b3|x-b3-[a-z-]+|uber-trace-id|uberctx-.+)$/i.test(name.trim());
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) || /HEADERS?$/.test(name);
}

const PLACEHOLDER = /^(?:[A-Za-z-]+\s+)?(?:<redacted>|redacted)$/i;

/** Everything secret that a resolution saw, for the final scrub. */
export class SecretCollector {
  private readonly secrets = new Set<string>();

  add(value: string | undefined): void {
    if (value === undefined) return;
    const trimmed = value.trim();
    // What redaction wrote (`user:redacted@`, `Bearer <redacted>`), read back from a report, is no
    // secret: collected, it would turn every later "<redacted>" into "<<redacted>>".
    if (PLACEHOLDER.test(trimmed) || PLACEHOLDER.test(trimmed.replace(/%3C/gi, '<').replace(/%3E/gi, '>'))) return;
    if (trimmed.length >= MIN_SCRUB_LENGTH) this.secrets.add(trimmed);
    // A value may appear decoded or still percent-encoded in a message.
    try {
      const decoded = decodeURIComponent(trimmed);
      if (decoded.length >= MIN_SCRUB_LENGTH) this.secrets.add(decoded);
    } catch {
      // not percent-encoded text
    }
  }

  /** Header list text: add each entry's value (and the whole text, in case it is echoed). */
  addHeaderList(text: string | undefined): void {
    if (text === undefined) return;
    this.add(text);
    for (const entry of text.split(',')) {
      const separator = entry.indexOf('=');
      this.add(separator === -1 ? entry : entry.slice(separator + 1));
      // A "name" that is not a header name is likely a token in the wrong place.
      const key = separator === -1 ? '' : entry.slice(0, separator).trim();
      if (key !== '' && !looksLikeHeaderName(key)) this.add(key);
      // The part before a ";" is what the JS SDK keeps.
      if (separator !== -1 && entry.includes(';')) this.add(entry.slice(separator + 1, entry.indexOf(';', separator)));
    }
  }

  addUrl(text: string | undefined): void {
    if (text === undefined) return;
    // Also when the URL does not parse (a bad port) or parses the wrong way (no scheme: `user:` is
    // taken for one): the message saying so quotes the endpoint.
    const userinfo = USERINFO_PASSWORD.exec(text.trim());
    if (userinfo) this.add(userinfo[2]);
    // A password holding a raw "/", "?" or "#" ends the authority for a URL parser
    // (https://url.spec.whatwg.org/#authority-state), which then quotes it as a path, a query or a
    // fragment: the whole password up to the "@" is secret, and so is each piece a parser splits off.
    const raw = RAW_USERINFO_PASSWORD.exec(text.trim())?.[1];
    if (raw !== undefined) {
      this.add(raw);
      for (const piece of raw.split(/[/?#]/)) this.add(piece);
    }
    try {
      const url = new URL(text);
      this.add(url.password);
      this.add(decodeURIComponent(url.password));
      for (const [key, value] of url.searchParams) if (SECRET_NAME.test(key)) this.add(value);
    } catch {
      // not a URL
    }
  }

  values(): string[] {
    // Longest first, so a secret containing another is replaced whole.
    return [...this.secrets].sort((a, b) => b.length - a.length);
  }
}

/**
 * What the process was started with, known before any configuration is read, so that even an
 * error raised while reading it cannot print a header value, a URL password or a secret variable.
 */
export function collectStartupSecrets(env: Record<string, string | undefined>, argv: readonly string[], secrets: SecretCollector): void {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name.endsWith('_CLIENT_KEY')) continue;
    if (/HEADERS?$/.test(name)) secrets.addHeaderList(value);
    else if (isSecretName(name)) secrets.add(value);
    if (/ENDPOINT$|_URL$/.test(name)) secrets.addUrl(value);
  }
  for (const [index, arg] of argv.entries()) {
    secrets.addUrl(arg.slice(arg.indexOf('=') + 1));
    const previous = argv[index - 1];
    const header =
      previous === '-H' || previous === '--header' ? arg : arg.startsWith('--header=') ? arg.slice('--header='.length) : undefined;
    if (header !== undefined && !isPropagationHeader(header.slice(0, Math.max(0, header.indexOf('=')))))
      secrets.add(header.slice(header.indexOf('=') + 1));
  }
}
