/**
 * One fuzz case of a CLI command: its folder (inputs at the top, everything the tool writes under
 * out/), the run, and the checks every case gets: documented exit codes, no stack trace, one JSON
 * document (or JSON lines) under --json, and no planted secret in any stream or written file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli, type CliResult } from './cli.js';
import { findLeaks, readTree, type Leak } from './fuzz.js';
import type { CaseInput } from './secret-placements.js';

export interface FuzzCase extends CaseInput {
  id: string;
  command: string;
  /** What --json promises on stdout; `report-document`: one JSON document unless it is a usage or configuration error (SARIF). */
  json?: 'document' | 'lines' | 'report-document';
  /** Exit codes the documentation allows for this case. */
  exits: number[];
  timeoutMs: number;
  /** Runs the command itself (a receiver that needs traffic while it runs); default: runCli. */
  run?: (cwd: string, fuzzCase: FuzzCase) => Promise<CliResult>;
}

export interface CaseOutcome {
  fuzzCase: FuzzCase;
  result: CliResult;
  problems: string[];
}

/** What is wrong with a JSON-mode stdout, if anything. */
function jsonProblem(stdout: string, mode: 'document' | 'lines'): string | undefined {
  if (mode === 'document') {
    try {
      JSON.parse(stdout);
      return undefined;
    } catch (error) {
      return `stdout is not one JSON document (${(error as Error).message}): ${JSON.stringify(stdout.slice(0, 300))}`;
    }
  }
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    try {
      JSON.parse(line);
    } catch {
      return `stdout has a line that is not JSON: ${JSON.stringify(line.slice(0, 300))}`;
    }
  }
  return undefined;
}

export async function runFuzzCase(fuzzCase: FuzzCase, secrets: readonly string[]): Promise<CaseOutcome> {
  const cwd = mkdtempSync(join(tmpdir(), `otel-proc-fuzz-${fuzzCase.command}-`));
  try {
    mkdirSync(join(cwd, 'out'));
    for (const [name, content] of Object.entries(fuzzCase.files)) {
      mkdirSync(dirname(join(cwd, name)), { recursive: true });
      writeFileSync(join(cwd, name), content);
    }
    const result = fuzzCase.run
      ? await fuzzCase.run(cwd, fuzzCase)
      : await runCli([fuzzCase.command, ...fuzzCase.args], { cwd, env: fuzzCase.env, timeoutMs: fuzzCase.timeoutMs });
    const problems: string[] = [];
    if (result.signal !== null) problems.push(`killed by ${result.signal} (hung past ${fuzzCase.timeoutMs} ms)`);
    else if (!fuzzCase.exits.includes(result.code ?? -1)) problems.push(`exit ${result.code}, expected one of ${fuzzCase.exits.join('/')}`);
    if (/^\s{4}at /m.test(result.stdout + result.stderr)) problems.push('a stack trace was printed');
    if (/internal error/.test(result.stdout + result.stderr)) problems.push('an internal error was reported');
    if (fuzzCase.json && result.signal === null && !(fuzzCase.json === 'report-document' && result.code === 2)) {
      const problem = jsonProblem(result.stdout, fuzzCase.json === 'lines' ? 'lines' : 'document');
      if (problem) problems.push(problem);
    }
    const leaks: Leak[] = [...findLeaks('stdout', result.stdout, secrets), ...findLeaks('stderr', result.stderr, secrets)];
    for (const file of readTree(join(cwd, 'out'))) {
      const relativePath = file.path.slice(cwd.length + 1);
      // An input placed among the outputs (init's target folder) that the tool left alone is ours, not its.
      if (fuzzCase.files[relativePath] !== undefined && readFileSync(file.path, 'utf8') === fuzzCase.files[relativePath]) continue;
      leaks.push(...findLeaks(relativePath, file.text, secrets));
    }
    for (const leak of leaks) problems.push(`secret in ${leak.where} (${JSON.stringify(leak.form)}): ${leak.context}`);
    return { fuzzCase, result, problems };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** A failure message that lets a reader replay the case. */
export function describeFailures(outcomes: CaseOutcome[], seed: number): string {
  return outcomes
    .filter((outcome) => outcome.problems.length > 0)
    .map(({ fuzzCase, result, problems }) =>
      [
        `case ${fuzzCase.id} (FUZZ_SEED=${seed}): otel-proc ${fuzzCase.command} ${fuzzCase.args.map((arg) => JSON.stringify(arg)).join(' ')}`,
        ...fuzzCase.notes.map((note) => `  input: ${note}`),
        ...problems.map((problem) => `  PROBLEM: ${problem}`),
        `  exit ${result.code}; stderr: ${JSON.stringify(result.stderr.slice(0, 600))}`,
      ].join('\n'),
    )
    .join('\n\n');
}
