import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // the page follows the chain through live subscriptions: give a busy 2-core CI machine time to repaint
    expect: { poll: { timeout: 30_000, interval: 100 } },
  },
});
