import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // each file starts its own dev chain; one at a time keeps a 2-core CI machine responsive
    fileParallelism: false,
  },
});
