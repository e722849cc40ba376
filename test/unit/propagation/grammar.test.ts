import { describe, expect, it } from 'vitest';
import {
  checkB3MultiHeader,
  checkB3Single,
  checkBaggage,
  checkPropagationHeader,
  checkTraceparent,
  checkTracestate,
  checkUberTraceId,
  formatOfHeader,
  traceparentSampled,
} from '../../../src/propagation/grammar.js';

const codes = (issues: Array<{ code: string }>): string[] => issues.map((issue) => issue.code);
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('traceparent (W3C Trace Context §3.2)', () => {
  it('accepts the specification example and reads the sampled flag', () => {
    expect(checkTraceparent(`00-${TRACE}-${SPAN}-01`)).toEqual([]);
    expect(traceparentSampled(`00-${TRACE}-${SPAN}-01`)).toBe(true);
    expect(traceparentSampled(`00-${TRACE}-${SPAN}-00`)).toBe(false);
  });
  it.each([
    [`00-${TRACE.toUpperCase()}-${SPAN}-01`, 'traceparent.uppercase'],
    [`ff-${TRACE}-${SPAN}-01`, 'traceparent.version-ff'],
    [`00-${'0'.repeat(32)}-${SPAN}-01`, 'traceparent.zero-trace-id'],
    [`00-${TRACE}-${'0'.repeat(16)}-01`, 'traceparent.zero-parent-id'],
    [`00-${TRACE}-${SPAN}-01-extra`, 'traceparent.format'],
    [`00-${TRACE.slice(2)}-${SPAN}-01`, 'traceparent.trace-id'],
    [`00-${TRACE}-${SPAN}-1`, 'traceparent.flags'],
    ['garbage', 'traceparent.format'],
  ])('rejects %s with %s', (value, code) => {
    expect(codes(checkTraceparent(value))).toContain(code);
  });
  it('parses a future version leniently', () => {
    expect(checkTraceparent(`cc-${TRACE}-${SPAN}-01-what-the-future-holds`)).toEqual([]);
  });
});

describe('tracestate (§3.3)', () => {
  it('accepts simple and multi-tenant keys', () => {
    expect(checkTracestate('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,tenant@vendor=x')).toEqual([]);
  });
  it('rejects uppercase keys, duplicates, = in values and more than 32 members', () => {
    expect(codes(checkTracestate('Rojo=1'))).toEqual(['tracestate.key']);
    expect(codes(checkTracestate('a=1,a=2'))).toEqual(['tracestate.duplicate-key']);
    expect(codes(checkTracestate('a=b=c'))).toEqual(['tracestate.value']);
    const many = Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(',');
    expect(codes(checkTracestate(many))).toEqual(['tracestate.too-many-members']);
  });
});

describe('baggage (W3C Baggage §3)', () => {
  it('accepts percent-encoded values and properties', () => {
    expect(checkBaggage('user-id=user%2042,tenant-id=acme;ttl=60')).toEqual([]);
  });
  it('rejects unencoded spaces, keys with spaces, broken escapes and oversize headers', () => {
    expect(codes(checkBaggage('user-id=user 42'))).toEqual(['baggage.value']);
    expect(codes(checkBaggage('user id=1'))).toEqual(['baggage.key']);
    expect(codes(checkBaggage('k=%zz'))).toEqual(['baggage.percent-encoding']);
    expect(codes(checkBaggage('novalue'))).toEqual(['baggage.member-format']);
    expect(codes(checkBaggage(`k=${'v'.repeat(8200)}`))).toEqual(['baggage.too-long']);
  });
});

describe('B3 and Jaeger', () => {
  it('checks the single header', () => {
    expect(checkB3Single(`${TRACE}-${SPAN}-1-${SPAN}`)).toEqual([]);
    expect(checkB3Single('0')).toEqual([]);
    expect(codes(checkB3Single(`${TRACE}-${SPAN}-true`))).toEqual(['b3.sampling']);
    expect(codes(checkB3Single(`${TRACE}-abc`))).toEqual(['b3.span-id']);
  });
  it('checks multi headers', () => {
    expect(checkB3MultiHeader('X-B3-TraceId', TRACE.slice(16))).toEqual([]);
    expect(codes(checkB3MultiHeader('X-B3-Sampled', 'yes'))).toEqual(['b3.sampling']);
    // Legacy true/false: the B3 spec asks receivers to accept it, and the OpenTelemetry propagator does.
    expect(checkB3MultiHeader('X-B3-Sampled', 'true')).toEqual([]);
  });
  it('flags all-zero ids, which receivers drop although their shape is right', () => {
    expect(codes(checkB3Single(`${'0'.repeat(32)}-${SPAN}-1`))).toEqual(['b3.zero-trace-id']);
    expect(codes(checkB3Single(`${TRACE}-${'0'.repeat(16)}`))).toEqual(['b3.zero-span-id']);
    expect(codes(checkB3MultiHeader('X-B3-TraceId', '0'.repeat(16)))).toEqual(['b3.zero-trace-id']);
    expect(codes(checkB3MultiHeader('X-B3-SpanId', '0'.repeat(16)))).toEqual(['b3.zero-span-id']);
  });
  it('checks uber-trace-id, including the URL-encoded form', () => {
    expect(checkUberTraceId(`${TRACE}:${SPAN}:0:1`)).toEqual([]);
    expect(checkUberTraceId(`${TRACE}%3A${SPAN}%3A0%3A1`)).toEqual([]);
    expect(codes(checkUberTraceId(`${TRACE}:${SPAN}:0`))).toEqual(['jaeger.format']);
    expect(codes(checkUberTraceId(`${TRACE}:0:0:1`))).toEqual(['jaeger.span-id']);
  });
  it('routes headers to their format', () => {
    expect(formatOfHeader('X-B3-SpanId')).toBe('b3multi');
    expect(formatOfHeader('authorization')).toBeUndefined();
    expect(codes(checkPropagationHeader('TraceParent', 'x'))).toEqual(['traceparent.format']);
  });
});
