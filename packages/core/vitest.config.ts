import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // integration tests each start their own dev chain; run files one at a time to keep timings honest
    fileParallelism: false,
    typecheck: {
      // Type tests: correct calls compile and wrong ones carry `@ts-expect-error`; checked by tsc, never run.
      enabled: true,
      include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
