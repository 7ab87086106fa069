import { defineConfig } from 'tsup';

export default defineConfig({
  // the executable (`bin`, ESM) and the programmatic entry share one build so `clean` cannot race a second config
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
