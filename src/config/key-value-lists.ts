/**
 * The two `key=value,key2=value2` lists of the spec: OTLP headers and OTEL_RESOURCE_ATTRIBUTES.
 * Both are percent-decoded; they differ in how the JS SDK treats a bad entry (headers: drop that
 * entry silently; resource attributes: discard the WHOLE variable), which is what users get.
 * Header values are secrets: no message here ever contains one.
 */
import type { DiagnosticSink } from './diagnostics.js';
import { abbreviate } from './env-reader.js';
import { looksLikeHeaderName } from '../boundary/secrets.js';
import type { ValueSource } from './types.js';

/**
 * OTEL_EXPORTER_OTLP_*HEADERS as the JS SDK parses it (core parseKeyPairsIntoRecord, a W3C baggage
 * parser): entries split on `,`, anything after `;` is baggage metadata and cut off, key and value
 * split on the FIRST `=` (so base64 padding survives), trimmed, percent-decoded, and an entry with an
 * empty key or value or a bad escape is dropped without a word. Spec: protocol/exporter "Specifying headers".
 */
export function parseHeaderList(text: string, name: string, source: ValueSource, sink: DiagnosticSink): Record<string, string> {
  const headers: Record<string, string> = {};
  const entries = text.split(',');
  entries.forEach((entry, index) => {
    if (entry.trim() === '') return;
    const where = `${name} entry ${index + 1} of ${entries.length}`;
    const semicolon = entry.indexOf(';');
    const pair = semicolon === -1 ? entry : entry.slice(0, semicolon);
    const separator = pair.indexOf('=');
    if (separator === -1) {
      sink.report('HEADER_MALFORMED', `${where} has no "=" (${describeEntry(entry)}); the JS SDK drops it.`, {
        source,
        hint:
          semicolon !== -1
            ? 'A ";" cuts the entry before its "=": percent-encode it as %3B.'
            : 'Write headers as key=value, separated by commas.',
      });
      return;
    }
    const rawKey = pair.slice(0, separator).trim();
    const rawValue = pair.slice(separator + 1).trim();
    if (rawKey === '') {
      sink.report('HEADER_MALFORMED', `${where} has an empty header name; the JS SDK drops it.`, { source });
      return;
    }
    const keyLabel = safeKey(rawKey);
    if (semicolon !== -1) {
      sink.report(
        'HEADER_VALUE_SEMICOLON',
        `${where} (${keyLabel}) contains ";": the JS SDK parses headers like baggage and cuts the value there.`,
        {
          source,
          hint: 'Percent-encode ";" as %3B in header values.',
        },
      );
    }
    if (rawValue === '') {
      sink.report('HEADER_EMPTY_VALUE', `${where} (${keyLabel}) has an empty value; the JS SDK drops the header.`, { source });
      return;
    }
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey);
      value = decodeURIComponent(rawValue);
    } catch {
      sink.report('HEADER_MALFORMED', `${where} (${keyLabel}) has an invalid percent escape; the JS SDK drops it.`, {
        source,
        hint: 'A "%" must be followed by two hex digits; write a literal "%" as %25.',
      });
      return;
    }
    if (value.length > 0) headers[key] = value;
  });
  return headers;
}

/** `key=value` from a repeatable flag: split on the first `=`, taken literally (no percent-decoding). */
export function parseFlagPair(text: string, flag: string): { key: string; value: string } | { error: string } {
  const separator = text.indexOf('=');
  // The text is not echoed: a header flag without "=" may well be a bare token.
  if (separator <= 0) return { error: `${flag} expects key=value (got ${text.trim().length} characters without a key)` };
  return { key: text.slice(0, separator).trim(), value: text.slice(separator + 1).trim() };
}

