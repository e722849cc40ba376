/**
 * The secrets fuzzer's cases, command by command: each picks an output format the command
 * supports (human, --json, --format github, --report/--out/--html files, --bundle) and plants
 * secrets in the places that command reads.
 */
import type { FuzzCase } from './fuzz-case.js';
import type { Random, SecretPlanter } from './fuzz.js';
import { applyPlacements, CONFIG_PLACEMENTS, emptyInput, headerEntry, secretEndpoint, type PlacementContext } from './secret-placements.js';

export interface FuzzTargets {
  /** A live receiver's ports and a port nothing listens on. */
  httpPort: number;
  grpcPort: number;
  closedPort: number;
}

export interface Builder {
  random: Random;
  secrets: SecretPlanter;
  targets: FuzzTargets;
}

function placementContext({ random, secrets, targets }: Builder): PlacementContext {
  const port = random.pick([targets.httpPort, targets.grpcPort, targets.closedPort]);
  return { random, secrets, hostPort: `${random.pick(['127.0.0.1', 'localhost'])}:${port}` };
}

/** The config-reading part every configurable command shares, and its exit-code rule. */
function configuredCase(
  builder: Builder,
  command: string,
  id: string,
  leading: string[],
  placements: [number, number],
  exits: number[],
  timeoutMs: number,
): FuzzCase {
  const input = emptyInput();
  input.args.push(...leading);
  const context = placementContext(builder);
  applyPlacements(input, context, CONFIG_PLACEMENTS, builder.random.int(...placements));
  if (!input.needsConfigSearch) input.args.push('--no-config-search');
  // SARIF is JSON too: one document on stdout, when there is a report (exit 0 or 1).
  const json =
    input.args.includes('--json') || /--format json/.test(input.args.join(' '))
      ? 'document'
      : /--format sarif/.test(input.args.join(' '))
        ? 'report-document'
        : undefined;
  // A broken file the command reads is a configuration error: exit 2, whatever else the case holds.
  return { ...input, id, command, json, exits: input.brokenConfig ? [2] : exits, timeoutMs };
}

const CI_FORMATS = [
  ['--format', 'sarif'],
  ['--format', 'junit'],
];

export function validateCase(builder: Builder, id: string): FuzzCase {
  const format = builder.random.pick([
    [],
    ['--json'],
    ['--format', 'github'],
    ['--format', 'json'],
    ['--strict'],
    ['--strict', '--format', 'github'],
    ...CI_FORMATS,
  ]);
  const fuzzCase = configuredCase(builder, 'validate', id, format, [2, 4], [0, 1, 2], 20_000);
  if (builder.random.chance(0.3)) {
    fuzzCase.files['otelcol.yaml'] = collectorConfig(builder);
    fuzzCase.args.push('--collector-config', 'otelcol.yaml');
    fuzzCase.notes.push('--collector-config with secrets');
  }
  return fuzzCase;
}

export function emitCase(builder: Builder, id: string): FuzzCase {
  const { random, secrets, targets } = builder;
  const mode = random.pick(['local', 'remote', 'verify']);
  const leading = ['--count', String(random.int(1, 4)), '--timeout', '500ms', ...random.pick([[], ['--json']])];
  if (random.chance(0.5)) leading.push('--signals', random.pick(['traces', 'metrics,logs', 'traces,logs']));
  if (mode === 'local') leading.push('--local');
  if (mode === 'remote') leading.push('-e', `http://127.0.0.1:${random.pick([targets.httpPort, targets.closedPort])}`);
  if (mode === 'verify') {
    const jaeger = random.pick([
      `http://admin:${secrets.tricky()}@127.0.0.1:${targets.closedPort}`,
      `http://127.0.0.1:${targets.closedPort}/?token=${secrets.plain()}`,
      `http//admin:${secrets.plain()}@127.0.0.1:${targets.closedPort}`,
    ]);
    leading.push('--local', '--verify-jaeger', jaeger, '--verify-timeout', '1s');
    if (random.chance(0.5)) leading.push('--verify-prometheus', `http://u:${secrets.plain()}@127.0.0.1:${targets.closedPort}`);
  }
  // A later -e (a placement) wins over the one above, as commander keeps the last value.
  return configuredCase(builder, 'emit', id, leading, [1, 3], [0, 1, 2], 30_000);
}

export function loadCase(builder: Builder, id: string): FuzzCase {
  const { random, targets } = builder;
  const outputs = random.sample([['--json'], ['--report', 'out/load.json'], ['--html', 'out/load.html']], random.int(0, 3)).flat();
  const protocol = random.pick(['grpc', 'http/protobuf', 'http/json']);
  const port =
    protocol === 'grpc' ? random.pick([targets.grpcPort, targets.closedPort]) : random.pick([targets.httpPort, targets.closedPort]);
  const leading = [
    '--duration',
    '1s',
    '--rate',
    String(random.int(5, 40)),
    '--drain-timeout',
    '1s',
    '--timeout',
    '500ms',
    '-p',
    protocol,
    '-e',
    `http://127.0.0.1:${port}`,
    ...outputs,
  ];
  if (random.chance(0.3)) leading.push('--metrics-rate', '5', '--logs-rate', '5');
  return configuredCase(builder, 'load', id, leading, [1, 3], [0, 1, 2], 30_000);
}

