/**
 * Every rule otel-proc can report about configuration, from both catalogues (the application's
 * settings and the Collector's), in the shape the CI formats describe rules with.
 */
import { COLLECTOR_CATALOGUE, type CollectorRule } from '../collector/catalogue.js';
import { CATALOGUE } from '../config/catalogue.js';
import type { Severity } from '../config/types.js';

export interface RuleDescription {
  id: string;
  summary: string;
  severity: Severity;
  /** Which files it applies to: the application's settings or a Collector configuration. */
  scope: 'app' | 'collector';
  tags: string[];
}

export const RULES: readonly RuleDescription[] = [
  ...Object.entries(CATALOGUE).map(([id, entry]) => ({
    id,
    summary: entry.summary,
    severity: entry.severity,
    scope: 'app' as const,
    tags: ['otel-sdk'],
  })),
  ...Object.entries(COLLECTOR_CATALOGUE as Record<string, CollectorRule>).map(([id, entry]) => ({
    id,
    summary: entry.summary,
    severity: entry.severity,
    scope: 'collector' as const,
    tags: ['collector', entry.group, ...(entry.refuses ? ['refuses-to-start'] : [])],
  })),
];

export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}
