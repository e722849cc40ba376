/**
 * `validate --format sarif|junit`: the validate report (the app's diagnostics and, with
 * --collector-config, the Collector's) as SARIF for code scanning or JUnit XML for CI test reports.
 * JUnit has one test case per rule and file checked: it passes when the rule found nothing there,
 * fails once per error (and per warning under --strict); other warnings are kept as output.
 */
import type { Diagnostic, ValueSource } from '../config/types.js';
import type { ValidateReport } from '../validate/report.js';
import { renderJunit, type JunitCase, type JunitSuite } from './junit.js';
import { RULES, sarifLevel } from './rule-catalogue.js';
import { renderSarif, type SarifRule } from './sarif.js';

/** Where diagnostics without a file (variables, flags, defaults) are filed in JUnit. */
const ENVIRONMENT = 'environment';

function location(source: ValueSource | undefined): { file?: string; line?: number } {
  if (source?.kind === 'file') return { file: source.path, ...(source.line !== undefined ? { line: source.line } : {}) };
  if (source?.kind === 'env' && source.file) return { file: source.file, ...(source.line !== undefined ? { line: source.line } : {}) };
  return {};
}

/** The message with the setting it is about, when the location cannot say it (a variable or a flag). */
function messageOf(diagnostic: Diagnostic): string {
  const source = diagnostic.source;
  const prefix = source?.kind === 'env' && !source.file ? `${source.name}: ` : source?.kind === 'flag' ? `${source.flag}: ` : '';
  return `${prefix}${diagnostic.message}${diagnostic.hint ? ` Fix: ${diagnostic.hint}` : ''}`;
}

export function renderValidateSarif(report: ValidateReport, version: string): string {
  const known = new Set(RULES.map((rule) => rule.id));
  const rules: SarifRule[] = RULES.map((rule) => ({
    id: rule.id,
    summary: rule.summary,
    level: sarifLevel(rule.severity),
    tags: rule.tags,
  }));
  for (const diagnostic of report.diagnostics) {
    if (known.has(diagnostic.code)) continue;
    known.add(diagnostic.code);
    rules.push({ id: diagnostic.code, summary: diagnostic.code, level: sarifLevel(diagnostic.severity) });
  }
  const results = report.diagnostics.map((diagnostic) => ({
    ruleId: diagnostic.code,
    level: sarifLevel(diagnostic.severity),
    message: messageOf(diagnostic),
    ...location(diagnostic.source),
  }));
  const fallbackFile =
    report.files.envFile ?? report.files.configFile ?? report.collector?.files[0] ?? report.files.declarativeConfigFile ?? ENVIRONMENT;
  return renderSarif({ toolName: 'otel-proc', version, rules, results, fallbackFile });
}

function fileOf(diagnostic: Diagnostic): string {
  return location(diagnostic.source).file ?? ENVIRONMENT;
}

export function renderValidateJunit(report: ValidateReport): string {
  const collectorFiles = new Set(report.collector?.files ?? []);
  const appFiles = [ENVIRONMENT, report.files.envFile, report.files.configFile, report.files.declarativeConfigFile].filter(
    (file): file is string => file !== undefined,
  );
  const files = [...new Set([...appFiles, ...collectorFiles, ...report.diagnostics.map(fileOf)])];
  const suites: JunitSuite[] = files.map((file) => {
    const scope = collectorFiles.has(file) ? 'collector' : 'app';
    const here = report.diagnostics.filter((diagnostic) => fileOf(diagnostic) === file);
    const codes = [
      ...new Set([...RULES.filter((rule) => rule.scope === scope).map((rule) => rule.id), ...here.map((diagnostic) => diagnostic.code)]),
    ];
    const cases = codes.map((code): JunitCase => {
      const found = here.filter((diagnostic) => diagnostic.code === code);
      const failing = found.filter((diagnostic) => diagnostic.severity === 'error' || (report.strict && diagnostic.severity === 'warning'));
      const kept = found.filter((diagnostic) => !failing.includes(diagnostic));
      const where = (diagnostic: Diagnostic): string => {
        const { line } = location(diagnostic.source);
        return `${file}${line !== undefined ? `:${line}` : ''}`;
      };
      return {
        name: code,
        classname: `otel-proc.validate.${file}`,
        failures: failing.map((diagnostic) => ({
          type: code,
          message: messageOf(diagnostic),
          body: `${where(diagnostic)}: ${messageOf(diagnostic)}`,
        })),
        output: kept.map((diagnostic) => `${diagnostic.severity} ${where(diagnostic)}: ${messageOf(diagnostic)}`),
      };
    });
    return { name: file === ENVIRONMENT ? 'environment variables and flags' : file, ...(file === ENVIRONMENT ? {} : { file }), cases };
  });
  return renderJunit('otel-proc validate', suites);
}
