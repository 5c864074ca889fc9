import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{electron,shared,renderer}/**/*.test.{ts,tsx}'],
    exclude: ['**/*.integration.test.ts', 'node_modules/**'],
    environment: 'node',
  },
});
