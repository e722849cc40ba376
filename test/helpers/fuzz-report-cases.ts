/**
 * Secrets fuzz cases for the commands that read files other commands wrote (load-merge, report)
 * and for receive, which prints what senders send. Load reports are the ones a real run writes
 * (a synthetic report), with secrets where a run could have put them: the endpoint, the server's
 * messages, a failure reason; some shapes are only recognisable as credentials, others are known
 * because the same header is in the environment.
 */
import { syntheticLoadReport } from '../../src/bench/synthetic-load-report.js';
import type { LoadReport } from '../../src/load/types.js';
import type { CliResult } from './cli.js';
import type { FuzzCase } from './fuzz-case.js';
import { credentialShapedText, type Builder } from './fuzz-commands.js';
import { emptyInput, secretEndpoint } from './secret-placements.js';
import { startReceiveCli } from '../cli/receive-process.js';

const TEMPLATE: LoadReport = syntheticLoadReport(3, 'fuzz');

/** A load report with secrets planted; `known` ones also go into the case's environment. */
function plantedReport(builder: Builder, env: Record<string, string>, shard?: { index: number; count: number }): LoadReport {
  const { random, secrets } = builder;
  const report = structuredClone(TEMPLATE) as LoadReport & { shard?: { index: number; count: number } };
  if (shard) report.shard = shard;
  if (random.chance(0.6)) {
    // A password with a space is left out here: load never writes one (the URL parser encodes it),
    // and in free text "user:pa ss@host" cannot be told from prose by its shape.
    let endpoint = secretEndpoint({ random, secrets, hostPort: 'collector:4317' }, '/v1/traces');
    while (endpoint.trim().includes(' ')) endpoint = secretEndpoint({ random, secrets, hostPort: 'collector:4317' }, '/v1/traces');
    report.endpoint = endpoint;
  }
  const signal = random.pick(report.signals);
  signal.messages = [credentialShapedText(builder)];
  if (random.chance(0.4)) {
    // A server that echoes the token it refused, plainly: only the environment can tell it is one.
    const token = secrets.plain();
    env.OTEL_EXPORTER_OTLP_HEADERS = [env.OTEL_EXPORTER_OTLP_HEADERS, `x-api-key=${token}`].filter(Boolean).join(',');
    signal.messages.push(`the server said: key ${token} is not valid for this tenant`);
  }
  if (random.chance(0.3)) signal.failedByReason = { ...signal.failedByReason, [`http-401 (${credentialShapedText(builder)})`]: 1 };
  if (random.chance(0.2)) report.protocol = `grpc?token=${secrets.plain()}` as LoadReport['protocol'];
  return report;
}

function outputs(builder: Builder): string[] {
  return builder.random
    .sample([['--json'], ['--report', 'out/merged.json'], ['--html', 'out/merged.html']], builder.random.int(0, 3))
    .flat();
}

export function loadMergeCase(builder: Builder, id: string): FuzzCase {
  const { random } = builder;
  const input = emptyInput();
  const count = random.int(2, 3);
  const names: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = `shard-${index}.json`;
    names.push(name);
    input.files[name] = JSON.stringify(plantedReport(builder, input.env, { index, count }), null, 2);
  }
  if (random.chance(0.2)) {
    // A report cut short (a pod killed mid-write), with a token near where it breaks.
    input.files['shard-0.json'] = input.files['shard-0.json']!.slice(0, input.files['shard-0.json']!.indexOf('"messages"') + 40);
    input.notes.push('shard-0.json truncated');
  }
  input.args.push(...names, ...outputs(builder).map((arg) => arg.replace('merged', 'load-merge')));
  if (random.chance(0.3)) input.args.push('--allow-partial');
  input.notes.push(`reports ${names.join(', ')} with planted endpoints/messages`);
  return {
    ...input,
    id,
    command: 'load-merge',
    json: input.args.includes('--json') ? 'document' : undefined,
    exits: [0, 1, 2],
    timeoutMs: 20_000,
  };
}

