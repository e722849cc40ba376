/**
 * Collecting diagnostics while resolving. Every finding carries a stable code from the catalogue;
 * the catalogue gives each code its usual severity so call sites only decide the words.
 */
import { CATALOGUE, type DiagnosticCode } from './catalogue.js';
import type { Diagnostic, Severity, ValueSource } from './types.js';

export interface DiagnosticDetails {
  source?: ValueSource;
  hint?: string;
  /** Override the catalogue severity (e.g. a rule that is only informative in some contexts). */
  severity?: Severity;
}

export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  report(code: DiagnosticCode, message: string, details: DiagnosticDetails = {}): void {
    const diagnostic: Diagnostic = { code, severity: details.severity ?? CATALOGUE[code].severity, message };
    if (details.source) diagnostic.source = details.source;
    if (details.hint) diagnostic.hint = details.hint;
    this.diagnostics.push(diagnostic);
  }
}

/** A short, human description of where a value came from, for messages and renderers. */
export function describeSource(source: ValueSource | undefined): string {
  if (!source) return '';
  switch (source.kind) {
    case 'flag':
      return source.flag;
    case 'env':
      return source.file ? `${source.name} (${source.file}${source.line ? `:${source.line}` : ''})` : source.name;
    case 'file':
      return `${source.path}${source.line ? `:${source.line}` : ''} (${source.key})`;
    case 'default':
      return 'default';
  }
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then notes; stable within a severity. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort((a, b) => SEVERITY_ORDER[a.diagnostic.severity] - SEVERITY_ORDER[b.diagnostic.severity] || a.index - b.index)
    .map(({ diagnostic }) => diagnostic);
}

/**
 * Drop repeats: one general variable (OTEL_EXPORTER_OTLP_ENDPOINT, ..._HEADERS) feeds all three
 * signals and would otherwise raise the same finding three times, differing only in the signal's
 * name. The first (traces) stays.
 */
export function dedupeDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const message = diagnostic.message.replace(/\b(traces|metrics|logs)\b/g, '<signal>');
    const key = `${diagnostic.code}\u0000${message}\u0000${JSON.stringify(diagnostic.source ?? null)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
