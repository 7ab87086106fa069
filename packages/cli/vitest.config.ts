import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // each integration file starts its own dev chain and many CLI processes; one file at a time on 2 cores
    fileParallelism: false,
  },
});
