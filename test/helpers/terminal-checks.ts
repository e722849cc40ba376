/**
 * What the terminal fuzzer asserts about one run: no raw control character but newline and tab in
 * any stream, JSON that parses (and still carries the sender's exact text, since JSON escapes it),
 * and hostile text that is shown is shown escaped, whole.
 */
import type { CliResult } from './cli.js';
import { firstUnsafeControl, shownEscaped } from './fuzz.js';

export interface TerminalExpectations {
  json?: 'document' | 'lines';
  /** Every hostile string planted in the case. */
  hostile: readonly string[];
  /** The prefix every hostile string starts with, to tell whether one was shown at all. */
  marker: string;
  /** At least one hostile string must be shown (escaped) in the human output. */
  mustShowInHuman: boolean;
  /** In JSON output, at least one hostile string must arrive exactly. */
  mustCarryInJson: boolean;
  exits: number[];
  /**
   * Another encoding the output may rightly apply before ours: GitHub workflow commands carry CR, LF
   * and % as %0D, %0A and %25 (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts).
   */
  preEncode?: (text: string) => string;
}

function parseJson(text: string, mode: 'document' | 'lines'): unknown[] | string {
  const documents: unknown[] = [];
  const chunks = mode === 'document' ? [text] : text.split('\n').filter((line) => line.trim() !== '');
  for (const chunk of chunks) {
    try {
      documents.push(JSON.parse(chunk));
    } catch (error) {
      return `not JSON (${(error as Error).message}): ${JSON.stringify(chunk.slice(0, 300))}`;
    }
  }
  return documents;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
  return [];
}

/** Problems with text meant for a person (a stream in human mode, or stderr): raw controls, partly escaped text. */
function humanProblems(where: string, text: string, expect: TerminalExpectations): string[] {
  const problems: string[] = [];
  const unsafe = firstUnsafeControl(text);
  if (unsafe) problems.push(`raw control character in ${where}: ${unsafe}`);
  for (const hostile of expect.hostile) {
    // Where a hostile string's unique head is shown, it is shown escaped: whole, or up to where a
    // message cuts a long value short ("…", a closing quote, "...").
    const head = hostile.slice(0, expect.marker.length + 4);
    const escaped = shownEscaped(hostile);
    const forms = expect.preEncode ? [escaped, shownEscaped(expect.preEncode(hostile))] : [escaped];
    for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, at + 1)) {
      const shownAs = (form: string): boolean => {
        let same = 0;
        while (same < form.length && text[at + same] === form[same]) same += 1;
        return same === form.length || /^(…|"|'|\.\.\.|\n|$)/.test(text.slice(at + same));
      };
      if (forms.some(shownAs)) continue;
      problems.push(
        `${where} shows ${JSON.stringify(head)} but not as ${JSON.stringify(escaped)}: ${JSON.stringify(text.slice(at, at + 120))}`,
      );
    }
  }
  return problems;
}

export function terminalProblems(
  result: CliResult,
  expect: TerminalExpectations,
  files: Array<{ path: string; text: string }> = [],
): string[] {
  const problems: string[] = [];
  if (result.signal !== null) problems.push(`killed by ${result.signal}`);
  else if (!expect.exits.includes(result.code ?? -1)) problems.push(`exit ${result.code}, expected ${expect.exits.join('/')}`);
  if (/^\s{4}at /m.test(result.stdout + result.stderr)) problems.push('a stack trace was printed');
  problems.push(...humanProblems('stderr', result.stderr, expect));
  if (expect.json) {
    const unsafe = firstUnsafeControl(result.stdout);
    if (unsafe) problems.push(`raw control character in JSON stdout: ${unsafe}`);
    const parsed = parseJson(result.stdout, expect.json);
    if (typeof parsed === 'string') problems.push(`stdout ${parsed}`);
    else if (expect.mustCarryInJson && !strings(parsed).some((value) => expect.hostile.some((hostile) => value.includes(hostile)))) {
      problems.push('no hostile string arrived intact in the JSON output');
    }
  } else {
    problems.push(...humanProblems('stdout', result.stdout, expect));
    if (
      expect.mustShowInHuman &&
      !expect.hostile.some((hostile) => (result.stdout + result.stderr).includes(shownEscaped(hostile).slice(0, expect.marker.length + 10)))
    ) {
      problems.push('no hostile string is shown (escaped) in the human output');
    }
  }
  for (const file of files) {
    const unsafe = firstUnsafeControl(file.text);
    if (unsafe) problems.push(`raw control character in ${file.path}: ${unsafe}`);
    const parsed = parseJson(file.text, 'lines');
    if (typeof parsed === 'string') problems.push(`${file.path} ${parsed}`);
    else if (!strings(parsed).some((value) => expect.hostile.some((hostile) => value.includes(hostile))))
      problems.push(`no hostile string arrived intact in ${file.path}`);
  }
  return problems;
}
