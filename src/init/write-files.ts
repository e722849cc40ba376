/**
 * Writing init's files without ever clobbering a user's work: an existing file is left alone unless
 * `force` is set, and the outcome of every file is reported, including "unchanged" when the file
 * already holds exactly what init would write (so re-running init is safe and says so).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError, fileErrorReason } from '../errors.js';
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

/** A folder that is a file, no permission, a read-only disk: the user's to fix, so exit 2 with the path. */
function cannotWrite(path: string, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string')
    throw new UsageError(
      `cannot write ${path}: ${fileErrorReason(error, { words: { ENOENT: 'that folder cannot be created' }, unknown: 'code' })}`,
      'choose another --dir',
    );
  throw error;
}

/**
 * mkdir -p, one level at a time. Node's `mkdir(..., { recursive: true })` answers ENOENT instead of
 * EROFS under a read-only mount and never returns for some paths (/proc/1/x); this gives the real
 * reason and always ends.
 */
async function makeFolder(path: string): Promise<void> {
  try {
    await mkdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(path) === path) throw error;
    await makeFolder(dirname(path));
    await mkdir(path).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}

export async function writeInitFiles(dir: string, files: PlannedFile[], force: boolean): Promise<WrittenFile[]> {
  const results: WrittenFile[] = [];
  for (const file of files) {
    const target = join(dir, file.path);
    try {
      results.push(await writeOne(target, file, force));
    } catch (error) {
      cannotWrite(target, error);
    }
  }
  return results;
}

async function writeOne(target: string, file: PlannedFile, force: boolean): Promise<WrittenFile> {
  const existing = await readIfExists(target);
  const bytes = Buffer.byteLength(file.content);
  if (existing === file.content) return { path: file.path, role: file.role, outcome: 'unchanged', bytes };
  if (existing !== undefined && !force) return { path: file.path, role: file.role, outcome: 'kept', bytes };
  await makeFolder(dirname(target));
  // 'wx' when the file did not exist: if something created it meanwhile, fail rather than clobber.
  await writeFile(target, file.content, { flag: existing === undefined ? 'wx' : 'w' });
  return { path: file.path, role: file.role, outcome: existing === undefined ? 'created' : 'overwritten', bytes };
}
