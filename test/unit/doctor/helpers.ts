/**
 * Runs the doctor core in-process against real peers: resolve the configuration from a given
 * environment (OTEL_* only, nothing from the developer's shell), then runDoctor. The app-sdk check
 * is left out unless a test asks for it: it forks the built child (dist/app-sdk/child.js), so its
 * tests live with the built CLI in test/cli/doctor-app-sdk.test.ts.
 */
import { resolveConfig } from '../../../src/config/resolve.js';
import { runDoctor } from '../../../src/doctor/run.js';
import type { DoctorOptions, DoctorReport, Finding } from '../../../src/doctor/types.js';

export async function doctor(
  env: Record<string, string>,
  options: Partial<DoctorOptions> = {},
  flags: { headers?: string[] } = {},
): Promise<DoctorReport> {
  const resolution = await resolveConfig({ env, cwd: process.cwd(), noConfigSearch: true, flags: { headers: flags.headers } });
  const skip = options.only?.includes('app-sdk') ? options.skip : [...(options.skip ?? []), 'app-sdk'];
  return runDoctor(resolution, env, { timeoutMs: 2000, headerFlags: flags.headers, ...options, skip });
}

export function findings(report: DoctorReport): Finding[] {
  return report.checks.flatMap((check) => check.findings);
}

export function codes(report: DoctorReport, status?: Finding['status']): string[] {
  return findings(report)
    .filter((f) => status === undefined || f.status === status)
    .map((f) => f.code);
}

export function byCode(report: DoctorReport, code: string): Finding[] {
  return findings(report).filter((f) => f.code === code);
}
