/**
 * Errors a user can cause. The CLI's single top-level handler turns them into a message and an
 * exit code; anything else is a bug and shows a stack trace only under --debug.
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
