/**
 * Writing `--help`, `--version` and usage errors without process.stdout / process.stderr.
 * The first touch of either builds Node's stream machinery for it (node:stream, and node:net for a
 * pipe): a few milliseconds, a tenth of what starting Node itself costs, spent before printing a
 * few lines. These writes go straight to the file descriptor instead. Commands still get the real
 * streams through their CommandContext.
 */
import { fstatSync, writeSync } from 'node:fs';

type StandardDescriptor = 1 | 2;

function streamOf(fd: StandardDescriptor): NodeJS.WriteStream {
  return fd === 1 ? process.stdout : process.stderr;
}

/**
 * Writes all of `text` to fd 1 or 2. A reader that went away (`otel-proc --help | head -1`) is not
 * an error of ours: stop quietly. A descriptor another process left non-blocking (EAGAIN on a full
 * pipe) gets the rest through Node's stream, which waits for the reader.
 */
export function writeDirect(fd: StandardDescriptor, text: string): void {
  let pending = Buffer.from(text, 'utf8');
  while (pending.length > 0) {
    try {
      pending = pending.subarray(writeSync(fd, pending));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code === 'EAGAIN') {
        streamOf(fd).write(pending);
        return;
      }
      throw error;
    }
  }
}

/**
 * Columns to wrap help at, as commander's default would find them: the terminal's width, or none
 * (80) for a pipe or a file. Only a character device can be a terminal, so only then is the stream
 * (and with it node:tty) loaded to ask.
 */
export function terminalColumns(fd: StandardDescriptor): number | undefined {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return undefined;
  } catch {
    return undefined; // a closed descriptor: nothing to wrap for
  }
  const stream = streamOf(fd);
  return stream.isTTY ? stream.columns : undefined;
}
