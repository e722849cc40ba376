/**
 * Packs already-redacted bundle entries into one gzipped tar archive in memory, with node-tar
 * (https://github.com/isaacs/node-tar): the command writes the bytes. Entries are regular files
 * with portable headers (no user or group names from this machine).
 */
import { Header, Pack, ReadEntry } from 'tar';

export async function packBundle(entries: Array<{ path: string; text: string }>, mtime = new Date()): Promise<Buffer> {
  const pack = new Pack({ gzip: true, portable: true });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pack.on('data', (chunk: Buffer) => chunks.push(chunk));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
  for (const entry of entries) {
    const body = Buffer.from(entry.text, 'utf8');
    const header = new Header({ path: entry.path, mode: 0o600, size: body.length, type: 'File', mtime });
    header.encode();
    const file = new ReadEntry(header);
    file.end(body);
    pack.add(file);
  }
  pack.end();
  return done;
}
