/**
 * SARIF 2.1.0, the format GitHub code scanning (and most code-review tools) ingest: one run of
 * otel-proc with its rules (id, summary, default level) and one result per finding, placed on the
 * file and line it concerns when it concerns one.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifRule {
  id: string;
  summary: string;
  level: SarifLevel;
  /** Extra tags for filtering, e.g. `collector`, `refuses-to-start`. */
  tags?: string[];
}

export interface SarifResult {
  ruleId: string;
  level: SarifLevel;
  message: string;
  file?: string;
  /** 1-based. */
  line?: number;
}

export interface SarifRun {
  toolName: string;
  version: string;
  informationUri?: string;
  rules: SarifRule[];
  results: SarifResult[];
  /**
   * Where results without a file go (line 1). GitHub code scanning rejects a whole file when one
   * result has no location, so every result gets one: the first file the run checked.
   */
  fallbackFile: string;
}

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Relative paths stay relative (GitHub resolves them from the repository root); others become file: URIs. */
function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export function renderSarif(run: SarifRun): string {
  const ruleIndex = new Map(run.rules.map((rule, index) => [rule.id, index]));
  const results = run.results.map((result) => {
    const entry: Record<string, unknown> = { ruleId: result.ruleId, level: result.level, message: { text: result.message } };
    const index = ruleIndex.get(result.ruleId);
    if (index !== undefined) entry.ruleIndex = index;
    const file = result.file ?? run.fallbackFile;
    const line = result.file ? result.line : 1;
    const physicalLocation: Record<string, unknown> = { artifactLocation: { uri: artifactUri(file) } };
    if (line !== undefined && line >= 1) physicalLocation.region = { startLine: line };
    entry.locations = [{ physicalLocation }];
    return entry;
  });
  const document = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: run.toolName,
            version: run.version,
            ...(run.informationUri ? { informationUri: run.informationUri } : {}),
            rules: run.rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.summary },
              defaultConfiguration: { level: rule.level },
              ...(rule.tags && rule.tags.length > 0 ? { properties: { tags: rule.tags } } : {}),
            })),
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
