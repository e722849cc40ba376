/**
 * Errors a user can cause. The CLI's single top-level handler turns them into a message and an
 * exit code; anything else is a bug and shows a stack trace only under --debug.
 *
 * The leaf of src/: it imports nothing of ours, so every folder may import it, and the build can
 * compile it on its own as the one CommonJS module the bundled CLI and the commands share
 * (scripts/build/bundle-cli.mjs), keeping instanceof true across both.
 */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** SIGINT (Ctrl-C): 128 + 2, the shell convention for a process ended by a signal. */
  interrupted: 130,
  /** SIGTERM (kill, Kubernetes, CI cancelling a job): 128 + 15. */
  terminated: 143,
} as const;

/** Base class for every error whose message is meant for the user as it is. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A wrong flag, a bad flag value, flags that cannot go together. Exit 2. */
export class UsageError extends UserFacingError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.usage, hint);
  }
}

/** A config file that cannot be read or parsed, or configuration unusable before any check runs. Exit 2. */
export class ConfigurationError extends UserFacingError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.usage, hint);
  }
}

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
