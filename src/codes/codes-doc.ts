/**
 * docs/codes.md as a string, generated from the catalogues (scripts/docs/gen-codes.mjs writes it;
 * a unit test fails when the committed file differs).
 */
import { REFUSAL_CODES } from '../collector/catalogue.js';
import { ALL_CATALOGUES } from './catalogues.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderCodesDoc(): string {
  const lines = [
    '# Finding codes',
    '',
    '<!-- Generated from src/**/catalogue.ts by `npm run docs:codes`: do not edit by hand. -->',
    '',
    'Every code otel-proc can report, by the part of otel-proc that raises it. Codes are stable: match',
    'on the code in CI and scripts, never on the wording. The severity is the usual one (a doctor',
    'finding is an error when its check fails, a warning when it warns, and information otherwise).',
    '',
  ];
  for (const { domain, title, entries } of ALL_CATALOGUES) {
    const collector = domain === 'collector';
    lines.push(`## ${title}`, '');
    if (collector)
      lines.push(
        '"Refused" is yes when the Collector itself refuses to start with the configuration (`otelcol validate` fails); the other findings are advice the Collector accepts.',
        '',
      );
    lines.push(collector ? '| Code | Severity | Refused | Meaning |' : '| Code | Severity | Meaning |');
    lines.push(collector ? '| --- | --- | --- | --- |' : '| --- | --- | --- |');
    for (const [code, { severity, summary }] of Object.entries(entries)) {
      lines.push(
        collector
          ? `| \`${code}\` | ${severity} | ${REFUSAL_CODES.has(code) ? 'yes' : 'no'} | ${cell(summary)} |`
          : `| \`${code}\` | ${severity} | ${cell(summary)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
