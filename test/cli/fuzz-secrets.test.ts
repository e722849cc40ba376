/**
 * A seeded fuzzer over every command and every output format it has, planting secrets (marked
 * `S3cr3t…`) in every place one can sit: the environment, flags, config files (broken ones too),
 * --env-file files, declarative configuration, the Collector's config, report files and what
 * senders send. No planted secret may appear in any stream or any written file (bundles unpacked),
 * raw, percent-encoded or JSON-escaped; exit codes are the documented ones; no stack trace; --json
 * prints one JSON document (receive: JSON lines).
 *
 * Replay a failure with FUZZ_SEED=<seed> from its message; FUZZ_CASES=<n> scales the case count.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type ReceiverHandle } from '../../src/receiver/index.js';
import { runFuzzCase, describeFailures, type FuzzCase } from '../helpers/fuzz-case.js';
import { doctorCase, emitCase, initCase, loadCase, validateCase, type Builder, type FuzzTargets } from '../helpers/fuzz-commands.js';
import { loadMergeCase, receiveCase, reportCase } from '../helpers/fuzz-report-cases.js';
import { createPool, fuzzSeed, Random, SecretPlanter } from '../helpers/fuzz.js';

const SEED = fuzzSeed(20_240_611);
const SCALE = Number(process.env.FUZZ_CASES) > 0 ? Number(process.env.FUZZ_CASES) : 1;
/** Cases per command at scale 1: sized so the file stays well under a minute on a loaded 2-core machine. */
const COMMANDS: Array<[string, number, (builder: Builder, id: string) => FuzzCase]> = [
  ['validate', 20, validateCase],
  ['emit', 6, emitCase],
  ['load', 4, loadCase],
  ['load-merge', 4, loadMergeCase],
  ['report', 3, reportCase],
  ['receive', 3, receiveCase],
  ['doctor', 7, doctorCase],
  ['init', 3, initCase],
];

let receiver: ReceiverHandle;
let closed: Server;
const pool = createPool(3);

/** A port that refuses connections: bound, then closed; the kernel does not hand it out again soon. */
async function closedPort(): Promise<number> {
  closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return port;
}

let targets: FuzzTargets;
beforeAll(async () => {
  receiver = await startReceiver({ grpcPort: 0, httpPort: 0, countOnly: true });
  targets = { httpPort: receiver.ports.http!, grpcPort: receiver.ports.grpc!, closedPort: await closedPort() };
});
afterAll(async () => {
  await receiver?.stop();
});

describe.concurrent(`no planted secret reaches any output (FUZZ_SEED=${SEED})`, () => {
  for (const [command, count, build] of COMMANDS) {
    it(`otel-proc ${command}: ${Math.ceil(count * SCALE)} cases`, { timeout: 60_000 * SCALE }, async () => {
      // One random stream per command: a command's cases do not change when another's count does.
      const random = new Random(SEED ^ [...command].reduce((hash, char) => Math.imul(hash, 31) + char.charCodeAt(0), 7));
      const planter = new SecretPlanter(random);
      const builder: Builder = { random, secrets: planter, targets };
      const cases = Array.from({ length: Math.ceil(count * SCALE) }, (_, index) => build(builder, `${command}#${index}`));
      const outcomes = await Promise.all(cases.map((fuzzCase) => pool(() => runFuzzCase(fuzzCase, planter.planted))));
      expect(describeFailures(outcomes, SEED)).toBe('');
      // The cases did run the command: some output came back from each.
      expect(outcomes.every(({ result }) => result.stdout.length + result.stderr.length > 0)).toBe(true);
    });
  }
});
