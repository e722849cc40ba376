/**
 * `validate` for people: the effective configuration, each value with where it came from, then the
 * findings grouped by severity (errors, warnings, notes) with their code, source and fix, then a
 * one-line verdict. Colour only through the palette, so NO_COLOR and pipes get plain text.
 */
import { describeSource } from '../config/diagnostics.js';
import type { DeclarativeSummary, Diagnostic, Severity, ValueSource } from '../config/types.js';
import type { SignalReport, ValidateReport } from '../validate/report.js';
import { createPalette, type Palette } from './palette.js';

const LABEL_WIDTH = 14;
const VALUE_WIDTH = 40;

/**
 * Values come from the user's environment and files: an escape sequence or a newline in one must
 * not clear the screen, retitle the terminal or fake a line of the report, so they are shown escaped
 * (as messages already quote values). Done on the data, before the palette adds its own colours.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function printable<T>(value: T): T {
  if (typeof value === 'string')
    return value.replace(UNPRINTABLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`) as T;
  if (Array.isArray(value)) return value.map(printable) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [printable(key), printable(entry)])) as T;
  return value;
}

export function renderValidateHuman(raw: ValidateReport, color: boolean): string {
  const report = printable(raw);
  const palette = createPalette(color);
  const lines: string[] = [];
  const from = (path: string): string => {
    const source = report.provenance[path];
    return source ? palette.dim(`from ${describeSource(source)}`) : '';
  };
  const row = (label: string, value: string, path?: string): void => {
    const origin = path ? from(path) : '';
    const padded = origin && value.length < VALUE_WIDTH ? value.padEnd(VALUE_WIDTH) : value;
    lines.push(`  ${label.padEnd(LABEL_WIDTH)} ${origin ? `${padded} ${origin}` : value}`.trimEnd());
  };

  lines.push(palette.heading('Configuration files'));
  row('config file', report.files.configFile ?? 'none found');
  if (report.files.envFile) row('env file', report.files.envFile);
  if (report.files.declarativeConfigFile) row('OTEL_CONFIG_FILE', report.files.declarativeConfigFile);
  if (report.collector)
    row(
      'collector',
      `${report.collector.files.join(' + ')}${report.collector.components ? ` (types: ${report.collector.components})` : ''}`,
    );
  lines.push('');

  const { config } = report;
  lines.push(palette.heading('Service'));
  if (config.sdkDisabled) row('sdk', palette.error('DISABLED (OTEL_SDK_DISABLED=true)'), 'sdkDisabled');
  row('service.name', config.serviceName, 'serviceName');
  if (config.serviceVersion) row('version', config.serviceVersion, 'serviceVersion');
  if (config.environment) row('environment', config.environment, 'environment');
  const attributes = Object.entries(config.resourceAttributes).filter(
    ([key]) => !['service.name', 'service.version', 'deployment.environment.name'].includes(key),
  );
  for (const [key, value] of attributes) row(key, value, `resourceAttributes.${key}`);
  row('propagators', config.propagators.join(', ') || '(none)', 'propagators');
  row(
    'sampler',
    config.sampler.ratio !== undefined ? `${config.sampler.name} (ratio ${config.sampler.ratio})` : config.sampler.name,
    'sampler.name',
  );
  row('log level', config.logLevel, 'logLevel');
  lines.push('');

  renderSignal('Traces', 'traces', config.traces, lines, row, palette);
  const batch = config.spanBatch;
  if (config.traces.exporters.includes('otlp'))
    row(
      'batch',
      `queue ${batch.maxQueueSize}, batch ${batch.maxExportBatchSize}, every ${batch.scheduleDelayMs} ms, timeout ${batch.exportTimeoutMs} ms`,
    );
  lines.push('');
  renderSignal('Metrics', 'metrics', config.metrics, lines, row, palette);
  const reader = config.metricReader;
  row(
    'reader',
    `every ${reader.exportIntervalMs} ms, timeout ${reader.exportTimeoutMs} ms, ${reader.temporality}`,
    'metricReader.exportIntervalMs',
  );
  lines.push('');
  renderSignal('Logs', 'logs', config.logs, lines, row, palette);
  const logBatch = config.logBatch;
  if (config.logs.exporters.includes('otlp'))
    row(
      'batch',
      `queue ${logBatch.maxQueueSize}, batch ${logBatch.maxExportBatchSize}, every ${logBatch.scheduleDelayMs} ms, timeout ${logBatch.exportTimeoutMs} ms`,
    );
  lines.push('');

  if (report.declarative) renderDeclarative(report.declarative, lines, row, palette);
  renderDiagnostics(report.diagnostics, lines, palette);
  lines.push(verdict(report, palette));
  return `${lines.join('\n')}\n`;
}

function renderSignal(
  title: string,
  signal: string,
  exporter: SignalReport,
  lines: string[],
  row: (label: string, value: string, path?: string) => void,
  palette: Palette,
): void {
  const exporters = exporter.exporters.length ? exporter.exporters.join(', ') : 'none';
  lines.push(`${palette.heading(title)}  ${palette.dim(`exporter ${exporters}`)}`);
  if (!exporter.exporters.includes('otlp')) {
    row('exporters', exporters, `${signal}.exporters`);
    return;
  }
  row('protocol', exporter.protocol, `${signal}.protocol`);
  row('endpoint', exporter.endpoint, `${signal}.endpoint`);
  row('sends to', `${exporter.url}${exporter.protocol === 'grpc' ? (exporter.insecure ? ' (plaintext)' : ' (TLS)') : ''}`);
  const headers = Object.entries(exporter.headers);
  if (headers.length === 0) row('headers', '(none)');
  for (const [key, value] of headers) row('header', `${key}: ${value}`, `${signal}.headers.${key}`);
  row('timeout', `${exporter.timeoutMs} ms`, `${signal}.timeoutMs`);
  row('compression', exporter.compression, `${signal}.compression`);
  for (const [label, key] of [
    ['CA cert', 'certificateFile'],
    ['client key', 'clientKeyFile'],
    ['client cert', 'clientCertificateFile'],
  ] as const) {
    if (exporter[key]) row(label, exporter[key]!, `${signal}.${key}`);
  }
}

function renderDeclarative(
  declarative: DeclarativeSummary,
  lines: string[],
  row: (label: string, value: string, path?: string) => void,
  palette: Palette,
): void {
  lines.push(`${palette.heading('Declarative file')}  ${palette.dim('used by startNodeSDK(); new NodeSDK() uses the settings above')}`);
  if (declarative.disabled) row('sdk', palette.error('DISABLED (disabled: true)'));
  if (declarative.serviceName) row('service.name', declarative.serviceName);
  if (declarative.sampler) row('sampler', declarative.sampler);
  if (declarative.propagators) row('propagators', declarative.propagators.join(', ') || '(none)');
  if (declarative.exporters.length === 0) row('exporters', '(none)');
  for (const exporter of declarative.exporters) {
    const headers = exporter.headerNames.length ? ` (headers: ${exporter.headerNames.join(', ')})` : '';
    row(exporter.signal, `${exporter.kind}${exporter.endpoint ? ` → ${exporter.endpoint}` : ''}${headers}`);
  }
  lines.push('');
}

const GROUPS: Array<{ severity: Severity; title: string; symbol: string }> = [
  { severity: 'error', title: 'Errors', symbol: '✖' },
  { severity: 'warning', title: 'Warnings', symbol: '⚠' },
  { severity: 'info', title: 'Notes', symbol: 'ℹ' },
];

function renderDiagnostics(diagnostics: Diagnostic[], lines: string[], palette: Palette): void {
  if (diagnostics.length === 0) {
    lines.push(palette.ok('✔ No problems found.'));
    return;
  }
  for (const group of GROUPS) {
    const members = diagnostics.filter((diagnostic) => diagnostic.severity === group.severity);
    if (members.length === 0) continue;
    const paint = palette[group.severity];
    lines.push(palette.heading(paint(`${group.title} (${members.length})`)));
    for (const diagnostic of members) {
      lines.push(`  ${paint(group.symbol)} ${palette.code(diagnostic.code)}  ${diagnostic.message}`);
      if (diagnostic.source) lines.push(`      ${palette.dim('at')} ${where(diagnostic.source)}`);
      if (diagnostic.hint) lines.push(`      ${palette.dim('fix')} ${diagnostic.hint}`);
    }
    lines.push('');
  }
}

function where(source: ValueSource): string {
  return source.kind === 'default' ? 'the defaults' : describeSource(source);
}

function verdict(report: ValidateReport, palette: Palette): string {
  const { error, warning, info } = report.summary;
  const counts = `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(info, 'note')}`;
  if (report.ok) return palette.ok(`✔ valid: ${counts}`);
  const why = error > 0 ? '' : ' (warnings fail under --strict)';
  return palette.error(`✖ invalid: ${counts}${why}`);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
