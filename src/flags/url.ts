/**
 * URL flags (--jaeger, --verify-prometheus, --health-url, ...). A URL can carry a password or a
 * token, and an endpoint that does not parse is exactly where redaction that relies on parsing
 * fails, so an error here never quotes the value: it says what is wrong with it (the scheme, the
 * port, a space) and shows an example instead.
 */
import { flagErrorUnquoted } from './flag-error.js';

/** A scheme is short and plain; anything else is not worth echoing. */
function shownScheme(text: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]{0,15}):/.exec(text)?.[1];
  return scheme?.toLowerCase();
}

/** Why `text` is not a URL, in words that quote nothing from it. */
function unparseableReason(text: string): string {
  if (/\s/.test(text)) return 'a URL cannot contain spaces';
  if (/^[A-Za-z][A-Za-z0-9+.-]*\/\//.test(text)) return 'the scheme needs a colon: http:// or https://';
  // `https://user:pa#ss@host`: the # ends the authority early, and the password is read as a port.
  const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(.*)@/.exec(text)?.[1];
  if (authority !== undefined && /[/?#]/.test(authority))
    return 'the user name or password holds / ? or #; percent-encode them (%2F %3F %23)';
  const port = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(?:\[[^\]]*\]|[^:/?#@]*):([^/?#]*)/.exec(text)?.[1];
  if (port !== undefined && !/^\d{0,5}$/.test(port)) return 'the port is not a number';
  if (port !== undefined && Number(port) > 65_535) return 'the port is above 65535';
  return 'not a valid URL; check the host and the port, and percent-encode @ : / ? # in a user name or password';
}

/** An http:// or https:// URL; returned as typed (trimmed). */
export function parseHttpUrl(flag: string, text: string, example: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw flagErrorUnquoted(flag, `needs a URL, e.g. ${example}`);
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    // `localhost:16686` has no scheme at all; say so rather than "not a valid URL".
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(trimmed) && !/^[A-Za-z][A-Za-z0-9+.-]*\/\//.test(trimmed)) {
      throw flagErrorUnquoted(flag, 'needs an http:// or https:// URL', `e.g. ${example}`);
    }
    throw flagErrorUnquoted(flag, unparseableReason(trimmed), `e.g. ${example}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // `localhost:16686` parses with the scheme "localhost:": the usual cause is a missing http://.
    const scheme = shownScheme(trimmed);
    const reason =
      trimmed.includes('://') && scheme ? `needs an http:// or https:// URL, not ${scheme}://` : 'needs an http:// or https:// URL';
    throw flagErrorUnquoted(flag, reason, `e.g. ${example}`);
  }
  if (url.hostname === '') throw flagErrorUnquoted(flag, 'the URL has no host', `e.g. ${example}`);
  return trimmed;
}
