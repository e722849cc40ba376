/**
 * `doctor --bundle`: everything a support ticket needs in one archive, the way vendors ask for a
 * "flare": the doctor's report, the effective configuration, the OTEL_* variables and the files as
 * read, the Collector's config, versions, and the probe matrix. Redacted at the source: every entry
 * passes through `redactBundleEntries`, the one place bundle text is redacted, before anything is
 * packed. The core returns the entries; the command writes the archive.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { OutputBoundary } from '../boundary/output.js';
import { isSecretName, REDACTED, type SecretCollector } from '../boundary/secrets.js';
import { findIgnoredLines } from '../config/env-file.js';
import type { Resolution } from '../config/types.js';
import type { ValidateReport } from '../validate/report.js';
import { fileErrorReason } from '../errors.js';
import type { BundleVersions } from './bundle-versions.js';
import { readmeText } from './bundle-readme.js';
import type { DoctorReport } from './types.js';

export const BUNDLE_ROOT = 'otel-proc-bundle';

export interface BundleEntry {
  /** Path inside the archive, under BUNDLE_ROOT. */
  path: string;
  /** Where it came from, for the manifest and README. */
  source: string;
  content: string | object;
}

export interface BundleInput {
  report: DoctorReport;
  validate: ValidateReport;
  resolution: Resolution;
  env: Record<string, string | undefined>;
  cwd: string;
  collectorConfigs: Array<{ path: string; text: string }>;
  versions: BundleVersions;
  /** The command's output boundary, which already knows the resolution's secrets. */
  boundary: OutputBoundary;
  createdAt: string;
}

/** The bundle's entries, every one redacted. */
export async function buildBundle(input: BundleInput): Promise<Array<{ path: string; text: string }>> {
  const { report, resolution, cwd } = input;
  const entries: BundleEntry[] = [
    { path: 'doctor.json', source: 'otel-proc doctor --json', content: report },
    { path: 'validate.json', source: 'otel-proc validate --json of the same configuration', content: input.validate },
    {
      path: 'probe-matrix.json',
      source: 'the neighbours check of doctor.json: the ports looked at and the canaries sent',
      content: findingsOf(report, 'neighbours'),
    },
    {
      path: 'listeners.json',
      source: 'the listeners check of doctor.json: listening sockets from /proc/net/tcp{,6}',
      content: findingsOf(report, 'listeners'),
    },
    { path: 'environment.txt', source: 'the OTEL_* variables of the environment doctor ran in', content: otelVariables(input.env) },
    {
      path: 'versions.json',
      source: 'otel-proc, Node, the OS, and the @opentelemetry/* packages of otel-proc and of the application in the current folder',
      content: input.versions,
    },
  ];
  const files: Array<[string, string | undefined, string]> = [
    ['env-file', resolution.files.envFile, '--env-file'],
    ['config-file', resolution.files.configFile, 'the otel-proc config file (--config or found by search)'],
    [
      'declarative-config',
      resolution.files.declarativeConfigFile,
      'the declarative configuration file (OTEL_CONFIG_FILE / --otel-config-file)',
    ],
  ];
  for (const [folder, path, role] of files) {
    if (path === undefined) continue;
    const absolute = resolve(cwd, path);
    const text = await readAsText(absolute);
    entries.push({
      path: `files/${folder}/${basename(path)}`,
      source: `${absolute}, ${role}, as read`,
      content: folder === 'env-file' ? maskIgnoredEnvLines(text) : text,
    });
  }
  for (const [index, collectorConfig] of input.collectorConfigs.entries()) {
    const absolute = resolve(cwd, collectorConfig.path);
    entries.push({
      path: `files/collector-config/${index + 1}-${basename(absolute)}`,
      source: `${absolute}, a Collector configuration (--collector-config), as read`,
      content: collectorConfig.text,
    });
  }
  const listed = [...entries, { path: 'manifest.json', source: 'this list, as JSON' }, { path: 'README.txt', source: 'this text' }];
  const manifest = {
    createdAt: input.createdAt,
    files: listed.map((entry) => ({ path: `${BUNDLE_ROOT}/${entry.path}`, source: entry.source })),
  };
  entries.push({ path: 'manifest.json', source: 'this list, as JSON', content: manifest });
  entries.unshift({ path: 'README.txt', source: 'this text', content: readmeText(manifest.files, input.createdAt) });
  return redactBundleEntries(entries, input.boundary);
}

/**
 * A line of an env file that dotenv skips (a token pasted on its own line, a setting without "=")
 * sets nothing, so no name marks it secret: only its variable name, if it has one, is kept.
 */