export function doctorCase(builder: Builder, id: string): FuzzCase {
  const { random, secrets, targets } = builder;
  const checks = random.sample(
    [
      'configuration',
      'reachability',
      'protocol',
      'canary',
      'collector',
      'collector-config',
      'sampling',
      'propagation',
      'tuning',
      'backend',
      'listeners',
    ],
    random.int(2, 5),
  );
  const leading = [
    '--timeout',
    '500ms',
    '--only',
    checks.join(','),
    '--backend-wait',
    '1s',
    ...random.pick([[], ['--json'], ['--format', 'json'], ...CI_FORMATS]),
  ];
  const userinfoUrl = (): string =>
    `http://admin:${random.chance(0.5) ? secrets.tricky() : secrets.plain()}@127.0.0.1:${targets.closedPort}/`;
  if (checks.includes('collector'))
    leading.push('--health-url', userinfoUrl(), '--metrics-url', `http://127.0.0.1:${targets.closedPort}/metrics?token=${secrets.plain()}`);
  if (checks.includes('backend'))
    leading.push('--jaeger', userinfoUrl(), '--prometheus', `http//u:${secrets.plain()}@127.0.0.1:${targets.closedPort}`);
  const files: Record<string, string> = {};
  if (random.chance(0.5)) leading.push('--bundle', 'out/support.tar.gz');
  if (checks.includes('collector-config') || random.chance(0.5)) {
    files['otelcol.yaml'] = collectorConfig(builder);
    leading.push('--collector-config', 'otelcol.yaml');
  }
  if (!leading.includes('-e')) leading.push('-e', `http://127.0.0.1:${random.pick([targets.httpPort, targets.closedPort])}`);
  const fuzzCase = configuredCase(builder, 'doctor', id, leading, [1, 3], [0, 1, 2], 30_000);
  return { ...fuzzCase, files: { ...files, ...fuzzCase.files } };
}

/** A Collector configuration with its secrets in the places the Collector reads them from. */
function collectorConfig({ random, secrets }: Builder): string {
  // Sometimes broken: an unterminated quote, so the parser's message and code frame quote the token.
  const open = random.chance(0.25) ? '' : '"';
  return [
    'extensions:',
    '  bearertokenauth:',
    `    token: "${secrets.plain()}${open}`,
    '  basicauth/client:',
    '    client_auth:',
    '      username: otel',
    `      password: ${secrets.tricky()}`,
    'exporters:',
    '  otlphttp:',
    `    endpoint: https://user:${secrets.plain()}@backend.example.com:4318`,
    '    headers:',
    `      ${random.pick(['Authorization', 'x-honeycomb-team', 'DD-API-KEY', 'signalfx-access-token'])}: "${random.chance(0.5) ? 'Bearer ' : ''}${secrets.plain()}"`,
    '  prometheusremotewrite:',
    `    endpoint: "https://prom.example.com/api/v1/write?api_key=${secrets.plain()}"`,
    '',
  ].join('\n');
}

export function initCase(builder: Builder, id: string): FuzzCase {
  const { random, secrets } = builder;
  const context = placementContext(builder);
  const input = emptyInput();
  input.args.push(
    '--yes',
    '--dir',
    'out/init',
    '--preset',
    random.pick(['local', 'ci', 'production']),
    '--format',
    random.pick(['yaml', 'json', 'ts']),
    ...random.pick([[], ['--json']]),
  );
  if (random.chance(0.5)) input.args.push('--no-stack');
  const entry = headerEntry(context);
  if (random.chance(0.6)) {
    input.files['out/init/package.json'] =
      `{\n  "name": "billing",\n<<<<<<< HEAD\n  "otel-proc": { "tracing": { "headers": { "${entry.name}": "${entry.value}" } } },\n=======\n  "config": { "token": "${secrets.plain()}" },\n>>>>>>> main\n  "version": "2.0.0"\n}\n`;
    input.notes.push('package.json with merge-conflict markers in --dir');
  }
  if (random.chance(0.5)) {
    input.files['out/init/otel-proc.config.yaml'] =
      `tracing:\n  headers:\n    ${entry.name}: "${entry.value}"\n  otlpEndpoint: ${secretEndpoint(context)}\n`;
    input.notes.push('an existing otel-proc.config.yaml with secrets in --dir');
  }
  input.env.OTEL_EXPORTER_OTLP_HEADERS = `authorization=Bearer ${secrets.plain()}`;
  return {
    ...input,
    id,
    command: 'init',
    json: input.args.includes('--json') ? 'document' : undefined,
    exits: [0, 1, 2],
    timeoutMs: 20_000,
  };
}

/** Markers for a planted secret that `plain()` made, to embed in a report's free text. */
export function credentialShapedText(builder: Builder): string {
  const { random, secrets } = builder;
  return random.pick([
    () => `401 Unauthorized: Bearer ${secrets.plain()} is expired`,
    () => `POST http://otel:${secrets.tricky()}@collector:4318/v1/traces failed`,
    () => `POST http//otel:${secrets.plain()}@collector:4318/v1/traces failed`,
    () => `https://ingest.vendor.io:443l/v1/traces?api_key=${secrets.plain()} refused`,
    () => `{"authorization":"Bearer ${secrets.plain()}","X-Amz-Signature":"${secrets.plain()}"}`,
    () => `x-api-key: ${secrets.plain()}`,
    () => `redirected to /login?access_token=${secrets.plain()}&sig=${secrets.plain()}`,
  ])();
}
