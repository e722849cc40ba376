/**
 * A seeded fuzzer for terminal safety: sender-controlled strings with control characters and
 * escape sequences (window title, screen clear, line rewrite, carriage return, C1 CSI, bidi
 * override, NUL, DEL, OSC 52 clipboard) go in as service.name, scope, span, attribute, log body and
 * metric names, through receive (human, --json, --out), emit --local (from a scenario and
 * resource settings), doctor (against a server of ours answering with hostile text) and validate
 * (configuration values). No raw control character but \n and \t may reach a stream, JSON must
 * stay parseable and exact, and hostile text that is shown is shown escaped (\u001b…).
 *
 * Replay a failure with FUZZ_SEED=<seed> from its message.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { createPool, fuzzSeed, hostileText, Random, readTree } from '../helpers/fuzz.js';
import { startHostileServer, type HostileAnswer } from '../helpers/hostile-otlp-server.js';
import { sendRawJson, sendWithSdk, type HostileFields } from '../helpers/hostile-senders.js';
import { terminalProblems, type TerminalExpectations } from '../helpers/terminal-checks.js';
import { startReceiveCli } from './receive-process.js';

const SEED = fuzzSeed(20_240_612);
const SCALE = Number(process.env.FUZZ_CASES) > 0 ? Number(process.env.FUZZ_CASES) : 1;
const cases = (count: number): number[] => Array.from({ length: Math.ceil(count * SCALE) }, (_, index) => index);
const MARKER = 'Hx';
const pool = createPool(3);
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function caseFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'otel-proc-fuzz-terminal-'));
  folders.push(folder);
  return folder;
}

function hostileFields(random: Random, allowNul = true): HostileFields {
  const text = (): string => hostileText(random, MARKER, { allowNul });
  return { service: text(), scope: text(), span: text(), attributeKey: text(), attributeValue: text(), logBody: text(), metric: text() };
}

interface Outcome {
  label: string;
  problems: string[];
  result: CliResult;
}

function report(outcomes: Outcome[]): string {
  return outcomes
    .filter((outcome) => outcome.problems.length > 0)
    .map(({ label, problems, result }) =>
      [
        `${label} (FUZZ_SEED=${SEED})`,
        ...problems.map((problem) => `  PROBLEM: ${problem}`),
        `  exit ${result.code}; stderr: ${JSON.stringify(result.stderr.slice(0, 400))}`,
      ].join('\n'),
    )
    .join('\n\n');
}

const randomFor = (name: string): Random =>
  new Random(SEED ^ [...name].reduce((hash, char) => Math.imul(hash, 31) + char.charCodeAt(0), 7));

describe.concurrent(`sender-controlled text cannot drive the terminal (FUZZ_SEED=${SEED})`, { timeout: 60_000 * SCALE }, () => {
  it('receive: human, --json and --out, from the SDK exporters and raw OTLP/JSON', async () => {
    const random = randomFor('receive');
    const outcomes = await Promise.all(
      cases(4).map((index) =>
        pool(async (): Promise<Outcome> => {
          const fields = hostileFields(random);
          const format = [[], ['--json'], ['--out', 'out/items.jsonl'], ['--json', '--out', 'out/items.jsonl']][index % 4]!;
          const sender = random.pick(['raw', 'grpc', 'http/protobuf', 'http/json'] as const);
          const items = sender === 'raw' ? 3 : 2;
          const cwd = caseFolder();
          mkdirSync(join(cwd, 'out'));
          const receiver = await startReceiveCli(['--duration', '15s', '--max-items', String(items), ...format], 25_000, { cwd });
          if (sender === 'raw') await sendRawJson(receiver.target.ports.http!, fields);
          else await sendWithSdk(receiver.target, sender, fields);
          const { code, signal } = await receiver.exited;
          const result = { code, signal, stdout: receiver.stdout(), stderr: receiver.stderr() };
          const expectations: TerminalExpectations = {
            json: format.includes('--json') ? 'lines' : undefined,
            hostile: Object.values(fields),
            marker: MARKER,
            mustShowInHuman: !format.includes('--json'),
            mustCarryInJson: true,
            exits: [0],
          };
          const files = format.includes('--out') ? readTree(join(cwd, 'out')) : [];
          return { label: `receive ${format.join(' ')} ← ${sender}`, problems: terminalProblems(result, expectations, files), result };
        }),
      ),
    );
    expect(report(outcomes)).toBe('');
  });

  it('emit --local: a scenario and resource settings with hostile names', async () => {
    const random = randomFor('emit');
    const outcomes = await Promise.all(
      cases(3).map((index) =>
        pool(async (): Promise<Outcome> => {
          // Environment variables cannot hold NUL: the SDK reads them from the process.
          const fields = hostileFields(random, false);
          const cwd = caseFolder();
          // A JSON string is a YAML double-quoted string, escapes and all.
          const q = (text: string): string => JSON.stringify(text);
          writeFileSync(
            join(cwd, 'scenario.yaml'),
            `name: ${q(fields.scope)}\nroot:\n  name: ${q(fields.span)}\n  kind: server\n  attributes:\n    ${q(fields.attributeKey)}: ${q(fields.attributeValue)}\n  children:\n    - name: ${q(fields.logBody)}\n      service: ${q(fields.metric)}\n`,
          );
          const json = index % 2 === 1 ? ['--json'] : [];
          const args = [
            'emit',
            '--local',
            '--no-config-search',
            '--count',
            '2',
            '--scenario',
            'scenario.yaml',
            '-r',
            `team=${fields.attributeValue}`,
            ...json,
          ];
          if (random.chance(0.5)) args.push('--service-name', fields.service);
          const env: Record<string, string> = random.chance(0.5)
            ? { OTEL_SERVICE_NAME: fields.service, OTEL_RESOURCE_ATTRIBUTES: `owner=${encodeURIComponent(fields.attributeKey)}` }
            : {};
          const result = await runCli(args, { cwd, env, timeoutMs: 30_000 });
          const expectations: TerminalExpectations = {
            json: json.length > 0 ? 'document' : undefined,
            hostile: Object.values(fields),
            marker: MARKER,
            mustShowInHuman: true,
            mustCarryInJson: false,
            exits: [0, 1],
          };
          return { label: `emit --local ${json.join(' ')}`, problems: terminalProblems(result, expectations), result };
        }),
      ),
    );
    expect(report(outcomes)).toBe('');
  });

  it('doctor: an OTLP endpoint, health check and metrics page answering with hostile text', async () => {
    const random = randomFor('doctor');
    const answers: HostileAnswer[] = ['text-error', 'status-error', 'partial-success', 'html-error', 'unavailable'];
    const outcomes = await Promise.all(
      cases(answers.length).map((index) =>
        pool(async (): Promise<Outcome> => {
          const answer = answers[index % answers.length]!;
          const text = hostileText(random, MARKER);
          const server = await startHostileServer(answer, text);
          try {
            const base = `http://127.0.0.1:${server.port}`;
            const json = index % 2 === 1 ? ['--json'] : [];
            const args = [
              'doctor',
              '--no-config-search',
              '-e',
              base,
              '-p',
              'http/json',
              '--timeout',
              '1s',
              '--only',
              'configuration,reachability,protocol,canary,collector',
              '--health-url',
              `${base}/health`,
              '--metrics-url',
              `${base}/metrics`,
              ...json,
            ];
            const result = await runCli(args, { cwd: caseFolder(), env: { OTEL_SERVICE_NAME: 'doctor-fuzz' }, timeoutMs: 30_000 });
            const expectations: TerminalExpectations = {
              json: json.length > 0 ? 'document' : undefined,
              hostile: [text],
              marker: MARKER,
              mustShowInHuman: answer !== 'html-error',
              mustCarryInJson: false,
              exits: [0, 1],
            };
            return { label: `doctor answering ${answer} ${json.join(' ')}`, problems: terminalProblems(result, expectations), result };
          } finally {
            await server.close();
          }
        }),
      ),
    );
    expect(report(outcomes)).toBe('');
  });

  it('validate: configuration values from the environment and a config file', async () => {
    const random = randomFor('validate');
    const outcomes = await Promise.all(
      cases(4).map((index) =>
        pool(async (): Promise<Outcome> => {
          const env = hostileFields(random, false);
          const file = hostileFields(random);
          const cwd = caseFolder();
          const q = (text: string): string => JSON.stringify(text);
          writeFileSync(
            join(cwd, 'otel-proc.config.yaml'),
            `tracing:\n  serviceName: ${q(file.service)}\n  otlpEndpoint: ${q(`http://collector:4318/${file.span}`)}\n  headers:\n    ${q(file.attributeKey)}: x\n  ${q(file.metric)}: 1\n`,
          );
          const format = [[], ['--json'], ['--format', 'github'], ['--strict']][index % 4]!;
          const result = await runCli(['validate', ...format], {
            cwd,
            env: {
              OTEL_SERVICE_NAME: env.service,
              OTEL_RESOURCE_ATTRIBUTES: `${encodeURIComponent(env.attributeKey)}=${encodeURIComponent(env.attributeValue)}`,
              OTEL_TRACES_SAMPLER: env.span,
              OTEL_EXPORTER_OTLP_PROTOCOL: env.scope,
              [`OTEL_EXPORTER_OTLP_TRACES_${random.pick(['ENDPIONT', 'HEADRES'])}`]: env.logBody,
              // A newline and a workflow command: one line of ours must not become two in GitHub's log.
              OTEL_BSP_MAX_QUEUE_SIZE: '12\n::error::injected\r\n::add-mask::x',
            },
            timeoutMs: 20_000,
          });
          const expectations: TerminalExpectations = {
            json: format.includes('--json') ? 'document' : undefined,
            hostile: [...Object.values(env), ...Object.values(file)],
            marker: MARKER,
            mustShowInHuman: true,
            mustCarryInJson: false,
            exits: [1, 2],
            ...(format.includes('github')
              ? { preEncode: (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A') }
              : {}),
          };
          const problems = terminalProblems(result, expectations);
          // A newline in a value must not start a workflow command of its own in GitHub's log.
          if (format.includes('github'))
            for (const line of result.stdout.split('\n'))
              if (line.startsWith('::') && !/^::(error|warning|notice)[ :]/.test(line)) problems.push(`a line GitHub would run: ${line}`);
          return { label: `validate ${format.join(' ')}`, problems, result };
        }),
      ),
    );
    expect(report(outcomes)).toBe('');
  });
});
