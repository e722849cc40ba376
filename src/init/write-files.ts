/**
 * Writing init's files without ever clobbering a user's work: an existing file is left alone unless
 * `force` is set, and the outcome of every file is reported, including "unchanged" when the file
 * already holds exactly what init would write (so re-running init is safe and says so).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileRole, PlannedFile } from './plan.js';

export type FileOutcome = 'created' | 'overwritten' | 'unchanged' | 'kept';

export interface WrittenFile {
  path: string;
  role: FileRole;
  outcome: FileOutcome;
  bytes: number;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function writeInitFiles(dir: string, files: PlannedFile[], force: boolean): Promise<WrittenFile[]> {
  const results: WrittenFile[] = [];
  for (const file of files) {
    const target = join(dir, file.path);
    const existing = await readIfExists(target);
    const bytes = Buffer.byteLength(file.content);
    if (existing === file.content) {
      results.push({ path: file.path, role: file.role, outcome: 'unchanged', bytes });
      continue;
    }
    if (existing !== undefined && !force) {
      results.push({ path: file.path, role: file.role, outcome: 'kept', bytes });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    // 'wx' when the file did not exist: if something created it meanwhile, fail rather than clobber.
    await writeFile(target, file.content, { flag: existing === undefined ? 'wx' : 'w' });
    results.push({ path: file.path, role: file.role, outcome: existing === undefined ? 'created' : 'overwritten', bytes });
  }
  return results;
}
