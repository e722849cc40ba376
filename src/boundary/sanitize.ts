/**
 * The last step of every byte otel-proc writes (stdout, stderr, --report/--out files, bundles):
 *   1. known secrets (header values, URL passwords, secret-named variables) are replaced;
 *   2. credential-shaped text is replaced wherever it stands, parsed as a URL or not: the password
 *      of anything URL-like (`https://user:Zx#pa55@host`, `http//u:p@h`, `u:p@host:4318`), the value
 *      of any `name=value` whose name says key/token/secret/password/signature/auth/credential, the
 *      token after `Bearer`/`Basic`, and JSON/YAML members with such names;
 *   3. control characters, escape sequences and bidirectional overrides that came from data are
 *      shown as `\uXXXX`, so a span name sent by anyone on the network cannot retitle, clear or
 *      rewrite the user's terminal. The tool's own colours and line control travel as unguessable
 *      tokens (see `styleToken`) that only this step turns into real escape sequences.
 * `\uXXXX` is also a valid JSON string escape, so the same step keeps JSON output parseable.
 */
import { randomInt } from 'node:crypto';
import { REDACTED } from './secrets.js';

/** Shorter values are too likely to occur by chance elsewhere in output to replace blindly. */
export const MIN_SECRET_LENGTH = 4;

const CREDENTIAL_WORD = '(?:key|token|secret|passw(?:or)?d|pwd|signature|auth|credential|session|cookie)';
/** Narrower, for `name: value` members, where prose like "the token: expired" must stay readable. */
const MEMBER_WORD = '(?:token|secret|passw(?:or)?d|api[-_]?key|authorization|credential)';
const NAME_CHARS = String.raw`[A-Za-z0-9_.\-]`;
const SCHEME_WORD = '(?:Bearer|Basic|ApiKey|Splunk|GenieKey|Token)';
/**
 * Not a secret: already redacted (`<redacted>`, or redactUrl's URL-safe `redacted`, which may be
 * followed by the colon of the sentence around it), a placeholder (`<token>`), a shell reference (`$TOKEN`).
 */
const NOT_A_SECRET = String.raw`(?!<|&lt;|\$|redacted(?::?(?:[&\s"'<>,;#\\]|$))|${SCHEME_WORD}(?:\s+|%20)(?:<|&lt;|\$))`;

/** `scheme://user:password@`, `//user:password@` (a scheme typo) and `user:password@host` without a scheme. */
const URL_USERINFO =
  /((?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/[^\s/?#@:'"<>\\]*:|(?<![\w.%/:@-])[A-Za-z0-9._~%-]+:(?!\/\/))(?!<redacted>@|redacted@)([^\s@'"<>\\]+)@(?=[\w[])/g;
/** `api_key=…`, `X-Amz-Signature=…`, `sig=…`, `authorization=Bearer …` in a query string, a header list or prose. */
const CREDENTIAL_ASSIGNMENT = new RegExp(
  String.raw`((?<!${NAME_CHARS})(?:${NAME_CHARS}*${CREDENTIAL_WORD}${NAME_CHARS}*|sig)\s*=\s*)${NOT_A_SECRET}((?:${SCHEME_WORD}(?:\s+|%20))?[^&\s"'<>,;#\\]+)`,
  'gi',
);
/** `authorization: Bearer …`, `api_key: …` at the start of a YAML line or of a code frame's quoted line. */
const CREDENTIAL_MEMBER = new RegExp(
  String.raw`((?:^|\|)[ \t>]*-?[ \t]*["']?${NAME_CHARS}*${MEMBER_WORD}${NAME_CHARS}*["']?[ \t]*:[ \t]*["']?)${NOT_A_SECRET}([^\s"'#,}][^"'\n#,}]*)`,
  'gim',
);
const MEMBER_NAME = new RegExp(`^${NAME_CHARS}*${MEMBER_WORD}${NAME_CHARS}*$`, 'i');
/**
 * A compound header or field name (`x-api-key`, `access_token`, `X-Amz-Signature`) or `authorization`,
 * followed by `:` anywhere in a line (`server said: x-api-key: …`, `{"client_secret":"…"}`): unlike a
 * lone word ("the token: expired") such a name is never prose. SCREAMING_SNAKE names are left alone:
 * they are our codes and Node's (UNABLE_TO_VERIFY_LEAF_SIGNATURE: …), not credentials.
 */
const COMPOUND_WORD = '(?:api[-_]?key|token|secret|passw(?:or)?d|authorization|credential|signature)';
const COMPOUND_MEMBER = new RegExp(
  String.raw`((?<![\w.-])(["']?)((?:[A-Za-z0-9]+[-_])*${COMPOUND_WORD}(?:[-_][A-Za-z0-9]+)*)\2[ \t]*:[ \t]*(["']?))${NOT_A_SECRET}((?:${SCHEME_WORD}(?:\s+|%20))?[^\s"',;})\\]+)`,
  'gi',
);

function redactCompoundMember(match: string, head: string, quote: string, name: string): string {
  const compound = /[-_]/.test(name) || quote !== '' || /^authorization$/i.test(name);
  if (!compound || /^[A-Z0-9_]+$/.test(name)) return match;
  return `${head}${REDACTED}`;
}
/** The credential after an Authorization scheme word. */
const AUTH_SCHEME_TOKEN = /(\b(?:Bearer|bearer|BEARER|Basic|ApiKey|Splunk|GenieKey)(?:\s+|%20))(?!<redacted>)([A-Za-z0-9._~+/=:%-]{6,})/g;

/** Replace every known secret, in the forms output can carry it: raw, percent-encoded, JSON- or terminal-escaped. */
export function redactKnownSecrets(text: string, secrets: readonly string[]): string {
  let output = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of formsOf(secret)) if (output.includes(form)) output = output.split(form).join(REDACTED);
  }
  return output;
}

function formsOf(secret: string): Set<string> {
  return new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), escapeControls(secret)]);
}

