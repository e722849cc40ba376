/**
 * The entry every domain catalogue holds for a code: its usual severity and one line saying what the
 * code means. docs/codes.md is generated from these entries (npm run docs:codes).
 */
import type { Severity } from './finding.js';

export interface CatalogueEntry {
  severity: Severity;
  summary: string;
}

export function entry(severity: Severity, summary: string): CatalogueEntry {
  return { severity, summary };
}
