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
    // Each file gets a fresh process so OTEL_* globals and SDK singletons never leak between files.
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/scripts/**/*.test.ts'] } },
      { extends: true, test: { name: 'cli', include: ['test/cli/**/*.test.ts', 'test/browser/**/*.test.ts', 'test/deploy/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