/** Credential-shaped text, whether or not anything around it parses. */
export function redactCredentialShapes(text: string): string {
  return text
    .replace(URL_USERINFO, (_match, head: string) => `${head}${REDACTED}@`)
    .replace(CREDENTIAL_ASSIGNMENT, (_match, head: string) => `${head}${REDACTED}`)
    .replace(CREDENTIAL_MEMBER, (_match, head: string) => `${head}${REDACTED}`)
    .replace(COMPOUND_MEMBER, redactCompoundMember)
    .replace(AUTH_SCHEME_TOKEN, (_match, head: string) => `${head}${REDACTED}`);
}

/** One string of output data: known secrets, then credential shapes. */
export function redactText(text: string, secrets: readonly string[]): string {
  return redactCredentialShapes(redactKnownSecrets(text, secrets));
}

/**
 * A JSON document is redacted value by value, so a secret that happens to read `true` or `1234`
 * never replaces a JSON literal and the document stays valid; a member named like a credential
 * (`"authorization": "…"`) has its whole string value replaced.
 */
export function redactJsonValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactJsonValue(item, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        const redactedKey = redactText(key, secrets);
        if (typeof item === 'string' && MEMBER_NAME.test(key) && item !== '' && !item.includes(REDACTED) && !/^\$|^</.test(item))
          return [redactedKey, REDACTED];
        return [redactedKey, redactJsonValue(item, secrets)];
      }),
    );
  }
  return value;
}

/**
 * C0 controls but newline and tab, DEL, C1 controls (0x9B is a one-byte CSI on some terminals),
 * the Unicode line separators and the bidirectional overrides that reorder what a reader sees
 * (https://www.unicode.org/reports/tr9/#Explicit_Directional_Overrides).
 */
const UNSAFE_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(UNSAFE_CHARACTER, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The tool's own terminal control, carried through the escaping as private-use text with a
 * per-process nonce, so data cannot forge it.
 */
const NONCE = Array.from({ length: 6 }, () => String.fromCharCode(0xe100 + randomInt(0xff))).join('');
const TOKEN_OPEN = `\ue000${NONCE}`;
const TOKEN_CLOSE = '\ue001';
const TOKEN = new RegExp(`${TOKEN_OPEN}([0-9;?]*[A-Za-z]|r)${TOKEN_CLOSE}`, 'g');

/** A CSI sequence (`31m`, `K`) or `r` (carriage return) as a token only `sanitize` turns back into control. */
export function styleToken(sequence: string): string {
  return `${TOKEN_OPEN}${sequence}${TOKEN_CLOSE}`;
}

/** Turn the tool's own tokens into escape sequences; colours (SGR, `…m`) only where colour is on. */
function restoreTokens(text: string, keepStyle: boolean): string {
  return text.replace(TOKEN, (_match, sequence: string) => {
    if (sequence === 'r') return '\r';
    if (sequence.endsWith('m') && !keepStyle) return '';
    return `\x1b[${sequence}`;
  });
}

/** Turn ANSI text that a trusted library produced (chalk) into tokens. */
export function tokenizeAnsi(text: string): string {
  return text.replace(/\x1b\[([0-9;?]*[A-Za-z])/g, (_match, sequence: string) => styleToken(sequence)).replace(/\r/g, styleToken('r'));
}

export interface SanitizeOptions {
  secrets: readonly string[];
  /** Keep the tool's own colours (a terminal that wants them); files and pipes get plain text. */
  keepStyle: boolean;
}

/** Back to the start of the line and clear it: the tool's live progress lines. */
export const CLEAR_LINE = `${styleToken('r')}${styleToken('2K')}`;

/** Redact, then make terminal-safe: the one transformation every output passes. */
export function sanitize(text: string, options: SanitizeOptions): string {
  const json = sanitizeJsonText(text, options.secrets);
  if (json !== undefined) return json;
  const redacted = redactText(text, options.secrets);
  // In XML (JUnit reports) the placeholder is text, not a tag: no JUnit document has a <redacted> element.
  const safe = /^\s*<\?xml/.test(text) ? redacted.split(REDACTED).join('&lt;redacted&gt;') : redacted;
  return restoreTokens(escapeControls(safe), options.keepStyle);
}

/**
 * A chunk that is one JSON document (`--json`) or JSON lines (`receive --json`, `--out`) is
 * redacted value by value and written back in the same layout; anything else is text.
 */
function sanitizeJsonText(text: string, secrets: readonly string[]): string | undefined {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  const whole = reserialize(text, secrets);
  if (whole !== undefined) return whole;
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      out.push(line);
      continue;
    }
    const one = reserialize(line, secrets);
    if (one === undefined) return undefined;
    out.push(one);
  }
  return out.join('\n');
}

function reserialize(text: string, secrets: readonly string[]): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const indent = /^[{[]\n( +)/.exec(text.trimStart())?.[1]?.length ?? 0;
  const trailing = /\s*$/.exec(text)?.[0] ?? '';
  // JSON.stringify escapes C0 controls itself; the rest (C1, bidi) only occur inside strings, where \uXXXX is valid.
  return `${escapeControls(JSON.stringify(redactJsonValue(value, secrets), null, indent))}${trailing}`;
}
