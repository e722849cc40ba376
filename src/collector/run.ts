/**
 * The Collector check as validate and doctor run it: choose the component list (a pinned
 * distribution or a binary's own), expand `${env:...}` from the same environment and --env-file
 * as the application, lint the files, and cross-check them with the application's configuration.
 * Loaded only when --collector-config is given.
 */
import { loadEnvFile } from '../config/env-file.js';
import type { Diagnostic, EffectiveConfig } from '../config/types.js';
import { REFUSAL_CODES } from './catalogue.js';
import { catalogFromBinary } from './binary-components.js';
import { crossCheck } from './cross-check/cross-check.js';
import { loadDistribution, type ComponentCatalog } from './distribution.js';
import { CollectorFindings } from './findings.js';
import { lintCollectorConfig } from './lint.js';
import type { CollectorModel } from './model.js';

export interface CollectorCheckOptions {
  paths: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  envFile?: string;
  distribution?: 'core' | 'contrib';
  binary?: string;
  /** Component types given directly (tests, callers that already asked a binary). */
  catalog?: ComponentCatalog;
  /** The application's resolved configuration: enables the cross-check. */
  app?: EffectiveConfig;
}

export interface CollectorReport {
  files: string[];
  /** What component types were checked against, e.g. `core 0.159.0`; absent: not checked. */
  components?: string;
  /** True when some finding means the Collector will not start with this configuration. */
  refused: boolean;
  diagnostics: Diagnostic[];
}

export interface CollectorCheck {
  report: CollectorReport;
  model: CollectorModel;
}

const PRODUCTION = new Set(['production', 'prod']);

async function chooseCatalog(options: CollectorCheckOptions): Promise<ComponentCatalog | undefined> {
  if (options.catalog) return options.catalog;
  if (options.binary !== undefined) return catalogFromBinary(options.binary);
  if (options.distribution !== undefined) return loadDistribution(options.distribution);
  return undefined;
}

export async function checkCollector(options: CollectorCheckOptions): Promise<CollectorCheck> {
  const fileVariables =
    options.envFile !== undefined ? (await loadEnvFile(options.cwd, options.envFile)).variables : new Map<string, { value: string }>();
  // Real variables win over the env file, as they do for the application's settings.
  const lookup = (name: string): string | undefined => options.env[name] ?? fileVariables.get(name)?.value;
  const catalog = await chooseCatalog(options);
  const environment = options.app?.environment?.value.toLowerCase();
  const lint = await lintCollectorConfig({
    paths: options.paths,
    cwd: options.cwd,
    lookup,
    catalog,
    production: environment !== undefined && PRODUCTION.has(environment),
  });
  const diagnostics = [...lint.diagnostics];
  if (options.app && lint.model.root) {
    const findings = new CollectorFindings();
    crossCheck(options.app, lint.model, findings);
    diagnostics.push(...findings.diagnostics);
    dropCoveredPracticeFindings(diagnostics);
  }
  const report: CollectorReport = {
    files: lint.files,
    refused: diagnostics.some((diagnostic) => REFUSAL_CODES.has(diagnostic.code)),
    diagnostics,
  };
  if (lint.catalog) report.components = lint.catalog;
  return { report, model: lint.model };
}

/** The cross-check's "the app's data reach a debug-only pipeline" says all the general warning says, and more. */
function dropCoveredPracticeFindings(diagnostics: Diagnostic[]): void {
  const covered = new Set(
    diagnostics
      .filter((diagnostic) => diagnostic.code === 'COLLECTOR_APP_PIPELINE_NO_REAL_EXPORTER')
      .map((diagnostic) => JSON.stringify(diagnostic.source)),
  );
  for (let index = diagnostics.length - 1; index >= 0; index -= 1) {
    const diagnostic = diagnostics[index]!;
    if (diagnostic.code === 'COLLECTOR_PIPELINE_NO_REAL_EXPORTER' && covered.has(JSON.stringify(diagnostic.source)))
      diagnostics.splice(index, 1);
  }
}
