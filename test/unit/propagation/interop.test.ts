import { describe, expect, it } from 'vitest';
import { checkInterop, withPropagator } from '../../../src/propagation/interop.js';

describe('checkInterop', () => {
  it('finds nothing wrong when the configured propagators include the upstream format', () => {
    expect(checkInterop(['tracecontext', 'baggage'], ['tracecontext', 'baggage'])).toEqual([]);
    expect(checkInterop(['tracecontext', 'baggage', 'b3'], ['b3'])).toEqual([]);
  });

  it('flags a B3 upstream that a tracecontext-only service cannot read, with the exact fix', () => {
    const [issue] = checkInterop(['tracecontext', 'baggage'], ['b3']);
    expect(issue?.code).toBe('propagation.upstream-not-understood');
    expect(issue?.fix).toBe('set OTEL_PROPAGATORS=tracecontext,baggage,b3');
    expect(issue?.losses.map((loss) => loss.field)).toContain('traceId');
  });

  it('treats B3 single and multi as one format, since the B3 propagator extracts both encodings', () => {
    expect(checkInterop(['tracecontext', 'b3'], ['b3multi'])).toEqual([]);
  });

  it('flags a peer that reads only tracecontext when this service writes only Jaeger headers', () => {
    const [issue] = checkInterop(['jaeger'], ['tracecontext']);
    expect(issue?.code).toBe('propagation.upstream-not-understood');
    const both = checkInterop(['jaeger', 'tracecontext'], ['tracecontext']);
    expect(both).toEqual([]);
  });

  it('says when a format cannot be simulated without an extra package', () => {
    expect(checkInterop(['tracecontext'], ['xray'])[0]?.code).toBe('propagation.upstream-unsupported');
  });

  it('drops none when suggesting a list', () => {
    expect(withPropagator(['none'], 'tracecontext')).toBe('tracecontext');
  });
});
