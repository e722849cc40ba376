/**
 * Environment variable substitution in a declarative configuration file
 * (https://opentelemetry.io/docs/specs/otel/configuration/data-model/#environment-variable-substitution):
 * `${VAR}`, `${env:VAR}`, `${VAR:-default}`, `$$` for a literal `$`; only in scalar values, never keys; a
 * plain (unquoted) result is re-read as a YAML scalar. Mirrors @opentelemetry/configuration's
 * substituteEnvVars, but reports instead of throwing.
 */
import { parse as parseYaml, Scalar, visit, type Document, type LineCounter } from 'yaml';

// The JS SDK's ENV_SUBSTITUTION_RE (copied from OTel Java): a name, then optionally :- and a default.
const REFERENCE_BODY = /^([a-zA-Z_][a-zA-Z0-9_]*)(?::-([^\n}]*))?$/;

export interface SubstitutionFinding {
  kind: 'invalid' | 'unset';
  reference: string;
  line?: number;
}

export interface SubstitutionResult {
  /** Variable names the file references (they are not "ignored" when OTEL_CONFIG_FILE is set). */
  referenced: Set<string>;
  findings: SubstitutionFinding[];
}

export function substituteVariables(
  document: Document,
  lineCounter: LineCounter,
  lookup: (name: string) => string | undefined,
): SubstitutionResult {
  const result: SubstitutionResult = { referenced: new Set(), findings: [] };
  visit(document, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string') return;
      const line = node.range ? lineCounter.linePos(node.range[0]).line : undefined;
      const substituted = substituteText(node.value, lookup, result, line);
      if (substituted === node.value) return;
      node.value = node.type === Scalar.PLAIN ? coerceScalar(substituted) : substituted;
    },
  });
  return result;
}

function substituteText(
  text: string,
  lookup: (name: string) => string | undefined,
  result: SubstitutionResult,
  line: number | undefined,
): string {
  return text
    .split(/(\$\$)/)
    .map((chunk, index) => {
      if (index % 2 === 1) return '$';
      return chunk.replace(/\$\{(?:env:)?([^}]+)\}/g, (reference: string, body: string) => {
        const match = REFERENCE_BODY.exec(body);
        if (!match) {
          result.findings.push({ kind: 'invalid', reference, ...(line !== undefined ? { line } : {}) });
          return reference;
        }
        const name = match[1]!;
        result.referenced.add(name);
        const value = lookup(name);
        if ((value === undefined || value.trim() === '') && match[2] === undefined) {
          result.findings.push({ kind: 'unset', reference, ...(line !== undefined ? { line } : {}) });
        }
        return value !== undefined && value.trim() !== '' ? value : (match[2] ?? '');
      });
    })
    .join('');
}

/** A substituted plain scalar may become a number, boolean or null, but never a structure. */
function coerceScalar(text: string): unknown {
  try {
    const value: unknown = parseYaml(text, { version: '1.2' });
    return value === null || typeof value === 'number' || typeof value === 'boolean' ? value : text;
  } catch {
    return text;
  }
}
