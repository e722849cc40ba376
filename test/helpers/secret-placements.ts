/**
 * Where a secret can sit in what otel-proc reads, as generators for the secrets fuzzer: endpoints of
 * every shape (parsing or not), header lists (well-formed or not), flags, config files (broken ones
 * too), --env-file files and declarative configuration. Each placement edits a case under
 * construction and says in `notes` what it did, so a failure names the inputs that leaked.
 */
import type { Random, SecretPlanter } from './fuzz.js';

export interface CaseInput {
  args: string[];
  env: Record<string, string>;
  /** Input files, relative to the case folder. */
  files: Record<string, string>;
  notes: string[];
  /** A config file the command reads is broken on purpose: the documented answer is exit 2. */
  brokenConfig: boolean;
  /** The config search must stay on (package.json, otel-proc.config.*). */
  needsConfigSearch: boolean;
}

export interface PlacementContext {
  random: Random;
  secrets: SecretPlanter;
  /** host:port a sender may reach (a live receiver or a closed port). */
  hostPort: string;
}

const QUERY_NAMES = [
  'api_key',
  'token',
  'access_token',
  'X-Amz-Signature',
  'sig',
  'apiKey',
  'Signature',
  'client_secret',
  'password',
  'auth',
];
const HEADER_NAMES = ['authorization', 'x-api-key', 'api-key', 'x-auth-token', 'dd-api-key', 'x-sf-token', 'lightstep-access-token'];

/** A header value holding a secret, sometimes with an Authorization scheme word. */
export function headerEntry(context: PlacementContext): { name: string; value: string } {
  const name = context.random.pick(HEADER_NAMES);
  const secret = context.secrets.plain();
  const value = name === 'authorization' ? `${context.random.pick(['Bearer', 'Basic', 'Api-Key', 'Splunk'])} ${secret}` : secret;
  return { name, value };
}

/**
 * A header list as OTEL_EXPORTER_OTLP_HEADERS takes it, or one of the malformed lists people write:
 * no `=`, a value percent-encoded or not, a bad escape, a space in a key, a trailing `;meta`.
 */
export function headerList(context: PlacementContext): string {
  const { random, secrets } = context;
  const entry = headerEntry(context);
  return random.pick([
    () => `${entry.name}=${entry.value}`,
    () => `${entry.name}=${encodeURIComponent(entry.value)}`,
    () => `${entry.name}=${entry.value},x-other=${secrets.plain()}`,
    () => `Bearer ${secrets.plain()}`,
    () => `${entry.name}=${secrets.plain()}%zz`,
    () => `Bad Key=${secrets.plain()}`,
    () => `${entry.name}=${secrets.plain()};meta=1`,
    () => `${entry.name}: ${secrets.plain()}`,
    () => `${secrets.plain()}`,
  ])();
}

/** An endpoint carrying a secret, in a shape that may or may not parse as a URL. */
export function secretEndpoint(context: PlacementContext, path = ''): string {
  const { random, secrets, hostPort } = context;
  const query = (): string => `${random.pick(QUERY_NAMES)}=${secrets.plain()}`;
  return random.pick([
    () => `http://user:${secrets.tricky()}@${hostPort}${path}`,
    () => `http://user:${encodeURIComponent(secrets.tricky())}@${hostPort}${path}`,
    () => `http://user%40corp.example:${secrets.plain()}@${hostPort}${path}`,
    () => `http://${hostPort}${path || '/v1/traces'}?${query()}`,
    () => `http://${hostPort}${path}?${query()}&${query()}`,
    () => `https://otlp.vendor.io:443l?${query()}`,
    () => `https://user:${secrets.plain()}@otlp.vendor.io:443l${path}`,
    () => `http//collector:4318/v1/metrics?${query()}`,
    () => `http//user:${secrets.plain()}@collector:4318`,
    () => `user:${secrets.plain()}@${hostPort}`,
    () => `user:${secrets.tricky()}@${hostPort}`,
    () => ` http://user:${secrets.plain()}@${hostPort}${path} `,
    () => `http://user:${secrets.plain()} x@${hostPort}${path}`,
    () => `http://${hostPort}${path} ?${query()}`,
    () => `http://user:${secrets.plain()}@[::1]:4318${path}`,
  ])();
}

type Placement = (input: CaseInput, context: PlacementContext) => void;

const SIGNALS = ['TRACES', 'METRICS', 'LOGS'];

