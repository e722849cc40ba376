/**
 * Ctrl-C handling: the first SIGINT aborts the shared signal so the running command can drain,
 * report and exit 130 on its own; a second one exits at once for users who really mean it.
 */
export function installInterruptHandler(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let count = 0;
  const onSignal = (): void => {
    count += 1;
    if (count === 1) {
      controller.abort(new Error('interrupted'));
      return;
    }
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
