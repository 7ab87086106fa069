import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', vitest: 'src/vitest.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // the vitest entry must share the main entry's classes (instanceof PalletError) rather than carry copies
  splitting: true,
  external: ['vitest'],
});
