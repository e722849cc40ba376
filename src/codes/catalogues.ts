/**
 * Every catalogue of codes, by domain: what docs/codes.md lists and what a renderer or a SARIF rule
 * table looks a code up in. Codes are unique across domains (test/unit/findings/catalogues.test.ts).
 */
import { CATALOGUE as CONFIG_CATALOGUE } from '../config/catalogue.js';
import { COLLECTOR_CATALOGUE } from '../collector/catalogue.js';
import { DOCTOR_CATALOGUE } from '../doctor/catalogue.js';
import { EMIT_CATALOGUE } from '../emit/catalogue.js';
import { LOAD_CATALOGUE } from '../load/catalogue.js';
import { INIT_CATALOGUE } from '../init/catalogue.js';
import type { CatalogueEntry } from '../findings/entry.js';

export type Domain = 'config' | 'collector' | 'doctor' | 'emit' | 'load' | 'init';

export interface DomainCatalogue {
  domain: Domain;
  /** Which command raises these codes, for the heading of docs/codes.md. */
  title: string;
  entries: Readonly<Record<string, CatalogueEntry>>;
}

export const ALL_CATALOGUES: readonly DomainCatalogue[] = [
  { domain: 'config', title: 'Configuration (validate, and every command that reads the SDK settings)', entries: CONFIG_CATALOGUE },
  {
    domain: 'collector',
    title: 'Collector configuration (validate --collector-config, doctor --collector-config)',
    entries: COLLECTOR_CATALOGUE,
  },
  { domain: 'doctor', title: 'doctor', entries: DOCTOR_CATALOGUE },
  { domain: 'emit', title: 'emit (EXPORT_* also in load --engine sdk)', entries: EMIT_CATALOGUE },
  { domain: 'load', title: 'load', entries: LOAD_CATALOGUE },
  { domain: 'init', title: 'init', entries: INIT_CATALOGUE },
];

export interface CodeLookup extends CatalogueEntry {
  code: string;
  domain: Domain;
}

const BY_CODE = new Map<string, CodeLookup>(
  ALL_CATALOGUES.flatMap(({ domain, entries }) =>
    Object.entries(entries).map(([code, value]) => [code, { code, domain, ...value }] as const),
  ),
);

/** The catalogue entry of a code, whichever domain raises it; undefined for a code no catalogue lists. */
export function lookupCode(code: string): CodeLookup | undefined {
  return BY_CODE.get(code);
}
