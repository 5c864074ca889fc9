import { defineConfig } from 'vitest/config';

/** Tests against real sockets, processes and servers; slower, and run after the unit tests. */
export default defineConfig({
  test: {
    include: ['{electron,shared,e2e}/**/*.integration.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/hosts/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
