/**
 * `validate --format github`: one workflow command per diagnostic, on the config file or env file
 * line when the value came from one, then a plain summary line for the log.
 */
import type { Diagnostic } from '../config/types.js';
import type { ValidateReport } from '../validate/report.js';
import { formatAnnotation, type Annotation } from './github.js';

export function renderValidateGithub(report: ValidateReport): string {
  const lines = report.diagnostics.map((diagnostic) => formatAnnotation(toAnnotation(diagnostic)));
  const { error, warning, info } = report.summary;
  lines.push(
    `otel-proc validate: ${report.ok ? 'valid' : 'invalid'} (${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(info, 'note')})`,
  );
  return `${lines.join('\n')}\n`;
}

function toAnnotation(diagnostic: Diagnostic): Annotation {
  const annotation: Annotation = {
    severity: diagnostic.severity,
    title: diagnostic.code,
    message: diagnostic.hint ? `${diagnostic.message} ${diagnostic.hint}` : diagnostic.message,
  };
  const source = diagnostic.source;
  if (source?.kind === 'file') {
    annotation.file = source.path;
    if (source.line !== undefined) annotation.line = source.line;
  } else if (source?.kind === 'env' && source.file) {
    annotation.file = source.file;
    if (source.line !== undefined) annotation.line = source.line;
  } else if (source?.kind === 'env') {
    annotation.message = `${source.name}: ${annotation.message}`;
  } else if (source?.kind === 'flag') {
    annotation.message = `${source.flag}: ${annotation.message}`;
  }
  return annotation;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `file:line:col: message` (the form ConfigurationError uses for unparseable files) as an annotation. */
export function annotateConfigurationError(message: string): string {
  const located = /^(.+?):(\d+)(?::\d+)?: (.*)$/s.exec(message);
  const annotation: Annotation = located
    ? { severity: 'error', title: 'CONFIG_FILE_UNREADABLE', file: located[1]!, line: Number(located[2]), message: located[3]! }
    : { severity: 'error', title: 'CONFIG_FILE_UNREADABLE', message };
  return `${formatAnnotation(annotation)}\n`;
}
