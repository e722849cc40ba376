/**
 * Grammar checks for propagation header values, so a user can paste what their upstream sends (or
 * what they put in TRACEPARENT / TRACESTATE / BAGGAGE) and learn exactly what is wrong with it.
 * W3C Trace Context (https://www.w3.org/TR/trace-context/) §3.2 traceparent and §3.3 tracestate,
 * W3C Baggage (https://www.w3.org/TR/baggage/) §3, B3 (https://github.com/openzipkin/b3-propagation)
 * and Jaeger's `uber-trace-id` as @opentelemetry/propagator-jaeger reads it
 * (https://www.npmjs.com/package/@opentelemetry/propagator-jaeger). Codes are stable.
 */
export interface GrammarIssue {
  code: string;
  message: string;
}

const HEX = /^[0-9a-f]+$/;
const allZero = (hex: string): boolean => /^0+$/.test(hex);

/** W3C Trace Context §3.2: `version-traceid-parentid-flags`, lowercase hex. */
export function checkTraceparent(value: string): GrammarIssue[] {
  const trimmed = value.trim();
  if (/[A-F]/.test(trimmed) && /^[0-9a-fA-F-]+$/.test(trimmed)) {
    return [{ code: 'traceparent.uppercase', message: 'hex digits must be lowercase; receivers discard an uppercase traceparent' }];
  }
  const parts = trimmed.split('-');
  const [version, traceId, parentId, flags] = parts;
  if (parts.length < 4 || !/^[0-9a-f]{2}$/.test(version ?? '')) {
    return [{ code: 'traceparent.format', message: 'expected `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`' }];
  }
  if (version === 'ff') return [{ code: 'traceparent.version-ff', message: 'version ff is forbidden' }];
  // Version 00 has exactly four fields; later versions may append fields, parsed leniently (§3.2.4).
  if (version === '00' && parts.length !== 4)
    return [{ code: 'traceparent.format', message: 'version 00 has exactly four fields; found extra data after the flags' }];
  const issues: GrammarIssue[] = [];
  if (!/^[0-9a-f]{32}$/.test(traceId ?? ''))
    issues.push({ code: 'traceparent.trace-id', message: `trace id must be 32 lowercase hex digits, got "${traceId}"` });
  else if (allZero(traceId!)) issues.push({ code: 'traceparent.zero-trace-id', message: 'an all-zero trace id is invalid' });
  if (!/^[0-9a-f]{16}$/.test(parentId ?? ''))
    issues.push({ code: 'traceparent.parent-id', message: `parent id must be 16 lowercase hex digits, got "${parentId}"` });
  else if (allZero(parentId!)) issues.push({ code: 'traceparent.zero-parent-id', message: 'an all-zero parent id is invalid' });
  if (!/^[0-9a-f]{2}$/.test(flags ?? ''))
    issues.push({ code: 'traceparent.flags', message: `flags must be 2 lowercase hex digits, got "${flags}"` });
  return issues;
}

/** Sampled bit (bit 0 of the flags), when the traceparent is valid. */
export function traceparentSampled(value: string): boolean | undefined {
  if (checkTraceparent(value).length > 0) return undefined;
  return (parseInt(value.trim().split('-')[3]!, 16) & 1) === 1;
}

const TRACESTATE_SIMPLE_KEY = /^[a-z0-9][a-z0-9_\-*/]{0,255}$/;
const TRACESTATE_TENANT_KEY = /^[a-z0-9][a-z0-9_\-*/]{0,240}@[a-z][a-z0-9_\-*/]{0,13}$/;
// Printable ASCII except `,` and `=`, and no trailing space (§3.3.1.3.2).
const TRACESTATE_VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

