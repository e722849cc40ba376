/**
 * GitHub Actions workflow commands (`::error file=...,line=...,title=...::message`), escaped as the
 * runner expects: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 * Any command's findings can be printed with these; the runner turns them into annotations on the
 * pull request, on the file and line when there is one.
 */
import type { Severity } from '../config/types.js';

export interface Annotation {
  severity: Severity;
  message: string;
  title?: string;
  file?: string;
  line?: number;
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Message data: %, CR and LF are escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape ":" and ",". */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatAnnotation(annotation: Annotation): string {
  const properties: string[] = [];
  if (annotation.file) properties.push(`file=${escapeProperty(annotation.file)}`);
  if (annotation.file && annotation.line !== undefined) properties.push(`line=${annotation.line}`);
  if (annotation.title) properties.push(`title=${escapeProperty(annotation.title)}`);
  return `::${COMMAND[annotation.severity]}${properties.length ? ` ${properties.join(',')}` : ''}::${escapeData(annotation.message)}`;
}
