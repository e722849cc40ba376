import { describe, expect, it } from 'vitest';
import { checkInterop, withPropagator } from '../../../src/propagation/interop.js';
import { randomSample, roundTrip } from '../../../src/propagation/roundtrip.js';

describe('checkInterop', () => {
  it('finds nothing wrong when the configured propagators include the upstream format', () => {
    expect(checkInterop(['tracecontext', 'baggage'], ['tracecontext', 'baggage'])).toEqual([]);
    expect(checkInterop(['tracecontext', 'baggage', 'b3'], ['b3'])).toEqual([]);
  });

  it('flags a B3 upstream that a tracecontext-only service cannot read, with the exact fix', () => {
    const [issue] = checkInterop(['tracecontext', 'baggage'], ['b3']);
    expect(issue?.code).toBe('PROPAGATION_UPSTREAM_NOT_UNDERSTOOD');
    expect(issue?.fix).toBe('set OTEL_PROPAGATORS=b3,tracecontext,baggage');
    expect(issue?.losses.map((loss) => loss.field)).toContain('traceId');
  });

  it('treats B3 single and multi as one format, since the B3 propagator extracts both encodings', () => {
    expect(checkInterop(['tracecontext', 'b3'], ['b3multi'])).toEqual([]);
  });

  it('flags a peer that reads only tracecontext when this service writes only Jaeger headers', () => {
    const [issue] = checkInterop(['jaeger'], ['tracecontext']);
    expect(issue?.code).toBe('PROPAGATION_UPSTREAM_NOT_UNDERSTOOD');
    const both = checkInterop(['jaeger', 'tracecontext'], ['tracecontext']);
    expect(both).toEqual([]);
  });

  it('says when a format cannot be simulated without an extra package', () => {
    expect(checkInterop(['tracecontext'], ['xray'])[0]?.code).toBe('PROPAGATION_UPSTREAM_UNSUPPORTED');
  });

  it('suggests lists that interoperate and keep the tracestate, so following one fix does not raise the next warning', () => {
    for (const configured of [['tracecontext', 'baggage'], ['tracecontext'], ['b3'], ['jaeger'], ['baggage']]) {
      for (const upstream of ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger']) {
        const issues = checkInterop(configured, [upstream]);
        if (issues.length === 0) continue;
        const suggested = /OTEL_PROPAGATORS=(\S+)/.exec(issues[0]!.fix)![1]!.split(',');
        expect(checkInterop(suggested, [upstream]), `${configured} + ${upstream} → ${suggested}`).toEqual([]);
        expect(roundTrip(suggested, randomSample(true)).losses, `${suggested} round trip`).toEqual([]);
      }
    }
  });

  it('drops none when suggesting a list', () => {
    expect(withPropagator(['none'], 'tracecontext')).toBe('tracecontext');
  });
});