/** W3C Trace Context §3.3: up to 32 `key=value` members, unique keys. */
export function checkTracestate(value: string): GrammarIssue[] {
  const issues: GrammarIssue[] = [];
  const members = value
    .split(',')
    .map((member) => member.trim())
    .filter((member) => member !== '');
  if (members.length > 32)
    issues.push({ code: 'tracestate.too-many-members', message: `${members.length} members; at most 32 are allowed` });
  const seen = new Set<string>();
  for (const member of members) {
    const at = member.indexOf('=');
    if (at <= 0) {
      issues.push({ code: 'tracestate.member-format', message: `"${member}" is not key=value` });
      continue;
    }
    const key = member.slice(0, at);
    const memberValue = member.slice(at + 1);
    if (!TRACESTATE_SIMPLE_KEY.test(key) && !TRACESTATE_TENANT_KEY.test(key)) {
      issues.push({ code: 'tracestate.key', message: `key "${key}" must be lowercase letters, digits and _-*/ (or tenant@system)` });
    }
    if (!TRACESTATE_VALUE.test(memberValue))
      issues.push({ code: 'tracestate.value', message: `value of "${key}" must be printable ASCII without , or = and not end in a space` });
    if (seen.has(key)) issues.push({ code: 'tracestate.duplicate-key', message: `key "${key}" appears twice` });
    seen.add(key);
  }
  return issues;
}

// RFC 7230 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// W3C Baggage §3.2.1.1 baggage-octet, plus `%` escapes.
const BAGGAGE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;

/** W3C Baggage §3: `key=value;property,...`, at most 64 members and 8192 bytes. */
export function checkBaggage(value: string): GrammarIssue[] {
  const issues: GrammarIssue[] = [];
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > 8192) issues.push({ code: 'baggage.too-long', message: `${bytes} bytes; at most 8192 are allowed` });
  const members = value.split(',').map((member) => member.trim());
  if (members.length > 64) issues.push({ code: 'baggage.too-many-members', message: `${members.length} members; at most 64 are allowed` });
  for (const member of members) {
    const [pair = '', ...properties] = member.split(';');
    const at = pair.indexOf('=');
    if (at <= 0) {
      issues.push({ code: 'baggage.member-format', message: `"${member}" is not key=value` });
      continue;
    }
    const key = pair.slice(0, at).trim();
    const memberValue = pair.slice(at + 1).trim();
    if (!TOKEN.test(key))
      issues.push({ code: 'baggage.key', message: `key "${key}" is not an HTTP token (no spaces, quotes or separators)` });
    if (!BAGGAGE_VALUE.test(memberValue)) {
      issues.push({
        code: 'baggage.value',
        message: `value of "${key}" has characters that must be percent-encoded (spaces, quotes, commas, semicolons, backslashes, non-ASCII)`,
      });
    } else {
      try {
        decodeURIComponent(memberValue);
      } catch {
        issues.push({ code: 'baggage.percent-encoding', message: `value of "${key}" has a malformed % escape` });
      }
    }
    for (const property of properties) {
      const name = property.split('=')[0]!.trim();
      if (!TOKEN.test(name)) issues.push({ code: 'baggage.property', message: `property "${property.trim()}" of "${key}" is not a token` });
    }
  }
  return issues;
}

/** B3 single header: `{traceid}-{spanid}[-{sampling}[-{parentspanid}]]`, or just the sampling state. */
export function checkB3Single(value: string): GrammarIssue[] {
  const trimmed = value.trim();
  if (/^(0|1|d)$/.test(trimmed)) return [];
  const [traceId = '', spanId = '', sampling, parentId, ...extra] = trimmed.split('-');
  const issues: GrammarIssue[] = [];
  if (!/^([0-9a-f]{16}|[0-9a-f]{32})$/.test(traceId))
    issues.push({ code: 'b3.trace-id', message: `trace id must be 16 or 32 lowercase hex digits, got "${traceId}"` });
  else if (allZero(traceId))
    issues.push({ code: 'b3.zero-trace-id', message: 'an all-zero trace id is invalid: receivers drop the context' });
  if (!/^[0-9a-f]{16}$/.test(spanId))
    issues.push({ code: 'b3.span-id', message: `span id must be 16 lowercase hex digits, got "${spanId}"` });
  else if (allZero(spanId)) issues.push({ code: 'b3.zero-span-id', message: 'an all-zero span id is invalid: receivers drop the context' });
  if (sampling !== undefined && !/^(0|1|d)$/.test(sampling))
    issues.push({ code: 'b3.sampling', message: `sampling state must be 0, 1 or d, got "${sampling}"` });
  if (parentId !== undefined && !/^[0-9a-f]{16}$/.test(parentId))
    issues.push({ code: 'b3.parent-id', message: `parent span id must be 16 lowercase hex digits, got "${parentId}"` });
  if (extra.length > 0) issues.push({ code: 'b3.format', message: 'too many fields' });
  return issues;
}

