/**
 * Collector findings in the one findings model: `{ code, severity, message, source, hint }` with the
 * source a file position (`path`, the dotted `key`, the 1-based `line`). Severity comes from the
 * catalogue, so rules only choose words.
 */
import type { Diagnostic, ValueSource } from '../config/types.js';
import { COLLECTOR_CATALOGUE, type CollectorCode } from './catalogue.js';
import type { Origin } from './tree.js';

export function fileSource(origin: Origin, key: string): ValueSource {
  return { kind: 'file', path: origin.path, key, line: origin.line };
}

export class CollectorFindings {
  readonly diagnostics: Diagnostic[] = [];

  report(code: CollectorCode, message: string, where: { origin: Origin; key: string } | undefined, hint?: string): void {
    const diagnostic: Diagnostic = { code, severity: COLLECTOR_CATALOGUE[code].severity, message };
    if (where) diagnostic.source = fileSource(where.origin, where.key);
    if (hint) diagnostic.hint = hint;
    this.diagnostics.push(diagnostic);
  }
}

/** `file:line`, the way a finding names a Collector position in its words. */
export function describeOrigin(origin: Origin): string {
  return `${origin.path}:${origin.line}`;
}
