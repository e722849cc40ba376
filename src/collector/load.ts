/**
 * Reads the Collector configuration files, expands `${env:...}` references and merges them in
 * order, as `otelcol --config a.yaml --config b.yaml` does. A file that cannot be read is a
 * configuration error (exit 2); a file that is not valid YAML is a finding, so every other problem
 * is still reported in the same run.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { ConfigurationError, fileErrorReason } from '../errors.js';
import type { CollectorFindings } from './findings.js';
import { substituteTree, type EnvLookup, type SubstitutionNote } from './substitute.js';
import { mergeNodes, parseConfigText, type ConfigNode } from './tree.js';

export interface LoadedCollectorConfig {
  /** As shown in findings: relative to the working folder when inside it. */
  displayPaths: string[];
  /** Merged and substituted; undefined when no file parsed. */
  root: ConfigNode | undefined;
  /** True when a file is not valid YAML (the other rules then see only the files that are). */
  yamlInvalid: boolean;
}

export function displayPathOf(cwd: string, path: string): string {
  const absolute = isAbsolute(path) ? path : resolvePath(cwd, path);
  const relativePath = relative(cwd, absolute);
  return relativePath !== '' && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath : absolute;
}

export async function loadCollectorConfig(
  paths: string[],
  cwd: string,
  lookup: EnvLookup,
  findings: CollectorFindings,
): Promise<LoadedCollectorConfig> {
  const displayPaths: string[] = [];
  let root: ConfigNode | undefined;
  let yamlInvalid = false;
  for (const path of paths) {
    const absolute = isAbsolute(path) ? path : resolvePath(cwd, path);
    const displayPath = displayPathOf(cwd, path);
    let text: string;
    try {
      text = await readFile(absolute, 'utf8');
    } catch (error) {
      throw new ConfigurationError(`cannot read the Collector config ${path}: ${fileErrorReason(error)}`);
    }
    displayPaths.push(displayPath);
    const parsed = parseConfigText(displayPath, text);
    for (const error of parsed.errors) {
      yamlInvalid = true;
      findings.report(
        'COLLECTOR_YAML_INVALID',
        `${displayPath} is not valid YAML: ${error.message}`,
        { origin: { path: displayPath, line: error.line }, key: '' },
        'fix the syntax at this line (indentation, a missing colon, a key written twice)',
      );
    }
    if (!parsed.root) continue;
    const notes: SubstitutionNote[] = [];
    const expanded = substituteTree(parsed.root, lookup, notes);
    reportNotes(notes, findings);
    root = mergeNodes(root, expanded);
  }
  return { displayPaths, root, yamlInvalid };
}

function reportNotes(notes: SubstitutionNote[], findings: CollectorFindings): void {
  for (const note of notes) {
    const where = { origin: note.origin, key: note.key };
    if (note.kind === 'unset')
      findings.report(
        'COLLECTOR_ENV_UNSET',
        `${note.key} uses \${env:${note.name}}, which is not set: the Collector reads an empty value`,
        where,
        `set ${note.name} (in the environment or --env-file), or give a default: \${env:${note.name}:-value}`,
      );
    else if (note.kind === 'invalid-name')
      findings.report(
        'COLLECTOR_ENV_NAME_INVALID',
        `${note.key}: "${note.name}" is not a valid environment variable name`,
        where,
        'names are letters, digits and _, not starting with a digit',
      );
    else
      findings.report(
        'COLLECTOR_PROVIDER_UNRESOLVED',
        `${note.key} uses ${note.name}, which otel-proc does not resolve; rules about this value are skipped`,
        where,
      );
  }
}
