import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // each file starts its own dev chain; two at once is what this machine's cores allow
    maxWorkers: 2,
  },
});
