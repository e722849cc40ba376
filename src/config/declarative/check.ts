/**
 * OTEL_CONFIG_FILE (or --otel-config-file): an OpenTelemetry declarative configuration file. Checked
 * the way the JS SDK loads it (@opentelemetry/configuration FileConfigFactory): YAML 1.2, `${VAR}`
 * substitution, `file_format` MAJOR must be 1, then the official JSON schema (compiled as the SDK
 * compiles it, see schema-validator.ts), with every finding at its line.
 * When OTEL_CONFIG_FILE is set, every other OTEL_* variable is ignored unless the file references it
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#declarative-configuration).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigurationError, fileErrorReason } from '../../errors.js';
import { SourcePositions } from '../config-file/positions.js';
import type { DiagnosticSink } from '../diagnostics.js';
import type { EnvReader } from '../env-reader.js';
import { nearestValue } from '../known-variables.js';
import type { SecretCollector } from '../../boundary/secrets.js';
import type { DeclarativeSummary, ValueSource } from '../types.js';
import { substituteVariables } from './substitution.js';
import { summariseDeclarative } from './summary.js';

/** The top-level properties of opentelemetry-configuration v1.1 (the schema allows others, silently). */
const TOP_LEVEL_KEYS = [
  'file_format',
  'disabled',
  'log_level',
  'attribute_limits',
  'logger_provider',
  'meter_provider',
  'propagator',
  'tracer_provider',
  'resource',
  'instrumentation/development',
  'distribution',
];
const SUPPORTED_MAJOR = 1;
const SUPPORTED_MINOR = 1;
const MAX_SCHEMA_ERRORS = 20;

export interface DeclarativeCheckInput {
  path: string;
  cwd: string;
  reader: EnvReader;
  /** Given with --otel-config-file: an unreadable file is then a usage error (exit 2). */
  viaFlag: boolean;
  /** Header values found in the file are secrets too. */
  secrets: SecretCollector;
}

export interface DeclarativeCheckResult {
  displayPath: string;
  summary?: DeclarativeSummary;
}

export async function checkDeclarativeConfig(input: DeclarativeCheckInput, sink: DiagnosticSink): Promise<DeclarativeCheckResult> {
  const filepath = isAbsolute(input.path) ? input.path : resolvePath(input.cwd, input.path);
  const relativePath = relative(input.cwd, filepath);
  const displayPath = relativePath !== '' && !relativePath.startsWith('..') ? relativePath : filepath;
  const at = (line?: number, key = 'file_format'): ValueSource => ({
    kind: 'file',
    path: displayPath,
    key,
    ...(line !== undefined ? { line } : {}),
  });
  const origin = input.reader.lookup('OTEL_CONFIG_FILE')?.source ?? { kind: 'flag', flag: '--otel-config-file' };

  let text: string;
  try {
    text = await readFile(filepath, 'utf8');
  } catch (error) {
    const message = `cannot read the declarative configuration file ${input.path}: ${fileErrorReason(error)}`;
    if (input.viaFlag) throw new ConfigurationError(message);
    sink.report('DECLARATIVE_FILE_UNREADABLE', `OTEL_CONFIG_FILE: ${message}; the SDK will not start.`, { source: origin });
    return { displayPath };
  }

  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, version: '1.2', prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    sink.report(
      'DECLARATIVE_FILE_UNREADABLE',
      `${displayPath} is not valid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}; the SDK will not start.`,
      { source: at(error.linePos?.[0].line, '(yaml)') },
    );
    return { displayPath };
  }
  const positions = new SourcePositions(document, lineCounter);

  const substitution = substituteVariables(document, lineCounter, (name) => input.reader.lookup(name)?.raw);
  for (const finding of substitution.findings) {
    if (finding.kind === 'invalid') {
      sink.report(
        'DECLARATIVE_SUBSTITUTION_INVALID',
        `${finding.reference} is not a valid substitution: the JS SDK refuses the whole file.`,
        { source: at(finding.line, finding.reference), hint: 'Write ${NAME} or ${NAME:-default}; names are letters, digits and "_".' },
      );
    } else {
      sink.report(
        'DECLARATIVE_SUBSTITUTION_UNSET',
        `${finding.reference} refers to an unset variable and has no default: it becomes empty.`,
        { source: at(finding.line, finding.reference), hint: 'Set the variable, or add a default: ${NAME:-value}.' },
      );
    }
  }
  const model = document.toJS() as unknown;
  if (!model || typeof model !== 'object' || Array.isArray(model)) {
    sink.report('DECLARATIVE_SCHEMA_INVALID', `${displayPath} must be a YAML mapping with file_format at the top.`, {
      source: at(1, '(root)'),
    });
    return { displayPath };
  }
  const record = model as Record<string, unknown>;
  checkFileFormat(record.file_format, at(positions.lineOf(['file_format'])), sink);
  for (const key of Object.keys(record)) {
    if (TOP_LEVEL_KEYS.includes(key)) continue;
    const nearest = nearestValue(key, TOP_LEVEL_KEYS);
    sink.report('DECLARATIVE_UNKNOWN_KEY', `Unknown top-level key "${key}" in ${displayPath}: the SDK ignores it.`, {
      source: at(positions.keyLineOf([], key), key),
      hint: nearest ? `Did you mean "${nearest}"?` : undefined,
    });
  }
  const { validateDeclarativeModel: validate } = await import('./schema-validator.js');
  if (!validate(model)) {
    for (const error of (validate.errors ?? []).slice(0, MAX_SCHEMA_ERRORS)) {
      const path = error.instancePath
        .split('/')
        .slice(1)
        .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment.replace(/~1/g, '/').replace(/~0/g, '~')));
      const where = error.instancePath || '(root)';
      const extra = error.params?.additionalProperty
        ? ` ("${String(error.params.additionalProperty)}")`
        : error.params?.allowedValues
          ? ` (${(error.params.allowedValues as unknown[]).join(', ')})`
          : '';
      sink.report('DECLARATIVE_SCHEMA_INVALID', `${where} ${error.message ?? 'is invalid'}${extra}: the JS SDK refuses the whole file.`, {
        source: at(positions.lineOf(path), where),
      });
    }
  }
  reportIgnoredVariables(input.reader, substitution.referenced, origin, sink);
  sink.report(
    'DECLARATIVE_JS_SUPPORT',
    'The JS SDK reads OTEL_CONFIG_FILE only through the experimental startNodeSDK() from @opentelemetry/sdk-node; new NodeSDK().start() ignores the file and uses the environment variables.',
    { source: origin },
  );
  const summary = summariseDeclarative(record, (path) => at(positions.lineOf(path), path.join('.')), input.secrets, sink);
  const serviceName = findServiceName(record);
  if (serviceName !== undefined) summary.serviceName = serviceName;
  return { displayPath, summary };
}