function maskIgnoredEnvLines(text: string): string {
  const ignored = new Map(findIgnoredLines(text).map((entry) => [entry.line, entry.name]));
  if (ignored.size === 0) return text;
  return text
    .split(/\r\n?|\n/)
    .map((line, index) =>
      ignored.has(index + 1) ? `${ignored.get(index + 1) ?? ''} ${REDACTED}  # dotenv ignores this line`.trimStart() : line,
    )
    .join('\n');
}

function findingsOf(report: DoctorReport, checkId: string): object {
  return report.checks.find((check) => check.id === checkId)?.findings ?? { note: `the ${checkId} check did not run (--only/--skip)` };
}

function otelVariables(env: Record<string, string | undefined>): string {
  const lines = Object.entries(env)
    .filter(([name, value]) => name.startsWith('OTEL_') && value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '# no OTEL_* variable is set\n';
}

async function readAsText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    return `# could not read ${path} while writing the bundle: ${fileErrorReason(error, { withCode: true })}\n`;
  }
}

const SETTING_LINE = /^\s*(?:export\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*(.*?)\s*,?\s*$/;
const AUTH_TOKEN = /\b(?:Bearer|Basic|Digest|Token|ApiKey|Splunk|GenieKey|DSN)\s+([^\s"',;]+)/gi;
const URL_LIKE = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>]+/g;
/** Greedy up to the last "@": a raw password may hold "/", "#" or "?", which no URL parser takes as userinfo. */
const USERINFO = /[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s"'<>]*)@/g;

const HEADERS_BLOCK = /^(\s*)["']?headers["']?\s*:\s*$/;
const YAML_MEMBER = /^(\s*)-?\s*["']?[^"':#]+["']?\s*:\s*(\S.*?)\s*$/;

/**
 * The values in a YAML `headers:` block (the Collector's exporters, the otel-proc config file) are
 * credentials whatever the header is called (x-honeycomb-team, X-Scope-OrgID), also in a file that
 * does not parse, where no parser can say they are headers.
 */
function gatherHeaderBlockValues(text: string, secrets: SecretCollector): void {
  let blockIndent: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    const header = HEADERS_BLOCK.exec(line);
    if (header) {
      blockIndent = header[1]!.length;
      continue;
    }
    if (blockIndent === undefined || line.trim() === '' || line.trim().startsWith('#')) continue;
    const member = YAML_MEMBER.exec(line);
    if (!member || member[1]!.length <= blockIndent) {
      blockIndent = undefined;
      continue;
    }
    secrets.add(member[2]!.replace(/^["']/, '').replace(/["']$/, ''));
  }
}

/** Feed the collector every secret-looking value in one text: settings with secret names, auth tokens, URL credentials. */
function gatherSecrets(text: string, secrets: SecretCollector): void {
  gatherHeaderBlockValues(text, secrets);
  for (const line of text.split(/\r?\n/)) {
    const setting = SETTING_LINE.exec(line);
    if (!setting || !isSecretName(setting[1]!)) continue;
    const value = setting[2]!.replace(/^(["'])(.*)\1$/, '$2');
    if (/HEADERS?$/.test(setting[1]!)) secrets.addHeaderList(value);
    else secrets.add(value);
  }
  for (const match of text.matchAll(AUTH_TOKEN)) secrets.add(match[1]);
  for (const match of text.matchAll(USERINFO)) {
    const userinfo = match[1]!;
    if (!userinfo.includes(':')) continue;
    const password = userinfo.slice(userinfo.indexOf(':') + 1);
    secrets.add(password);
    secrets.add(encodeURIComponent(password));
  }
  for (const [url] of text.matchAll(URL_LIKE)) {
    secrets.addUrl(url);
    // A URL that does not parse (a bad port) still carries its ?api_key=…: read the query on its own.
    if (url.includes('?')) secrets.addUrl(`http://query.invalid/?${url.slice(url.indexOf('?') + 1)}`);
  }
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, entry]) => [key, ...stringsOf(entry)]);
  return [];
}

/**
 * Bundle text goes through the output boundary like every other output. The bundle adds discovery
 * only: a secret found in one entry (a token in the env file) is hidden in every other entry too,
 * even where nothing around it names it.
 */
export function redactBundleEntries(entries: BundleEntry[], boundary: OutputBoundary): Array<{ path: string; text: string }> {
  boundary.collect((secrets) => {
    for (const entry of entries) for (const text of [entry.path, entry.source, ...stringsOf(entry.content)]) gatherSecrets(text, secrets);
  });
  return entries.map((entry) => ({
    path: `${BUNDLE_ROOT}/${boundary.sanitize(entry.path)}`,
    text:
      typeof entry.content === 'string'
        ? boundary.sanitize(entry.content)
        : boundary.sanitize(`${JSON.stringify(entry.content, null, 2)}\n`),
  }));
}
