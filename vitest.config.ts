import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Network tests bind real sockets; generous timeouts keep a loaded 2-core CI machine from flaking.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets a fresh process so OTEL_* globals and SDK singletons never leak between files.
    pool: 'forks',
  },
});
