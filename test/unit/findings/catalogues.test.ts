/**
 * The catalogues are the one list of codes: docs/codes.md is generated from them, every code the
 * source raises is in one, and every entry is raised somewhere. The source is read as text, so a new
 * `code: 'SOMETHING_NEW'` without an entry fails here, and so does a new code built from parts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_CATALOGUES, lookupCode } from '../../../src/codes/catalogues.js';
import { renderCodesDoc } from '../../../src/codes/codes-doc.js';
import { loadCodeOf } from '../../../src/load/catalogue.js';
import { GRPC_CODE_NAMES } from '../../../src/otlp/transport/classify.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const CODE = /^[A-Z][A-Z0-9_]*$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Every src file as text, catalogues left out (an entry does not raise its own code). */
const sources = sourceFiles(join(root, 'src'))
  .filter((file) => !/(^|\/)catalogue\.ts$/.test(file))
  .map((file) => ({ file: relative(root, file), text: withoutComments(readFileSync(file, 'utf8')) }));
const allText = sources.map((s) => s.text).join('\n');

function matchesIn(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1]!);
}

const upper = (...parts: string[]): string => parts.join('_').replace(/[.-]/g, '_').toUpperCase();
const catalogued = ALL_CATALOGUES.flatMap(({ domain, entries }) => Object.keys(entries).map((code) => ({ domain, code })));

/**
 * Codes built from parts: each family names the call site that builds it (its text in src) and its
 * members, read from the source that supplies the varying part.
 */
