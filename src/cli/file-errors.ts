/**
 * Plain words for the file-system errors a user can fix: a missing file, a folder where a file
 * belongs, permissions, a full or read-only disk. Every command that reads or writes a file the
 * user named words its error through here, so the same mistake reads the same everywhere.
 */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'part of that path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
};

/** When writing a file, ENOENT means a folder on its path is missing, not the file. */
export const WRITING: Partial<Record<string, string>> = { ENOENT: 'the folder does not exist' };

export interface FileErrorWording {
  /** What a code means at this call site, where the general words would mislead (ENOENT on a write: the folder is missing). */
  words?: Partial<Record<string, string>>;
  /** Append the code, `no such file (ENOENT)`, for messages people search for. */
  withCode?: boolean;
  /** For a code without words: the error's message (default) or just its code. */
  unknown?: 'message' | 'code';
}

export function fileErrorReason(error: unknown, wording: FileErrorWording = {}): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words = code ? (wording.words?.[code] ?? REASONS[code]) : undefined;
  if (words) return wording.withCode ? `${words} (${code})` : words;
  return wording.unknown === 'code' && code ? code : String((error as Error).message ?? error);
}
