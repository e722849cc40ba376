/**
 * `${env:VAR}`, `${VAR}` and `${env:VAR:-default}` in Collector configuration values, expanded as the
 * Collector's confmap resolver does: `$$` is a literal `$`; a value that is one reference alone takes
 * the variable's YAML-typed value (`4317` a number, empty a null), inside longer text it is pasted
 * as text. Other providers (`${file:...}`, `${http:...}`) are left as written and reported.
 * https://opentelemetry.io/docs/collector/configuration/#environment-variables
 * https://github.com/open-telemetry/opentelemetry-collector/blob/main/confmap/provider/envprovider/provider.go
 */
import { parse } from 'yaml';
import type { ConfigNode, Origin } from './tree.js';

export type EnvLookup = (name: string) => string | undefined;

export interface SubstitutionNote {
  kind: 'unset' | 'other-provider' | 'invalid-name';
  /** The variable name or the whole reference. */
  name: string;
  origin: Origin;
  /** The key path of the value, e.g. `receivers.otlp.protocols.grpc.endpoint`. */
  key: string;
}

const REFERENCE = /\$\$|\$\{([^${}]*)\}/g;
const ENV_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function resolveReference(
  body: string,
  lookup: EnvLookup,
  note: (kind: SubstitutionNote['kind'], name: string) => void,
): { text: string; typed: unknown } | undefined {
  // Without a scheme the Collector's default, env, applies; `${VAR:-x}` therefore names a scheme
  // `VAR` and is not a default (only `${env:VAR:-x}` is).
  const colon = body.indexOf(':');
  const scheme = colon < 0 ? 'env' : body.slice(0, colon);
  if (scheme !== 'env') {
    note('other-provider', `\${${body}}`);
    return undefined;
  }
  const rest = colon < 0 ? body : body.slice(colon + 1);
  const defaultAt = rest.indexOf(':-');
  const name = defaultAt < 0 ? rest : rest.slice(0, defaultAt);
  const fallback = defaultAt < 0 ? undefined : rest.slice(defaultAt + 2);
  if (!ENV_NAME.test(name)) {
    note('invalid-name', name);
    return undefined;
  }
  const value = lookup(name);
  if (value === undefined) {
    if (fallback === undefined) note('unset', name);
    // An empty default is the empty string; anything else is read as YAML, like a set variable.
    if (fallback === '') return { text: '', typed: '' };
    return { text: fallback ?? '', typed: fallback === undefined ? null : parse(fallback) };
  }
  return { text: value, typed: value === '' ? null : parse(value) };
}

/** Expands one scalar; `notes` collects unset variables and references we cannot follow. */
export function expandValue(value: unknown, lookup: EnvLookup, note: (kind: SubstitutionNote['kind'], name: string) => void): unknown {
  if (typeof value !== 'string' || !value.includes('$')) return value;
  const whole = /^\$\{([^${}]*)\}$/.exec(value);
  if (whole) {
    const resolved = resolveReference(whole[1]!, lookup, note);
    return resolved ? resolved.typed : value;
  }
  return value.replace(REFERENCE, (match, body: string | undefined) => {
    if (match === '$$') return '$';
    const resolved = resolveReference(body!, lookup, note);
    return resolved ? resolved.text : match;
  });
}

/** A copy of the tree with every scalar expanded (keys are never expanded, as in the Collector). */
export function substituteTree(node: ConfigNode, lookup: EnvLookup, notes: SubstitutionNote[], key = ''): ConfigNode {
  if (node.kind === 'scalar') {
    const value = expandValue(node.value, lookup, (kind, name) => notes.push({ kind, name, origin: node.origin, key }));
    return { ...node, value };
  }
  if (node.kind === 'seq')
    return { ...node, items: node.items.map((item, index) => substituteTree(item, lookup, notes, `${key}[${index}]`)) };
  const entries = new Map(
    [...node.entries].map(([name, entry]) => [
      name,
      { ...entry, value: substituteTree(entry.value, lookup, notes, key ? `${key}.${name}` : name) },
    ]),
  );
  return { ...node, entries };
}
