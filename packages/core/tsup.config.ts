import { defineConfig, type Options } from 'tsup';

// maps name src/ files and lines for stack traces; the sources themselves are not embedded (they were ~60 % of
// the unpacked size) and src/ is not shipped
const noSourcesContent: Options['esbuildOptions'] = (options) => {
  options.sourcesContent = false;
};

const shared = {
  entry: { index: 'src/index.ts' },
  sourcemap: true,
  esbuildOptions: noSourcesContent,
  target: 'es2022',
} as const;

// polkadot-api's storage codecs and their hashing libraries ship as ES modules only, so the CommonJS build must carry
// them inside (`require('@phala-mining/core')` on Node versions without require(esm)). The ES build carries the same
// copy, so they are build-time dependencies only: an app installs and loads them once, never twice.
const bundled = [/^@polkadot-api\//, 'scale-ts', /^@noble\/hashes/, /^@scure\/base/];

export default defineConfig([
  { ...shared, format: ['esm'], dts: true, clean: true, noExternal: bundled },
  { ...shared, format: ['cjs'], dts: true, noExternal: bundled },
]);
