/**
 * The benchmarks' count-only receiver, in its own process so it has a core of its own and never
 * competes with the generator's event loop. Prints its ports as one JSON line; prints its counts
 * as one JSON line for every `counts` line on stdin, and once more on SIGTERM before exiting.
 */
import { startReceiver } from '../receiver/index.js';

const receiver = await startReceiver({ grpcPort: 0, httpPort: 0, countOnly: true });
const printCounts = (): void => {
  process.stdout.write(`${JSON.stringify(receiver.received.counts)}\n`);
};
process.stdout.write(`${JSON.stringify(receiver.ports)}\n`);
process.stdin.setEncoding('utf8').on('data', (chunk: string) => {
  for (const line of chunk.split('\n')) if (line.trim() === 'counts') printCounts();
});
process.stdin.on('error', () => undefined);
process.on('SIGTERM', () => {
  printCounts();
  void receiver.stop().finally(() => process.exit(0));
});
