import { defineConfig } from 'tsup';

const shared = {
  entry: { index: 'src/index.ts' },
  sourcemap: true,
  target: 'es2022',
} as const;

export default defineConfig([
  { ...shared, format: ['esm'], dts: true, clean: true },
  {
    ...shared,
    format: ['cjs'],
    dts: true,
    // polkadot-api's storage codecs and their hashing libraries ship as ES modules only; the CommonJS build carries
    // them inside so `require('@phala-mining/core')` works on Node versions without require(esm)
    noExternal: [/^@polkadot-api\//, 'scale-ts', /^@noble\/hashes/, /^@scure\/base/],
  },
]);
