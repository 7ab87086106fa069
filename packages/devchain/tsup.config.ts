import { u8aToHex } from '@polkadot/util';
import { defineConfig } from 'tsup';
import { createKhalaRuntime } from './src/runtime/khala.js';

// The runtime's V14 metadata, built once here (from source, where nothing is prebuilt) and shipped in the bundle,
// so a starting node does not build it (see `buildMetadataV14`).
const metadataV14 = u8aToHex(createKhalaRuntime({ genesisTimestamp: 0 }).metadata());
const define = { __PHALA_DEVCHAIN_METADATA_V14__: JSON.stringify(metadataV14) };

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    define,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define,
  },
]);
