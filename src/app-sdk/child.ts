/**
 * Entry of the app-SDK child process (forked with an IPC channel by run-child.ts). It loads the
 * NodeSDK, which costs about a second, so no other command pays for it. Protocol: the parent sends
 * `{ kind: 'run', runs }`; the child answers one `{ kind: 'result' }` per run, in order, then
 * disconnects. Anything the SDK prints (console exporters, OTEL_LOG_LEVEL) goes to the child's own
 * stdout/stderr, never into the protocol.
 */
import { runAppSdkCanary } from './canary-run.js';
import type { ChildMessage, ParentMessage } from './types.js';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

process.once('message', (message: ParentMessage) => {
  void (async () => {
    for (const run of message.runs) await send({ kind: 'result', result: await runAppSdkCanary(run) });
    process.disconnect?.();
  })();
});
// A parent that goes away (or never sends the runs) must not leave this process behind.
process.once('disconnect', () => process.exit(0));
void send({ kind: 'ready' });