/** One header of B3 multi: X-B3-TraceId, X-B3-SpanId, X-B3-ParentSpanId, X-B3-Sampled, X-B3-Flags. */
export function checkB3MultiHeader(name: string, value: string): GrammarIssue[] {
  const v = value.trim();
  switch (name.toLowerCase()) {
    case 'x-b3-traceid':
      if (!/^([0-9a-f]{16}|[0-9a-f]{32})$/.test(v))
        return [{ code: 'b3.trace-id', message: `X-B3-TraceId must be 16 or 32 lowercase hex digits, got "${v}"` }];
      return allZero(v) ? [{ code: 'b3.zero-trace-id', message: 'an all-zero X-B3-TraceId is invalid: receivers drop the context' }] : [];
    case 'x-b3-spanid':
    case 'x-b3-parentspanid':
      if (!/^[0-9a-f]{16}$/.test(v)) return [{ code: 'b3.span-id', message: `${name} must be 16 lowercase hex digits, got "${v}"` }];
      return name.toLowerCase() === 'x-b3-spanid' && allZero(v)
        ? [{ code: 'b3.zero-span-id', message: 'an all-zero X-B3-SpanId is invalid: receivers drop the context' }]
        : [];
    case 'x-b3-sampled':
      // The B3 spec asks receivers to accept the legacy true/false too (the OpenTelemetry B3 propagator does).
      return /^(0|1|true|false|True|False)$/.test(v)
        ? []
        : [{ code: 'b3.sampling', message: `X-B3-Sampled must be 0 or 1 (true/false is accepted as legacy), got "${v}"` }];
    case 'x-b3-flags':
      return v === '1' ? [] : [{ code: 'b3.flags', message: `X-B3-Flags may only be 1 (debug), got "${v}"` }];
    default:
      return [];
  }
}

/** Jaeger: `uber-trace-id: {trace-id}:{span-id}:{parent-span-id}:{flags}` (`:` may arrive as %3A). */
export function checkUberTraceId(value: string): GrammarIssue[] {
  const parts = value.trim().replace(/%3A/gi, ':').split(':');
  if (parts.length !== 4) return [{ code: 'jaeger.format', message: 'expected trace-id:span-id:parent-span-id:flags' }];
  const [traceId, spanId, parentId, flags] = parts as [string, string, string, string];
  const issues: GrammarIssue[] = [];
  if (!HEX.test(traceId) || traceId.length > 32 || allZero(traceId))
    issues.push({ code: 'jaeger.trace-id', message: `trace id must be 1 to 32 hex digits, not all zero, got "${traceId}"` });
  if (!HEX.test(spanId) || spanId.length > 16 || allZero(spanId))
    issues.push({ code: 'jaeger.span-id', message: `span id must be 1 to 16 hex digits, not all zero, got "${spanId}"` });
  if (!HEX.test(parentId) || parentId.length > 16)
    issues.push({ code: 'jaeger.parent-id', message: `parent span id must be hex (0 for none), got "${parentId}"` });
  if (!/^[0-9a-f]{1,2}$/.test(flags)) issues.push({ code: 'jaeger.flags', message: `flags must be one or two hex digits, got "${flags}"` });
  return issues;
}

/** The propagation format a header belongs to, or undefined for an ordinary header. */
export function formatOfHeader(name: string): 'tracecontext' | 'baggage' | 'b3' | 'b3multi' | 'jaeger' | undefined {
  const lower = name.toLowerCase();
  if (lower === 'traceparent' || lower === 'tracestate') return 'tracecontext';
  if (lower === 'baggage') return 'baggage';
  if (lower === 'b3') return 'b3';
  if (lower.startsWith('x-b3-')) return 'b3multi';
  if (lower === 'uber-trace-id' || lower.startsWith('uberctx-')) return 'jaeger';
  return undefined;
}

/** Dispatches a header to its grammar. */
export function checkPropagationHeader(name: string, value: string): GrammarIssue[] {
  const lower = name.toLowerCase();
  if (lower === 'traceparent') return checkTraceparent(value);
  if (lower === 'tracestate') return checkTracestate(value);
  if (lower === 'baggage') return checkBaggage(value);
  if (lower === 'b3') return checkB3Single(value);
  if (lower.startsWith('x-b3-')) return checkB3MultiHeader(lower, value);
  if (lower === 'uber-trace-id') return checkUberTraceId(value);
  return [];
}
