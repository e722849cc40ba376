import { sanitize } from '../../../src/boundary/sanitize.js';
import { describe, expect, it } from 'vitest';
import { formatDuration, renderDoctorHuman } from '../../../src/report/doctor-human.js';
import type { DoctorReport, Finding } from '../../../src/doctor/types.js';
import { severityOf } from '../../../src/doctor/checks/finding.js';

/** Findings as the checks make them: the severity follows from the status. */
function report(given: Array<Omit<Finding, 'severity'>>, checkId = 'canary'): DoctorReport {
  const findings: Finding[] = given.map((finding) => ({ ...finding, severity: severityOf(finding.status) }));
  const summary = { pass: 0, warn: 0, fail: 0, skip: 0, interrupted: 0 };
  for (const finding of findings) summary[finding.status] += 1;
  return {
    tool: 'otel-proc doctor',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1234,
    timeoutMs: 5000,
    endpoints: [{ signal: 'traces', protocol: 'grpc', url: 'http://localhost:4317', active: true }],
    checks: [{ id: checkId, title: 'Protocol', durationMs: 3, findings }],
    summary,
    interrupted: summary.interrupted > 0,
    exitCode: summary.interrupted > 0 ? 130 : summary.fail > 0 ? 1 : 0,
  };
}

describe('renderDoctorHuman', () => {
  it('prints passes on one line, and the rest of the message and the fix under failures', () => {
    const text = renderDoctorHuman(
      report([
        { code: 'PROTOCOL_MATCH', status: 'pass', title: '4317 speaks gRPC', message: 'evidence', durationMs: 2 },
        { code: 'config.X', status: 'fail', title: 'Bad thing', message: 'Bad thing: because of this.', hint: 'Do that.', durationMs: 0.4 },
      ]),
      false,
    );
    expect(text).toContain(
      '  ✔ 4317 speaks gRPC  2 ms  PROTOCOL_MATCH\n  ✖ Bad thing  0 ms  config.X\n      because of this.\n      fix: Do that.\n',
    );
    expect(text).not.toContain('evidence');
    expect(text).toContain('✖ 1 failed  ⚠ 0 warnings  ✔ 1 passed  – 0 skipped  in 1.23 s');
    expect(text).toContain('Start with: Bad thing');
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('marks checks an interrupt cut short, counts them, and claims no delivery', () => {
    const text = renderDoctorHuman(
      report([
        { code: 'REACHABILITY_TCP', status: 'pass', title: 'port open', message: 'ok', durationMs: 2 },
        {
          code: 'PROTOCOL_INTERRUPTED',
          status: 'interrupted',
          title: 'interrupted before this check finished',
          message: 'the run was stopped while this check was running, so it proves nothing',
          durationMs: 800,
        },
      ]),
      false,
    );
    expect(text).toContain(
      '  ⊘ interrupted before this check finished  800 ms  PROTOCOL_INTERRUPTED\n      the run was stopped while this check was running, so it proves nothing\n',
    );
    expect(text).toContain('✖ 0 failed  ⚠ 0 warnings  ✔ 1 passed  – 0 skipped  ⊘ 1 interrupted  in 1.23 s');
    expect(text).toContain('Interrupted: the checks marked ⊘ did not finish, so delivery was not proven.');
    expect(text).not.toContain('Telemetry should arrive');
  });

  it('colours only when asked', () => {
    // Colours travel as the output boundary's tokens and become escape sequences only there.
    const text = sanitize(
      renderDoctorHuman(report([{ code: 'a.b', status: 'warn', title: 'Careful', message: 'why', durationMs: 1 }]), true),
      { secrets: [], keepStyle: true },
    );
    expect(text).toMatch(/\u001b\[33m⚠/);
    expect(text).toContain('Telemetry should arrive; the warnings above can still lose some of it.');
  });

  it('keeps a multi-line message under its finding', () => {
    const text = renderDoctorHuman(
      report([
        { code: 'REACHABILITY_TLS_ERROR', status: 'fail', title: 'TLS handshake failed', message: 'line one:\nline two\n', durationMs: 1 },
      ]),
      false,
    );
    expect(text).toContain('  ✖ TLS handshake failed  1 ms  REACHABILITY_TLS_ERROR\n      line one:\n      line two\n\n');
  });

  it('does not promise delivery when the canary did not run', () => {
    const text = renderDoctorHuman(
      report([{ code: 'SAMPLING_ROOT_FRACTION', status: 'pass', title: 'keeps 100%', message: '', durationMs: 1 }], 'sampling'),
      false,
    );
    expect(text).not.toContain('Telemetry should arrive');
    expect(text).toContain('the canary was not run (--only/--skip), so delivery was not tested');
  });

  it('formats durations for people', () => {
    expect(formatDuration(0.4)).toBe('0 ms');
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
  });
});