export function reportCase(builder: Builder, id: string): FuzzCase {
  const input = emptyInput();
  input.files['load.json'] = JSON.stringify(plantedReport(builder, input.env), null, builder.random.pick([0, 2]));
  input.args.push('load.json', ...outputs(builder).filter((arg) => arg !== '--report' && !arg.endsWith('merged.json')));
  input.notes.push('load.json with planted endpoint/messages');
  return {
    ...input,
    id,
    command: 'report',
    json: input.args.includes('--json') ? 'document' : undefined,
    exits: [0, 2],
    timeoutMs: 20_000,
  };
}

/** OTLP/JSON traces and logs whose attributes and bodies hold credential-shaped text. */
function otlpWithSecrets(builder: Builder): { traces: object; logs: object } {
  const { secrets } = builder;
  const attribute = (key: string, value: string): object => ({ key, value: { stringValue: value } });
  const resource = { attributes: [attribute('service.name', 'checkout')] };
  const span = {
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: 'eee19b7ec3c1b174',
    name: 'GET /login',
    kind: 2,
    startTimeUnixNano: '1544712660000000000',
    endTimeUnixNano: '1544712661000000000',
    attributes: [
      attribute('url.full', `https://user:${secrets.tricky()}@api.example.com/login?api_key=${secrets.plain()}`),
      attribute('http.request.header.authorization', `Bearer ${secrets.plain()}`),
      attribute('db.statement', `SELECT * FROM users WHERE password='x' -- token=${secrets.plain()}`),
    ],
  };
  const log = {
    timeUnixNano: '1544712660300000000',
    severityText: 'INFO',
    body: { stringValue: `connecting to postgres://app:${secrets.plain()}@db:5432/app` },
  };
  return {
    traces: { resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 'fuzz' }, spans: [span] }] }] },
    logs: { resourceLogs: [{ resource, scopeLogs: [{ scope: { name: 'fuzz' }, logRecords: [log] }] }] },
  };
}

export function receiveCase(builder: Builder, id: string): FuzzCase {
  const { random, secrets } = builder;
  const input = emptyInput();
  const format = random.pick([[], ['--json'], ['--out', 'out/items.jsonl'], ['--json', '--out', 'out/items.jsonl']]);
  input.args.push('--duration', '4s', ...format);
  const required = random.chance(0.5) ? `Bearer ${secrets.plain()}` : undefined;
  if (required) input.args.push('--require-header', `authorization=${required}`);
  input.env.OTEL_EXPORTER_OTLP_HEADERS = `authorization=Bearer ${secrets.plain()}`;
  const bodies = otlpWithSecrets(builder);
  // With a required header, the sender sometimes has it right and sometimes sends another token.
  const sent = required && random.chance(0.5) ? `Bearer ${secrets.plain()}` : required;
  input.notes.push(
    `OTLP/JSON with credential-shaped attributes; --require-header ${required ?? 'none'}; sender's authorization ${sent ?? 'none'}`,
  );
  const run = async (cwd: string, fuzzCase: FuzzCase): Promise<CliResult> => {
    const receiver = await startReceiveCli(fuzzCase.args, fuzzCase.timeoutMs, { cwd, env: fuzzCase.env });
    const base = `http://127.0.0.1:${receiver.target.ports.http}`;
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(sent ? { authorization: sent } : {}) };
    await fetch(`${base}/v1/traces`, { method: 'POST', headers, body: JSON.stringify(bodies.traces) }).catch(() => undefined);
    await fetch(`${base}/v1/logs`, { method: 'POST', headers, body: JSON.stringify(bodies.logs) }).catch(() => undefined);
    const { code, signal } = await receiver.exited;
    return { code, signal, stdout: receiver.stdout(), stderr: receiver.stderr() };
  };
  return { ...input, id, command: 'receive', json: format.includes('--json') ? 'lines' : undefined, exits: [0], timeoutMs: 20_000, run };
}
