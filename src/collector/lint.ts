/**
 * The Collector linter: load and merge the files, then run every rule and return the findings,
 * all at once (the Collector itself stops at the first). Pure apart from reading the files.
 */
import type { Diagnostic } from '../config/types.js';
import { REFUSAL_CODES } from './catalogue.js';
import type { ComponentCatalog } from './distribution.js';
import { CollectorFindings } from './findings.js';
import { loadCollectorConfig } from './load.js';
import { buildModel, type CollectorModel } from './model.js';
import { checkComponents } from './rules/components.js';
import { checkPractice } from './rules/practice.js';
import { checkStructure } from './rules/structure.js';
import type { EnvLookup } from './substitute.js';

export interface CollectorLintOptions {
  paths: string[];
  cwd: string;
  /** The same environment the application's settings resolve from (real variables over --env-file). */
  lookup: EnvLookup;
  /** Component types to check against; none: types are not checked. */
  catalog?: ComponentCatalog;
  /** The application is deployed to production (stricter exposure advice). */
  production?: boolean;
}

export interface CollectorLintResult {
  files: string[];
  /** The distribution or binary the types were checked against. */
  catalog?: string;
  model: CollectorModel;
  diagnostics: Diagnostic[];
  /** Some finding says the Collector will refuse to start with this configuration. */
  refused: boolean;
}

export async function lintCollectorConfig(options: CollectorLintOptions): Promise<CollectorLintResult> {
  const findings = new CollectorFindings();
  const loaded = await loadCollectorConfig(options.paths, options.cwd, options.lookup, findings);
  const model = buildModel(loaded.root);
  // A file that does not parse would make every other rule guess: report the syntax alone for it.
  if (loaded.root) {
    checkStructure(loaded.root, findings);
    checkComponents(model, options.catalog, findings);
    checkPractice(model, { production: options.production === true }, findings);
  } else if (!loaded.yamlInvalid) {
    const path = loaded.displayPaths[0] ?? '';
    findings.report(
      'COLLECTOR_CONFIG_EMPTY',
      'the configuration is empty',
      { origin: { path, line: 1 }, key: '' },
      'start from `otel-proc init` or the Collector documentation example',
    );
  }
  const diagnostics = findings.diagnostics;
  const result: CollectorLintResult = {
    files: loaded.displayPaths,
    model,
    diagnostics,
    refused: diagnostics.some((diagnostic) => REFUSAL_CODES.has(diagnostic.code)),
  };
  if (options.catalog) result.catalog = options.catalog.name;
  return result;
}
