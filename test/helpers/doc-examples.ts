/**
 * Reads the runnable examples out of a Markdown page. The convention (docs/index.md, "How the
 * examples are tested"):
 *   - a ```console block holds commands: each line starting with `$ ` is one, a trailing `\`
 *     continues it on the next line, and the lines after it (until the next `$ `) are sample output;
 *   - a trailing shell comment may say `exits N` (the expected exit code, 0 by default),
 *     `not run: <reason>` (listed as skipped, with the reason), or `until Ctrl-C` (the command is
 *     interrupted once it is ready, and then exits 130); a trailing `&` runs it in the background
 *     until the end of its block;
 *   - a fenced block whose info string carries `file=<name>` (```yaml file=checkout.yaml) is a file
 *     the page's examples use: it is written into the page's scratch folder first.
 */

export interface DocExample {
  /** 1-based line of the `$ ` in the page. */
  line: number;
  /** Index of the console block in the page. */
  block: number;
  /** The command as a shell reads it, continuations joined, without `$ `, the comment or a trailing `&`. */
  command: string;
  /** The command as printed (for test names). */
  printed: string;
  expectedExit: number;
  skip?: string;
  background: boolean;
  untilInterrupt: boolean;
}

export interface DocFile {
  name: string;
  content: string;
}

/** A command-looking line outside a console block: it would never be run. */
export interface StrayCommand {
  line: number;
  text: string;
}

export interface PageExamples {
  examples: DocExample[];
  files: DocFile[];
  stray: StrayCommand[];
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)(.*)$/;

export function extractExamples(markdown: string): PageExamples {
  const lines = markdown.split('\n');
  const examples: DocExample[] = [];
  const files: DocFile[] = [];
  const stray: StrayCommand[] = [];
  let blockIndex = -1;
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index]!);
    if (!open) continue;
    const [, , fence, language, info] = open;
    const body: { line: number; text: string }[] = [];
    let end = index + 1;
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence!)) {
      body.push({ line: end + 1, text: lines[end]! });
      end++;
    }
    const fileName = /\bfile=(\S+)/.exec(info ?? '')?.[1];
    if (fileName) files.push({ name: fileName, content: `${body.map((entry) => entry.text).join('\n')}\n` });
    if (language === 'console') {
      blockIndex++;
      examples.push(...commandsOf(body, blockIndex));
    } else {
      for (const entry of body)
        if (/^\s*(\$\s+)?(npx\s+)?otel-proc\s/.test(entry.text)) stray.push({ line: entry.line, text: entry.text.trim() });
    }
    index = end;
  }
  return { examples, files, stray };
}

function commandsOf(body: { line: number; text: string }[], block: number): DocExample[] {
  const examples: DocExample[] = [];
  for (let index = 0; index < body.length; index++) {
    const first = body[index]!;
    if (!first.text.startsWith('$ ')) continue;
    let text = first.text.slice(2);
    const printed = [text];
    while (text.endsWith('\\') && index + 1 < body.length) {
      index++;
      printed.push(body[index]!.text);
      text = `${text.slice(0, -1)} ${body[index]!.text.trim()}`;
    }
    const { code, comment } = splitComment(text);
    let command = code.trim();
    const background = /(^|[^&])&$/.test(command);
    if (background) command = command.slice(0, -1).trim();
    const exits = /\bexits (\d+)\b/.exec(comment)?.[1];
    const skip = /\bnot run: (.+)$/.exec(comment)?.[1]?.trim();
    const untilInterrupt = /\buntil Ctrl-C\b/.test(comment);
    examples.push({
      line: first.line,
      block,
      command,
      printed: printed.join('\n'),
      expectedExit: exits !== undefined ? Number(exits) : untilInterrupt ? 130 : 0,
      ...(skip ? { skip } : {}),
      background,
      untilInterrupt,
    });
  }
  return examples;
}

/** Split a shell line at its comment: a `#` after whitespace, outside quotes. */
export function splitComment(text: string): { code: string; comment: string } {
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quote) {
      if (character === quote) quote = undefined;
      else if (character === '\\' && quote === '"') index++;
      continue;
    }
    if (character === '\\') {
      index++;
      continue;
    }
    if (character === '"' || character === "'") quote = character;
    else if (character === '#' && (index === 0 || /\s/.test(text[index - 1]!)))
      return { code: text.slice(0, index), comment: text.slice(index + 1) };
  }
  return { code: text, comment: '' };
}

/** Words of a shell command (quotes removed), with operators (`|`, `&&`, `;`, `>`) as their own words. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: string | undefined;
  const flush = (): void => {
    if (inWord) words.push(current);
    current = '';
    inWord = false;
  };
  for (let index = 0; index < command.length; index++) {
    const character = command[index]!;
    if (quote) {
      if (character === quote) quote = undefined;
      else current += character;
      continue;
    }
    if (character === '"' || character === "'") {
      quote = character;
      inWord = true;
    } else if (/\s/.test(character)) flush();
    else if ('|&;<>()'.includes(character)) {
      flush();
      const double = command.slice(index, index + 2);
      if (['&&', '||', '>>', '2>'].includes(double)) {
        words.push(double);
        index++;
      } else words.push(character);
    } else {
      current += character;
      inWord = true;
    }
  }
  flush();
  return words;
}

export interface Invocation {
  /** `undefined` for the program's own options (`otel-proc --version`). */
  command?: string;
  options: string[];
}

/** Every `otel-proc` call in a command line: its subcommand and the options it passes. */
export function invocationsOf(command: string): Invocation[] {
  const words = shellWords(command);
  const invocations: Invocation[] = [];
  for (let index = 0; index < words.length; index++) {
    if (words[index] !== 'otel-proc') continue;
    let next = index + 1;
    const subcommand = words[next] !== undefined && !words[next]!.startsWith('-') && !isOperator(words[next]!) ? words[next++] : undefined;
    const options: string[] = [];
    for (; next < words.length && !isOperator(words[next]!); next++) {
      const word = words[next]!;
      if (/^--?[A-Za-z]/.test(word)) options.push(word.split('=')[0]!);
    }
    invocations.push({ ...(subcommand ? { command: subcommand } : {}), options });
  }
  return invocations;
}

function isOperator(word: string): boolean {
  return ['|', '||', '&&', ';', '&', '>', '>>', '<', '2>', '(', ')'].includes(word);
}
