import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // the extension is loaded on demand in the browser only; bundling it would pull window-touching code into SSR
  external: ['@polkadot/extension-dapp'],
});
