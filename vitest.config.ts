import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three projects so each layer runs on its own: `npm run test:unit` needs neither dist/ nor the
// Go-built stack; `test:cli` tests what is built and shipped (the CLI, the HTML report in Chromium,
// the package, the image and Job files); `test:e2e` runs the real Collector, Jaeger and Prometheus.
// `npx vitest run` (scripts/test.sh) runs all three.
export default defineConfig({
  test: {
    // Network tests bind real sockets; generous timeouts keep a loaded 2-core CI machine from flaking.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A file in the cli and e2e projects gets a fresh process, so OTEL_* and SDK globals never leak.
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/scripts/**/*.test.ts'],
          // Unit files share their workers: loading the modules once per worker, not once per file,
          // halves the project's CPU. The setup file puts back the process-wide state a file changes.
          isolate: false,
          setupFiles: ['test/unit/setup/fresh-globals.ts'],
          // Most unit time is spent waiting on sockets and timers, not on the CPU, so one worker
          // more than there are cores keeps the cores busy (vitest's default is one fewer). A
          // worker count of its own needs a group of its own: unit files run before the others.
          maxWorkers: availableParallelism() + 1,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'cli',
          sequence: { groupOrder: 1 },
          include: ['test/cli/**/*.test.ts', 'test/browser/**/*.test.ts', 'test/deploy/**/*.test.ts'],
        },
      },
      { extends: true, test: { name: 'e2e', sequence: { groupOrder: 1 }, include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
