/**
 * Where `receive --json` / `--out` put their JSON lines: one object per item with its signal.
 * Writes report "full" as a promise so the receiver holds its answer until the output drains
 * (backpressure), and a reader that goes away (`| head -5`, EPIPE) ends the output instead of
 * crashing the process. A request's answer also waits until its lines are in the --out file, so a
 * file that fails mid-run (disk full) is a failed request and a reported error, not items
 * acknowledged to the sender and then lost.
 */
import { once, setMaxListeners } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { ConfigurationError, fileErrorReason, WRITING } from '../errors.js';
import type { ReceivedSignal } from './types.js';

export interface JsonLinesOutput {
  /** Writes one line; a promise means "full: wait before answering the client". */
  write(signal: ReceivedSignal, item: object): Promise<void> | undefined;
  /** True once stdout failed (its reader went away). */
  readonly stdoutClosed: boolean;
  /** Called once when stdout fails. */
  onStdoutClosed(listener: () => void): void;
  /** Called once when writing the --out file fails (e.g. ENOSPC), with an error naming it. */
  onFileFailed(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

function outFileError(path: string, error: unknown): ConfigurationError {
  const reason = fileErrorReason(error, { words: WRITING, withCode: true, unknown: 'code' });
  return new ConfigurationError(`cannot write --out file ${path}: ${reason}`);
}

async function openOutFile(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path, { flags: 'w' });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw outFileError(path, error);
  }
  return stream;
}

export interface JsonLinesOptions {
  /** Already behind the output boundary (the command's stdout). */
  stdout?: Writable;
  outFile?: string;
  /** The output boundary's transformation, for what goes to the --out file. */
  sanitize: (text: string) => string;
  signal: AbortSignal;
}

export async function openJsonLinesOutput(options: JsonLinesOptions): Promise<JsonLinesOutput> {
  const outFile = options.outFile;
  const file = outFile ? await openOutFile(outFile) : undefined;
  const stdout = options.stdout;
  let stdoutClosed = false;
  let closedListener: (() => void) | undefined;
  const onStdoutError = (): void => {
    stdoutClosed = true;
    closedListener?.();
  };
  stdout?.on('error', onStdoutError);
  let fileError: Error | undefined;
  let fileFailedListener: ((error: Error) => void) | undefined;
  file?.on('error', (error) => {
    if (fileError) return;
    fileError = outFileError(outFile!, error);
    fileFailedListener?.(fileError);
  });
  /** Resolves once everything written to the file so far is in it; rejects if writing failed. */
  const fileWritten = (line: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (fileError) return reject(fileError);
      file!.write(line, (error) => (error ? reject(fileError ?? outFileError(outFile!, error)) : resolve()));
    });

  // One listener on the session's signal, relayed to every drain wait (many requests may wait at once).
  const stopWaiting = new AbortController();
  setMaxListeners(0, stopWaiting.signal);
  const relayAbort = (): void => stopWaiting.abort();
  options.signal.addEventListener('abort', relayAbort, { once: true });

  // One shared wait for stdout's drain, however many requests are held (one listener, not one each).
  let stdoutDrained: Promise<void> | undefined;
  const stdoutDrain = (): Promise<void> =>
    (stdoutDrained ??= once(stdout!, 'drain', { signal: stopWaiting.signal })
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        stdoutDrained = undefined;
      }));

  return {
    write(signal, item) {
      const line = `${JSON.stringify({ signal, ...item })}\n`;
      const full = stdout !== undefined && !stdoutClosed && !stdout.write(line);
      if (!file) return full ? stdoutDrain() : undefined;
      // The file is written in order, so the last line's promise covers every line of the request.
      const fileLine = options.sanitize(line);
      const written = full ? Promise.all([stdoutDrain(), fileWritten(fileLine)]).then(() => undefined) : fileWritten(fileLine);
      // The receiver awaits only the last line's promise; a failure of the others is already known.
      written.catch(() => undefined);
      return written;
    },
    get stdoutClosed() {
      return stdoutClosed;
    },
    onStdoutClosed(listener) {
      closedListener = listener;
      if (stdoutClosed) listener();
    },
    onFileFailed(listener) {
      fileFailedListener = listener;
      if (fileError) listener(fileError);
    },
    async close() {
      stdout?.off('error', onStdoutError);
      options.signal.removeEventListener('abort', relayAbort);
      stopWaiting.abort();
      // A stream that failed is already closed: waiting for 'close' again would wait forever.
      if (!file || file.closed) return;
      const closed = once(file, 'close').catch(() => undefined);
      file.end();
      await closed;
    },
  };
}