function families(): Array<{ site: RegExp; members: string[] }> {
  const reachability = allText.match(/const fail = \(code: string[\s\S]*?\n\s*}\n/)?.[0] ?? '';
  const tlsOutcomes = matchesIn(allText, /return fail\(\s*'([a-z-]+)'/g);
  const grammar = sources
    .filter((s) => /export function checkPropagationHeader/.test(s.text))
    .map((s) => s.text)
    .join('\n');
  const checkIds = matchesIn(
    sources
      .filter((s) => /: Check = \{/.test(s.text))
      .map((s) => s.text)
      .join('\n'),
    /: Check = \{\s*id: '([a-z-]+)'/g,
  );
  const backends = allText.match(/function unreachable\(backend: ((?:'[a-z]+'(?: \| )?)+)/)?.[1]?.match(/[a-z]+/g) ?? [];
  const collectorParts = matchesIn(allText, /unreachable\([a-z]+, '([a-z]+)', '--/g);
  const roundTrips = allText.match(/function roundTripFinding\([^)]*code: ((?:'[A-Z_]+'(?: \| )?)+)\)/)?.[1]?.match(/[A-Z_]+/g) ?? [];
  expect(reachability, 'the TLS failure helper of the reachability check').not.toBe('');
  for (const list of [tlsOutcomes, checkIds, backends, collectorParts, roundTrips]) expect(list.length).toBeGreaterThan(1);
  return [
    { site: /codeOf\('reachability', 'tls', code\)/, members: tlsOutcomes.map((o) => upper('reachability', 'tls', o)) },
    {
      site: /codeOf\('propagation', issue\.code\)/,
      members: matchesIn(grammar, /code: '([a-z0-9.-]+)'/g).map((c) => upper('propagation', c)),
    },
    { site: /codeOf\(checkId, 'interrupted'\)/, members: checkIds.map((id) => upper(id, 'interrupted')) },
    { site: /codeOf\('backend', backend, 'unreachable'\)/, members: backends.map((b) => upper('backend', b, 'unreachable')) },
    {
      site: /codeOf\('collector', what, '(not-found|unreachable)'\)/,
      members: collectorParts.flatMap((w) => [upper('collector', w, 'not_found'), upper('collector', w, 'unreachable')]),
    },
    { site: /code: `\$\{code\}_LOST`/, members: roundTrips.map((c) => `${c}_LOST`) },
  ];
}

/** UPPER_SNAKE literals given as a `code:` (a value, a ternary, or a union type over several lines). */
function literalCodes(): Array<{ code: string; file: string }> {
  return sources.flatMap(({ file, text }) =>
    [...text.matchAll(/\bcode\??:\s*([^,;{}]*)/g)].flatMap((m) =>
      matchesIn(m[1]!, /['"]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"]/g).map((code) => ({ code, file })),
    ),
  );
}

/** Reasons `load` counts failures and shortfalls by (the transport's kebab-case strings). */
function loadReasons(): string[] {
  const transport = sources
    .filter(({ file }) => /src\/(otlp|load)\//.test(file))
    .map((s) => s.text)
    .join('\n');
  const reasons = [
    ...matchesIn(transport, /reason: '([a-z0-9-]+)'/g),
    ...matchesIn(transport, /^\s+[A-Z0-9_]+: '([a-z-]+)',$/gm),
    ...matchesIn(transport, /onFailed\([^,]+, '([a-z-]+)'/g),
    ...(transport.match(/export type LimitReason = ([^;]+);/)?.[1]?.match(/[a-z-]+/g) ?? []),
    ...GRPC_CODE_NAMES.filter((name) => name !== 'OK').map((name) => `grpc-${name.toLowerCase().replace(/_/g, '-')}`),
    'http-503',
  ];
  return [...new Set(reasons)];
}

describe('finding code catalogues', () => {
  it('docs/codes.md is what the generator writes now', () => {
    const committed = readFileSync(join(root, 'docs/codes.md'), 'utf8');
    expect(committed === renderCodesDoc(), 'docs/codes.md is out of date: run `npm run docs:codes` and commit it').toBe(true);
  });

  it('codes are UPPER_SNAKE_CASE and unique across catalogues', () => {
    const bad = catalogued.filter(({ code }) => !CODE.test(code));
    expect(bad).toEqual([]);
    const seen = new Map<string, string>();
    const duplicates = catalogued.filter(({ domain, code }) => {
      const first = seen.get(code);
      seen.set(code, domain);
      return first !== undefined;
    });
    expect(duplicates).toEqual([]);
    expect(lookupCode('CANARY_ACCEPTED')?.domain).toBe('doctor');
    expect(lookupCode('NOT_A_CODE')).toBeUndefined();
  });

  it('every code literal in src is catalogued', () => {
    const found = literalCodes();
    expect(found.length).toBeGreaterThan(150);
    const missing = found.filter(({ code }) => lookupCode(code) === undefined).map(({ code, file }) => `${code} (${file})`);
    expect(missing, 'add these codes to their domain catalogue, then run npm run docs:codes').toEqual([]);
  });

  it('every code built from parts is one a family knows, and every member is catalogued', () => {
    const known = families();
    const sites = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/codeOf\([^)]*\)|code: `[^`]*`/g)].map((m) => ({ file, site: m[0] })),
    );
    const unknownSites = sites
      .filter(({ site }) => !site.startsWith('codeOf(...') && !known.some((family) => family.site.test(site)))
      .map(({ file, site }) => `${site} (${file})`);
    expect(unknownSites, 'a new code built from parts: list its members in the catalogue and its family in this test').toEqual([]);
    const missing = known.flatMap((family) => family.members).filter((code) => lookupCode(code) === undefined);
    expect(missing).toEqual([]);
  });

  it('every reason load reports has a code', () => {
    const reasons = loadReasons();
    expect(reasons.filter((reason) => loadCodeOf(reason) === undefined)).toEqual([]);
  });

  it('every catalogue entry is raised somewhere', () => {
    const members = new Set(families().flatMap((family) => family.members));
    const loadCodes = new Set(loadReasons().map((reason) => loadCodeOf(reason)));
    const dead = catalogued
      .filter(({ code }) => !members.has(code) && !loadCodes.has(code) && !allText.includes(`'${code}'`) && !allText.includes(`"${code}"`))
      .map(({ domain, code }) => `${domain}: ${code}`);
    expect(dead, 'entries nothing in src raises: remove them, or raise them').toEqual([]);
  });
});
