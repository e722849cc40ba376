/**
 * The output boundary: the streams and file writes every command gets. Each chunk passes
 * `sanitize` (secrets replaced, credential shapes replaced, control characters escaped) with the
 * secrets known at the time it is written, so nothing a command prints or saves can skip it.
 */
import { writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { escapeControls, redactJsonValue, sanitize, tokenizeAnsi } from './sanitize.js';
import { SecretCollector } from './secrets.js';

interface TerminalLike {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/** The cursor methods of a tty.WriteStream, as escape sequences, for a spinner drawing through the boundary. */
function addCursorMethods(stream: Writable): void {
  const write = (sequence: string, callback?: () => void): boolean => stream.write(`\x1b[${sequence}`, callback);
  Object.assign(stream, {
    cursorTo: (x: number, _y?: unknown, callback?: () => void) =>
      write(`${Math.max(0, Math.floor(x)) + 1}G`, typeof _y === 'function' ? (_y as () => void) : callback),
    moveCursor: (dx: number, dy: number, callback?: () => void) => {
      const horizontal = dx === 0 ? '' : `\x1b[${Math.abs(dx)}${dx > 0 ? 'C' : 'D'}`;
      const vertical = dy === 0 ? '' : `\x1b[${Math.abs(dy)}${dy > 0 ? 'B' : 'A'}`;
      return stream.write(`${horizontal}${vertical}`, callback);
    },
    clearLine: (direction: number, callback?: () => void) => write(direction < 0 ? '1K' : direction > 0 ? '0K' : '2K', callback),
  });
}

export class OutputBoundary {
  private readonly collector = new SecretCollector();
  private known: string[] = [];

  /** Secrets found in a resolved configuration, an environment or a command line. */
  addSecrets(values: Iterable<string>): void {
    for (const value of values) this.collector.add(value);
    this.known = this.collector.values();
  }

  /** The collector itself, for callers that know the shape of what they add (header lists, URLs). */
  collect(add: (collector: SecretCollector) => void): void {
    add(this.collector);
    this.known = this.collector.values();
  }

  get secrets(): readonly string[] {
    return this.known;
  }

  /** Text as it may leave the process. `keepStyle`: the tool's own colours survive (a terminal). */
  sanitize(text: string, keepStyle = false): string {
    return sanitize(text, { secrets: this.known, keepStyle });
  }

  /**
   * A stream in front of `target`. `trustAnsi` is for a library that draws with escape sequences
   * of its own (a spinner): those are kept, anything else is escaped as usual.
   */
  wrap(target: Writable & TerminalLike, options: { keepStyle: boolean; trustAnsi?: boolean }): Writable & TerminalLike {
    const boundary = this;
    const stream = new Writable({
      decodeStrings: false,
      // Report "full" when the target would: a receiver holds its answers on stdout's backpressure.
      highWaterMark: target.writableHighWaterMark,
      write(chunk: string | Buffer, _encoding, callback) {
        const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
        target.write(boundary.sanitize(options.trustAnsi ? tokenizeAnsi(text) : text, options.keepStyle), (error) =>
          callback(error ?? null),
        );
      },
    }) as Writable & TerminalLike;
    // Renderers size live lines to the terminal and spinners need to know they draw on one.
    Object.defineProperty(stream, 'isTTY', { get: () => target.isTTY });
    Object.defineProperty(stream, 'columns', { get: () => target.columns });
    Object.defineProperty(stream, 'rows', { get: () => target.rows });
    if (options.trustAnsi) addCursorMethods(stream);
    return stream;
  }

  /** A file the user asked for (--report, --out), written through the boundary. */
  async writeFile(path: string, content: string, flag = 'w'): Promise<void> {
    await writeFile(path, this.sanitize(content), { flag });
  }

  /**
   * Data on its way into a document that also carries code of ours (an HTML page with its charting
   * script, an archive): the data is redacted and escaped here, value by value, and the document is
   * then built from it, so the text pass cannot mangle the code around it.
   */
  sanitizeValue<T>(value: T): T {
    return JSON.parse(escapeControls(JSON.stringify(redactJsonValue(value, this.known)))) as T;
  }
}
