/**
 * Ctrl-C and SIGTERM handling: the first signal aborts the shared signal so the running command can
 * drain, report and return ExitCode.interrupted on its own; a second one exits at once for users
 * who really mean it. Which signal came decides the exit code, 128 + its number as shells report
 * it: 130 for SIGINT, 143 for SIGTERM, so a supervisor can tell "the user pressed Ctrl-C" from
 * "I stopped it".
 */
import { ExitCode } from '../errors.js';

export type StopSignal = 'SIGINT' | 'SIGTERM';

export const EXIT_CODE_FOR_SIGNAL: Record<StopSignal, number> = { SIGINT: ExitCode.interrupted, SIGTERM: ExitCode.terminated };

export interface InterruptHandler {
  signal: AbortSignal;
  /** The first stop signal received, if any. */
  received(): StopSignal | undefined;
  dispose(): void;
}

export function installInterruptHandler(): InterruptHandler {
  const controller = new AbortController();
  let first: StopSignal | undefined;
  const onSignal = (name: StopSignal): void => {
    if (first === undefined) {
      first = name;
      controller.abort(new Error(name === 'SIGINT' ? 'interrupted' : 'terminated'));
      return;
    }
    process.exit(EXIT_CODE_FOR_SIGNAL[first]);
  };
  const onInt = (): void => onSignal('SIGINT');
  const onTerm = (): void => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    received: () => first,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
