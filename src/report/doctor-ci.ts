/**
 * `doctor --format sarif|junit`: the checklist for code scanning and CI test reports. SARIF: one
 * rule per finding code, a result per failure or warning, placed on the Collector line when the
 * finding has one. JUnit: a suite per check, a case per finding; failures fail, warnings only under
 * --strict, skipped checks are skipped.
 */
import type { DoctorReport, Finding } from '../doctor/types.js';
import { renderJunit, type JunitCase } from './junit.js';
import { renderSarif, type SarifResult, type SarifRule } from './sarif.js';

function fileOf(finding: Finding): { file?: string; line?: number } {
  const source = finding.details?.source as { kind?: string; path?: string; line?: number } | undefined;
  if (source?.kind !== 'file' || !source.path) return {};
  return { file: source.path, ...(source.line !== undefined ? { line: source.line } : {}) };
}

function text(finding: Finding): string {
  return `${finding.title}: ${finding.message}${finding.hint ? ` Fix: ${finding.hint}` : ''}`;
}

export function renderDoctorSarif(report: DoctorReport, version: string): string {
  const rules = new Map<string, SarifRule>();
  const results: SarifResult[] = [];
  for (const check of report.checks) {
    for (const finding of check.findings) {
      if (!rules.has(finding.code))
        rules.set(finding.code, {
          id: finding.code,
          summary: `${check.title}: ${finding.title}`,
          level: finding.status === 'fail' ? 'error' : finding.status === 'warn' ? 'warning' : 'note',
          tags: ['doctor', check.id],
        });
      if (finding.status !== 'fail' && finding.status !== 'warn') continue;
      results.push({
        ruleId: finding.code,
        level: finding.status === 'fail' ? 'error' : 'warning',
        message: text(finding),
        ...fileOf(finding),
      });
    }
  }
  const located = results.find((result) => result.file)?.file;
  return renderSarif({ toolName: 'otel-proc', version, rules: [...rules.values()], results, fallbackFile: located ?? 'otel-proc-doctor' });
}

export function renderDoctorJunit(report: DoctorReport, strict: boolean): string {
  const suites = report.checks.map((check) => ({
    name: check.title,
    cases: check.findings.map((finding): JunitCase => {
      const located = fileOf(finding);
      const where = located.file ? `${located.file}${located.line ? `:${located.line}` : ''}: ` : '';
      const failing = finding.status === 'fail' || (strict && finding.status === 'warn');
      return {
        name: `${finding.code}${finding.target ? ` [${finding.target}]` : ''}`,
        classname: `otel-proc.doctor.${check.id}`,
        timeSeconds: finding.durationMs / 1000,
        failures: failing ? [{ type: finding.code, message: finding.title, body: `${where}${text(finding)}` }] : [],
        ...(finding.status === 'skip' ? { skipped: finding.message } : {}),
        ...(finding.status === 'warn' && !failing ? { output: [`warning ${where}${text(finding)}`] } : {}),
      };
    }),
  }));
  return renderJunit('otel-proc doctor', suites);
}
