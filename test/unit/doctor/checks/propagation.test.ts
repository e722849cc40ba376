import { describe, expect, it } from 'vitest';
import { byCode, codes, doctor } from '../helpers.js';

const SERVICE = { OTEL_SERVICE_NAME: 'doctor-test' };
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('propagation check', () => {
  it('round-trips every configured propagator and their combination', async () => {
    const report = await doctor({ ...SERVICE, OTEL_PROPAGATORS: 'tracecontext,baggage,b3multi,jaeger' }, { only: ['propagation'] });
    expect(byCode(report, 'PROPAGATION_ROUND_TRIP').map((f) => f.target)).toEqual(['tracecontext', 'baggage', 'b3multi', 'jaeger']);
    expect(report.exitCode).toBe(0);
  });

  it('warns that B3 or Jaeger listed after tracecontext drop the tracestate, and the reordered list keeps it', async () => {
    const report = await doctor({ ...SERVICE, OTEL_PROPAGATORS: 'tracecontext,baggage,b3multi,jaeger' }, { only: ['propagation'] });
    const [warning] = byCode(report, 'PROPAGATION_TRACESTATE_LOST_BY_ORDER');
    expect(warning?.hint).toBe('List tracecontext last: OTEL_PROPAGATORS=baggage,b3multi,jaeger,tracecontext');
    const reordered = await doctor({ ...SERVICE, OTEL_PROPAGATORS: 'baggage,b3multi,jaeger,tracecontext' }, { only: ['propagation'] });
    expect(codes(reordered, 'warn')).toEqual([]);
    expect(codes(reordered)).toContain('PROPAGATION_COMBINED_ROUND_TRIP');
  });

  it('warns when propagation is off', async () => {
    const report = await doctor({ ...SERVICE, OTEL_PROPAGATORS: 'none' }, { only: ['propagation'] });
    expect(codes(report)).toEqual(['PROPAGATION_DISABLED']);
    expect(byCode(report, 'PROPAGATION_DISABLED')[0]!.message).toContain('OTEL_PROPAGATORS is none');
  });

  it('says why propagation is off when every listed propagator was dropped, instead of showing an empty value', async () => {
    const report = await doctor({ ...SERVICE, OTEL_PROPAGATORS: 'xray' }, { only: ['propagation'] });
    expect(codes(report)).toEqual(['PROPAGATION_DISABLED']);
    expect(byCode(report, 'PROPAGATION_DISABLED')[0]!.message).toMatch(/^OTEL_PROPAGATORS names no propagator the Node SDK builds/);
  });

  it('validates TRACEPARENT, TRACESTATE and BAGGAGE from the environment', async () => {
    const report = await doctor(
      { ...SERVICE, TRACEPARENT: TRACEPARENT.replace('-01', '-1'), TRACESTATE: 'Vendor=1', BAGGAGE: 'user-id=user 42' },
      { only: ['propagation'] },
    );
    expect(codes(report, 'fail')).toEqual(['PROPAGATION_TRACEPARENT_FLAGS', 'PROPAGATION_TRACESTATE_KEY', 'PROPAGATION_BAGGAGE_VALUE']);
    expect(byCode(report, 'PROPAGATION_TRACEPARENT_FLAGS')[0]!.target).toBe('TRACEPARENT');
  });

  it('validates propagation headers given with --header and learns the upstream format from them', async () => {
    const report = await doctor(
      SERVICE,
      { only: ['propagation'] },
      { headers: ['b3=4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1', `traceparent=${TRACEPARENT}`] },
    );
    expect(byCode(report, 'PROPAGATION_VALUE_VALID').map((f) => f.message)).toEqual([
      '4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1',
      TRACEPARENT,
    ]);
    const [issue] = byCode(report, 'PROPAGATION_UPSTREAM_NOT_UNDERSTOOD');
    expect(issue?.target).toBe('b3');
    expect(issue?.hint).toBe('set OTEL_PROPAGATORS=b3,tracecontext,baggage');
  });

  it('does not claim context is lost for an upstream format it cannot simulate', async () => {
    const report = await doctor(SERVICE, { only: ['propagation'], upstream: ['xray'] });
    const [unsupported] = byCode(report, 'PROPAGATION_UPSTREAM_UNSUPPORTED');
    expect(unsupported?.status).toBe('skip');
    expect(unsupported?.title).toBe('xray peers: not simulated (needs an extra propagator package)');
  });

  it('confirms interoperability with a named upstream format', async () => {
    const report = await doctor(
      { ...SERVICE, OTEL_PROPAGATORS: 'tracecontext,baggage,jaeger' },
      { only: ['propagation'], upstream: ['jaeger'] },
    );
    expect(codes(report)).toContain('PROPAGATION_INTEROPERATES');
  });
});
