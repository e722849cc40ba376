/**
 * Entry point of a --workers thread: runs one generator with the spec it was given, streams
 * progress snapshots to the main thread, stops generating when told to (Ctrl-C in the main thread),
 * and posts its result. Worker threads are what let one `otel-proc load` use every core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runGenerator, type GeneratorSpec } from './generator.js';

export type WorkerMessage =
  | { type: 'progress'; snapshot: import('./types.js').ProgressSnapshot }
  | { type: 'result'; result: import('./generator.js').GeneratorResult }
  | { type: 'error'; message: string };

const port = parentPort;
if (port) {
  const controller = new AbortController();
  port.on('message', (message: unknown) => {
    if (message === 'stop') controller.abort();
  });
  const post = (message: WorkerMessage): void => port.postMessage(message);
  runGenerator(workerData as GeneratorSpec, controller.signal, (snapshot) => post({ type: 'progress', snapshot }))
    .then((result) => post({ type: 'result', result }))
    .catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => port.close());
}