function findServiceName(model: Record<string, unknown>): string | undefined {
  const attributes = (model.resource as { attributes?: unknown } | undefined)?.attributes;
  if (!Array.isArray(attributes)) return undefined;
  const entry = attributes.find(
    (attribute): attribute is { name: string; value: unknown } =>
      !!attribute && typeof attribute === 'object' && (attribute as { name?: unknown }).name === 'service.name',
  );
  return entry && typeof entry.value === 'string' && entry.value !== '' ? entry.value : undefined;
}

function checkFileFormat(value: unknown, source: ValueSource, sink: DiagnosticSink): void {
  if (value === undefined || value === null || value === '') {
    sink.report('DECLARATIVE_FILE_FORMAT_MISSING', 'The declarative file has no file_format; the JS SDK refuses it.', {
      source,
      hint: 'Add file_format: "1.0" at the top.',
    });
    return;
  }
  const text = String(value);
  const [major, minor = '0'] = text.split('-', 1)[0]!.split('.');
  if (typeof value !== 'string' || !/^\d+$/.test(major ?? '') || !/^\d+$/.test(minor)) {
    sink.report(
      'DECLARATIVE_FILE_FORMAT_UNSUPPORTED',
      `file_format ${JSON.stringify(value)} is not a "MAJOR.MINOR" string; the JS SDK refuses it.`,
      { source, hint: 'Quote it: file_format: "1.0".' },
    );
    return;
  }
  if (Number(major) !== SUPPORTED_MAJOR) {
    sink.report(
      'DECLARATIVE_FILE_FORMAT_UNSUPPORTED',
      `file_format "${text}" has major version ${major}; the JS SDK supports ${SUPPORTED_MAJOR}.x only and refuses the file.`,
      { source },
    );
  } else if (Number(minor) > SUPPORTED_MINOR) {
    sink.report(
      'DECLARATIVE_FILE_FORMAT_NEWER',
      `file_format "${text}" is newer than the ${SUPPORTED_MAJOR}.${SUPPORTED_MINOR} the JS SDK knows; settings it does not know are ignored.`,
      { source },
    );
  }
}

function reportIgnoredVariables(reader: EnvReader, referenced: Set<string>, origin: ValueSource, sink: DiagnosticSink): void {
  const ignored = reader
    .names()
    .filter(
      (name) => name.startsWith('OTEL_') && !['OTEL_CONFIG_FILE', 'OTEL_EXPERIMENTAL_CONFIG_FILE'].includes(name) && !referenced.has(name),
    )
    .filter((name) => (reader.lookup(name)?.raw ?? '').trim() !== '')
    .sort();
  if (ignored.length === 0) return;
  sink.report(
    'DECLARATIVE_ENV_IGNORED',
    `OTEL_CONFIG_FILE is set, so these variables are ignored (the file does not reference them): ${ignored.join(', ')}.`,
    {
      source: origin,
      hint: 'Reference them in the file as ${NAME}, or remove them to avoid confusion.',
    },
  );
}
