import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // each file starts its own dev chain; one at a time keeps the 2-core machine from timing blocks out
    fileParallelism: false,
    typecheck: {
      // Type tests: correct calls compile and wrong ones carry `@ts-expect-error`; checked by tsc, never run.
      enabled: true,
      include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
