import { defineConfig } from 'tsup';

export default defineConfig({
  // `augment` is its own entry so that `import '@phala-mining/types/augment'` gives the augmentation alone and
  // package.json `sideEffects` can name exactly the files bundlers must keep.
  entry: { index: 'src/index.ts', augment: 'src/augment.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