// RFC 9110 token characters; gRPC metadata keys are stricter (lowercase letters, digits, _ . -).
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const GRPC_KEY = /^[0-9a-z_.-]+$/;
// What Node's http module accepts in a header value, and what grpc-js accepts in ASCII metadata.
const HTTP_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const GRPC_VALUE = /^[ -~]*$/;
// HTTP/1.1 connection headers, which HTTP/2 forbids (RFC 9113 §8.2.2, https://www.rfc-editor.org/rfc/rfc9113.html#section-8.2.2):
// node:http2 (so grpc-js) and the load command's own HTTP/2 client refuse every request that carries one.
const HTTP2_CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/** Names and values the transport will reject at export time (HTTP) or at start-up (gRPC throws). */
export function checkHeaderCharacters(headers: Record<string, string>, grpc: boolean, source: ValueSource, sink: DiagnosticSink): void {
  for (const [key, value] of Object.entries(headers)) {
    const label = safeKey(key);
    if (!HTTP_TOKEN.test(key) || (grpc && !GRPC_KEY.test(key.toLowerCase()))) {
      sink.report(
        'HEADER_INVALID_NAME',
        `Header name ${label} is not a valid ${grpc ? 'gRPC metadata key' : 'HTTP header name'}${grpc ? '; grpc-js throws when the exporter starts' : '; every export request fails'}.`,
        {
          source,
          hint: grpc
            ? 'gRPC metadata keys use only lowercase letters, digits, "_", "." and "-".'
            : 'Header names are RFC 9110 tokens: no spaces or separators.',
        },
      );
    } else if (grpc && (HTTP2_CONNECTION_HEADERS.has(key.toLowerCase()) || (key.toLowerCase() === 'te' && value !== 'trailers'))) {
      sink.report(
        'HEADER_INVALID_NAME',
        `Header ${label} is an HTTP/1.1 connection header, which HTTP/2 forbids; every gRPC export request would fail.`,
        { source, hint: 'Remove it: gRPC runs over HTTP/2, where connections are managed by the protocol itself.' },
      );
    } else if (grpc && key.toLowerCase().endsWith('-bin')) {
      sink.report(
        'HEADER_INVALID_NAME',
        `Header ${label} ends in "-bin", which gRPC reserves for binary values; grpc-js throws on a text value.`,
        { source },
      );
    }
    if (!(grpc ? GRPC_VALUE : HTTP_VALUE).test(value)) {
      sink.report(
        'HEADER_INVALID_VALUE',
        `The value of header ${label} contains characters ${grpc ? 'gRPC metadata' : 'HTTP'} does not allow (control characters${grpc ? ' or non-ASCII' : ' or characters beyond Latin-1'}).`,
        {
          source,
          hint: 'Percent-encoding in the variable is decoded before sending: the decoded value must be printable.',
        },
      );
    }
  }
}

/**
 * OTEL_RESOURCE_ATTRIBUTES as the JS envDetector parses it. Spec (resource/sdk): `,` and `=` inside
 * keys and values must be percent-encoded, and on any error the whole value is discarded. JS also
 * rejects keys or values longer than 255 characters.
 */
export function parseResourceAttributeList(text: string, source: ValueSource, sink: DiagnosticSink): Record<string, string> | undefined {
  const attributes: Record<string, string> = {};
  const entries = text.split(',').filter((entry) => entry.trim() !== '');
  const discard = (detail: string, hint?: string): undefined => {
    sink.report(
      'RESOURCE_ATTRIBUTES_MALFORMED',
      `OTEL_RESOURCE_ATTRIBUTES: ${detail}; the JS SDK discards the whole variable (every attribute in it, service.name too).`,
      {
        source,
        hint: hint ?? 'Write key=value pairs separated by commas, and percent-encode "," as %2C and "=" as %3D inside keys and values.',
      },
    );
    return undefined;
  };
  for (const entry of entries) {
    const parts = entry.split('=');
    if (parts.length !== 2) {
      return discard(
        parts.length === 1
          ? `"${abbreviate(entry.trim(), 60)}" has no "="`
          : `"${abbreviate(entry.trim(), 60)}" has more than one "=" (an unencoded "=" or ",")`,
      );
    }
    const key = parts[0]!.trim();
    const value = parts[1]!.trim();
    if (key === '') return discard(`"${abbreviate(entry.trim(), 60)}" has an empty key`);
    let decodedKey: string;
    let decodedValue: string;
    try {
      decodedKey = decodeURIComponent(key);
      decodedValue = decodeURIComponent(value);
    } catch {
      return discard(
        `"${abbreviate(entry.trim(), 60)}" has an invalid percent escape`,
        'A "%" must be followed by two hex digits; write a literal "%" as %25.',
      );
    }
    if (decodedKey.length > 255 || decodedValue.length > 255)
      return discard(`the attribute ${abbreviate(decodedKey, 40)} is longer than 255 characters`);
    if (/^(["']).*\1$/s.test(decodedValue) && decodedValue.length >= 2) {
      sink.report(
        'RESOURCE_ATTRIBUTE_QUOTED',
        `Resource attribute ${abbreviate(decodedKey, 40)} is quoted: the quotes become part of the value.`,
        { source, hint: 'Remove the quotes; percent-encode "," and "=" instead.' },
      );
    }
    attributes[decodedKey] = decodedValue;
  }
  return attributes;
}

/**
 * A header name is shown when it looks like one. Anything else may be a token typed in the wrong
 * place (`Bearer%20abc=` has the token in the name), so it is described, never printed.
 */
function safeKey(key: string): string {
  return looksLikeHeaderName(key)
    ? JSON.stringify(abbreviate(key, 60))
    : `(a ${key.length}-character name that is not a valid header name)`;
}

/** Describe an entry without printing it: it may be a bare token. */
function describeEntry(entry: string): string {
  return `${entry.trim().length} characters`;
}
