/**
 * Where `receive --json` / `--out` put their JSON lines: one object per item with its signal.
 * Writes report "full" as a promise so the receiver holds its answer until the output drains
 * (backpressure), and a reader that goes away (`| head -5`, EPIPE) ends the output instead of
 * crashing the process.
 */
import { once, setMaxListeners } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { ConfigurationError } from '../cli/errors.js';
import type { ReceivedSignal } from './types.js';

export interface JsonLinesOutput {
  /** Writes one line; a promise means "full: wait before answering the client". */
  write(signal: ReceivedSignal, item: object): Promise<void> | undefined;
  /** True once stdout failed (its reader went away). */
  readonly stdoutClosed: boolean;
  /** Called once when stdout fails. */
  onStdoutClosed(listener: () => void): void;
  close(): Promise<void>;
}

async function openOutFile(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path, { flags: 'w' });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw new ConfigurationError(`cannot write --out file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return stream;
}

export async function openJsonLinesOutput(options: { stdout?: Writable; outFile?: string; signal: AbortSignal }): Promise<JsonLinesOutput> {
  const file = options.outFile ? await openOutFile(options.outFile) : undefined;
  const stdout = options.stdout;
  let stdoutClosed = false;
  let closedListener: (() => void) | undefined;
  const onStdoutError = (): void => {
    stdoutClosed = true;
    closedListener?.();
  };
  stdout?.on('error', onStdoutError);

  // One listener on the session's signal, relayed to every drain wait (many requests may wait at once).
  const stopWaiting = new AbortController();
  setMaxListeners(0, stopWaiting.signal);
  const relayAbort = (): void => stopWaiting.abort();
  options.signal.addEventListener('abort', relayAbort, { once: true });

  const drained = async (): Promise<void> => {
    // Ctrl-C ends the wait, and no listener outlives it.
    const waitOptions = { signal: stopWaiting.signal };
    const waits: Array<Promise<unknown>> = [];
    if (stdout && !stdoutClosed && stdout.writableNeedDrain) waits.push(once(stdout, 'drain', waitOptions));
    if (file?.writableNeedDrain) waits.push(once(file, 'drain', waitOptions));
    await Promise.all(waits).catch(() => undefined);
  };

  return {
    write(signal, item) {
      const line = `${JSON.stringify({ signal, ...item })}\n`;
      let full = false;
      if (stdout && !stdoutClosed) full = !stdout.write(line);
      if (file && !file.write(line)) full = true;
      return full ? drained() : undefined;
    },
    get stdoutClosed() {
      return stdoutClosed;
    },
    onStdoutClosed(listener) {
      closedListener = listener;
      if (stdoutClosed) listener();
    },
    async close() {
      stdout?.off('error', onStdoutError);
      options.signal.removeEventListener('abort', relayAbort);
      stopWaiting.abort();
      if (!file) return;
      file.end();
      await once(file, 'close').catch(() => undefined);
    },
  };
}