/** Placements every command that reads the OTLP configuration accepts. */
export const CONFIG_PLACEMENTS: Record<string, Placement> = {
  envHeaders(input, context) {
    const name = context.random.chance(0.5) ? 'OTEL_EXPORTER_OTLP_HEADERS' : `OTEL_EXPORTER_OTLP_${context.random.pick(SIGNALS)}_HEADERS`;
    input.env[name] = headerList(context);
    input.notes.push(`env ${name}=${input.env[name]}`);
  },
  envEndpoint(input, context) {
    const signal = context.random.chance(0.4) ? undefined : context.random.pick(SIGNALS);
    const name = signal ? `OTEL_EXPORTER_OTLP_${signal}_ENDPOINT` : 'OTEL_EXPORTER_OTLP_ENDPOINT';
    input.env[name] = secretEndpoint(context, signal ? `/v1/${signal.toLowerCase()}` : '');
    input.notes.push(`env ${name}=${input.env[name]}`);
  },
  flagHeader(input, context) {
    const entry = headerEntry(context);
    const form = context.random.pick([
      ['-H', `${entry.name}=${entry.value}`],
      [`--header=${entry.name}=${entry.value}`],
      ['--header', `${entry.name}=${encodeURIComponent(entry.value)}`],
    ]);
    input.args.push(...form);
    input.notes.push(`flag ${form.join(' ')}`);
  },
  flagEndpoint(input, context) {
    const endpoint = secretEndpoint(context);
    const form = context.random.pick([['-e', endpoint], [`--endpoint=${endpoint}`], ['--endpoint', endpoint]]);
    input.args.push(...form);
    input.notes.push(`flag ${form.join(' ')}`);
  },
  configFile(input, context) {
    const { random } = context;
    const entry = headerEntry(context);
    const endpoint = secretEndpoint(context, '/v1/traces');
    input.needsConfigSearch = true;
    const variant = random.pick(['yaml', 'json', 'broken-yaml', 'broken-yaml-member']);
    if (variant === 'yaml') {
      input.files['otel-proc.config.yaml'] =
        `tracing:\n  headers:\n    ${entry.name}: "${entry.value}"\n  otlpEndpoint: "${endpoint}"\nmetrics:\n  headers:\n    ${entry.name}: ${JSON.stringify(context.secrets.plain())}\n`;
    } else if (variant === 'json') {
      input.files['otel-proc.config.json'] = JSON.stringify(
        { tracing: { headers: { [entry.name]: entry.value }, otlpEndpoint: endpoint } },
        null,
        2,
      );
    } else if (variant === 'broken-yaml') {
      // An unterminated quote: the parser's message and its code frame quote the lines around it.
      input.files['otel-proc.config.yaml'] = `tracing:\n  headers:\n    ${entry.name}: "${entry.value}\n  otlpEndpoint: ${endpoint}\n`;
      input.brokenConfig = true;
    } else {
      input.files['otel-proc.config.yaml'] =
        `tracing:\n  headers:\n    ${entry.name}: '${entry.value}'oops'\n    x-second: ${context.secrets.plain()}\n`;
      input.brokenConfig = true;
    }
    input.notes.push(
      `config file (${variant}) ${JSON.stringify(Object.entries(input.files).filter(([name]) => name.startsWith('otel-proc.config')))}`,
    );
  },
  packageJsonConflict(input, context) {
    const entry = headerEntry(context);
    const other = context.secrets.plain();
    input.needsConfigSearch = true;
    input.brokenConfig = true;
    input.files['package.json'] = [
      '{',
      '  "name": "checkout",',
      '<<<<<<< HEAD',
      `  "otel-proc": { "tracing": { "headers": { "${entry.name}": "${entry.value}" } } },`,
      '=======',
      `  "otel-proc": { "tracing": { "headers": { "authorization": "Bearer ${other}" } } },`,
      '>>>>>>> feature/auth',
      '  "version": "1.0.0"',
      '}',
      '',
    ].join('\n');
    input.notes.push('package.json with merge-conflict markers around headers');
  },
  envFile(input, context) {
    const { random, secrets } = context;
    const lines = random.sample(
      [
        `OTEL_EXPORTER_OTLP_HEADERS=${headerList(context)}`,
        `OTEL_EXPORTER_OTLP_${random.pick(SIGNALS)}_HEADERS="${headerEntry(context).name}=${secrets.plain()}"`,
        `OTEL_EXPORTER_OTLP_ENDPOINT=${secretEndpoint(context)}`,
        // Broken lines: no "=", an unterminated quote, a stray token, a non-OTEL secret.
        `OTEL_EXPORTER_OTLP_HEADERS authorization=Bearer ${secrets.plain()}`,
        `export OTEL_EXPORTER_OTLP_TRACES_HEADERS="x-api-key=${secrets.plain()}`,
        secrets.plain(),
        `API_TOKEN=${secrets.plain()}`,
        `OTEL_EXPORTER_OTLP_HEADRES=authorization=Bearer ${secrets.plain()}`,
      ],
      random.int(2, 5),
    );
    input.files['secrets.env'] = `${lines.join('\n')}\n`;
    input.args.push('--env-file', 'secrets.env');
    input.notes.push(`--env-file ${JSON.stringify(input.files['secrets.env'])}`);
  },
  declarative(input, context) {
    const { random, secrets } = context;
    const endpoint = secretEndpoint(context, '/v1/traces');
    const broken = random.chance(0.25);
    input.files['otel.yaml'] = broken
      ? `file_format: "1.0"\ntracer_provider:\n  processors:\n    - batch:\n        exporter:\n          otlp_http:\n            headers: [{ name: authorization, value: "Bearer ${secrets.plain()} }]\n`
      : `file_format: "1.0"\ntracer_provider:\n  processors:\n    - batch:\n        exporter:\n          otlp_http:\n            endpoint: ${JSON.stringify(endpoint)}\n            headers: [{ name: ${headerEntry(context).name}, value: ${JSON.stringify(headerEntry(context).value)} }]\n            headers_list: ${JSON.stringify(headerList(context))}\n`;
    if (random.chance(0.5)) input.env.OTEL_CONFIG_FILE = 'otel.yaml';
    else input.args.push('--otel-config-file', 'otel.yaml');
    input.notes.push(`declarative config (${broken ? 'broken' : 'valid'}) ${JSON.stringify(input.files['otel.yaml'])}`);
  },
};

/** Pick `count` placements at random and apply them. */
export function applyPlacements(input: CaseInput, context: PlacementContext, placements: Record<string, Placement>, count: number): void {
  for (const name of context.random.sample(Object.keys(placements), count)) placements[name]!(input, context);
}

export function emptyInput(): CaseInput {
  return { args: [], env: {}, files: {}, notes: [], brokenConfig: false, needsConfigSearch: false };
}
