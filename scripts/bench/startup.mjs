/**
 * `npm run bench:startup`: how long otel-proc takes to start, as a ratio to a bare `node -e 0`
 * measured side by side in one run. A user feels start-up on every `--help` and in every CI step.
 *
 *   npm run bench:startup [-- --rounds 15 --env bare|inherited --json --strict]
 *
 * Each round runs `node -e 0`, `otel-proc --help`, `otel-proc --version` and `otel-proc validate`
 * once, in a rotating order, so neither side gains from a neighbour going quiet or a warm page
 * cache, in an empty temporary working folder, so validate finds no config file, and with no OTEL_*.
 * It measures in two environments, one after the other (--env picks one):
 *   bare      PATH and HOME only: nothing like NODE_EXTRA_CA_CERTS or NODE_OPTIONS, which make every
 *             Node process, node -e 0 too, start slower and so flatter the ratio
 *   inherited yours, less OTEL_*: what you feel at your prompt The target is a median of at most 1.35x node for --help and
 * --version; validate starts the same way and then does its own work (loading its modules, resolving
 * and checking the configuration), reported as its median minus --version's.
 * Wall time is what a user waits, and the verdict. On a busy machine every process waits for a core
 * and the longer ones wait longer, so the CPU time of the children is printed beside it: Linux counts
 * it exactly in nanoseconds per reaped child and reports the sum in 10 ms ticks, so a mean over the
 * rounds is steady to well under a millisecond whatever the load.
 * --strict exits 1 when a target is missed; by default the figures are informational, since a shared
 * machine's noise is not a regression.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const TARGET_RATIO = 1.35;
const BIN = fileURLToPath(new URL('../../bin/otel-proc.js', import.meta.url));

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    env: { type: 'string' },
    json: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`bench:startup: --rounds must be a whole number of at least 1, got '${values.rounds}'`);
  process.exit(2);
}

const ENVIRONMENTS = { bare: 'bare environment (PATH, HOME)', inherited: 'your environment, less OTEL_*' };
if (values.env !== undefined && !(values.env in ENVIRONMENTS)) {
  console.error(`bench:startup: --env must be bare or inherited, got '${values.env}'`);
  process.exit(2);
}

const CASES = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: '--help', args: [BIN, '--help'] },
  { name: '--version', args: [BIN, '--version'] },
  { name: 'validate', args: [BIN, 'validate'] },
];

function runEnvironment(kind) {
  const env = { NO_COLOR: '1' };
  for (const [key, value] of Object.entries(process.env)) {
    const keep = kind === 'inherited' ? !key.startsWith('OTEL_') && !key.startsWith('npm_') : key === 'PATH' || key === 'HOME';
    if (keep) env[key] = value;
  }
  return env;
}

/** User + system CPU of every reaped child so far, in ms (fields cutime and cstime of proc(5)). */
const TICK_MS = 10;
function childrenCpuMs() {
  if (!existsSync('/proc/self/stat')) return undefined;
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

function timeOnce(args, cwd, env) {
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = childrenCpuMs();
  // validate on an empty environment finds nothing wrong; anything else means we timed an error path.
  if (result.status !== 0) throw new Error(`'${args.join(' ')}' exited ${result.status}: ${result.stderr}`);
  return { elapsedMs, cpuMs: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Every case once per round, in a rotating order, after one untimed round that warms the page cache. */
function measure(env, cwd) {
  const samples = new Map(CASES.map((entry) => [entry.name, []]));
  for (const entry of CASES) timeOnce(entry.args, cwd, env);
  for (let round = 0; round < rounds; round++) {
    for (let offset = 0; offset < CASES.length; offset++) {
      const entry = CASES[(round + offset) % CASES.length];
      samples.get(entry.name).push(timeOnce(entry.args, cwd, env));
    }
  }
  return samples;
}

function summarise(kind, samples) {
  const summaries = new Map(
    CASES.map(({ name }) => {
      const runs = samples.get(name);
      const cpuMs = runs.some((run) => run.cpuMs === undefined) ? undefined : mean(runs.map((run) => run.cpuMs));
      return [name, { name, medianMs: median(runs.map((run) => run.elapsedMs)), cpuMs }];
    }),
  );
  const baseline = summaries.get('node -e 0');
  const results = [...summaries.values()].map((summary) => {
    const ratio = summary.medianMs / baseline.medianMs;
    const cpuRatio = summary.cpuMs === undefined ? undefined : summary.cpuMs / baseline.cpuMs;
    const judged = summary.name === '--help' || summary.name === '--version';
    return { ...summary, ratio, cpuRatio, pass: judged ? ratio <= TARGET_RATIO : undefined };
  });
  const validateOwnWorkMs = summaries.get('validate').medianMs - summaries.get('--version').medianMs;
  return { environment: kind, results, validateOwnWorkMs, pass: results.every((result) => result.pass !== false) };
}

function printTable({ environment, results, validateOwnWorkMs }) {
  console.log(`${ENVIRONMENTS[environment]}:`);
  console.log(`  ${''.padEnd(10)} ${'wall, median'.padStart(18)}  ${'cpu, mean'.padStart(16)}`);
  for (const result of results) {
    const verdict = result.pass === undefined ? '' : result.pass ? '  PASS' : '  FAIL';
    const cpu = result.cpuMs === undefined ? '' : `${result.cpuMs.toFixed(1).padStart(7)} ms ${result.cpuRatio.toFixed(2)}x`;
    console.log(
      `  ${result.name.padEnd(10)} ${result.medianMs.toFixed(1).padStart(8)} ms ${result.ratio.toFixed(2)}x  ${cpu.padStart(16)}${verdict}`,
    );
  }
  console.log(`  validate's own work on top of start-up (validate - --version): ${validateOwnWorkMs.toFixed(1)} ms`);
}

const kinds = values.env === undefined ? Object.keys(ENVIRONMENTS) : [values.env];
const cwd = mkdtempSync(join(tmpdir(), 'otel-proc-startup-'));
let reports;
try {
  reports = kinds.map((kind) => summarise(kind, measure(runEnvironment(kind), cwd)));
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
const pass = reports.every((report) => report.pass);
const busy = loadavg()[0] > availableParallelism();

if (values.json) {
  console.log(JSON.stringify({ rounds, targetRatio: TARGET_RATIO, environments: reports, loadAverage: loadavg()[0], pass }));
} else {
  console.log(`start-up, ${rounds} alternating rounds (target for --help and --version: median wall time <= ${TARGET_RATIO}x node -e 0)`);
  for (const report of reports) printTable(report);
  if (busy)
    console.log(
      `note: load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; wall times wait for a core, the cpu column does not`,
    );
}
if (values.strict && !pass) process.exitCode = 1;
