import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { defineConfig, type Options } from 'tsup';
import { prebuiltGatekeeperPublicKeys } from './src/pallets/phala/registry/devKeys.js';
import { prebuiltDevPublicKeys } from './src/runtime/devAccounts.js';
import { createKhalaRuntime } from './src/runtime/khala.js';

// The default Khala runtime's V14 and V15 metadata, built once here (from source, where nothing is prebuilt) and shipped in
// the bundle with the code identity it was built for, so a starting node does not build it: a runtime serves these
// bytes only when its version and pallets are this one's (see `prebuiltMetadataV14`), any other builds its own.
const khala = createKhalaRuntime({ genesisTimestamp: 0 });
const define = {
  __PHALA_DEVCHAIN_METADATA_V14__: JSON.stringify(u8aToHex(khala.metadataV14())),
  __PHALA_DEVCHAIN_METADATA_V14_CODE__: JSON.stringify(u8aToHex(khala.code)),
  __PHALA_DEVCHAIN_METADATA_V15__: JSON.stringify(u8aToHex(khala.metadataV15())),
  // the dev accounts' public keys: a cold start then skips the dev phrase's PBKDF2 (tested against derivation)
  __PHALA_DEVCHAIN_DEV_PUBLIC_KEYS__: JSON.stringify(JSON.stringify(prebuiltDevPublicKeys())),
  // every storage item's prefix (two xxhashes each, taken at module load), by `pallet:item`
  __PHALA_DEVCHAIN_STORAGE_PREFIXES__: JSON.stringify(
    JSON.stringify(
      Object.fromEntries(
        khala.pallets.flatMap((p) => p.storage.map((s) => [`${s.meta.pallet}:${s.meta.name}`, s.prefix])),
      ),
    ),
  ),
  // and the simulated gatekeeper's public keys, which a genesis registers (tested against derivation too)
  __PHALA_DEVCHAIN_GATEKEEPER_PUBLIC_KEYS__: JSON.stringify(JSON.stringify(prebuiltGatekeeperPublicKeys())),
};

// maps name src/ files and lines for stack traces; the sources themselves are not embedded (they were ~60 % of
// the unpacked size) and src/ is not shipped
const noSourcesContent: Options['esbuildOptions'] = (options) => {
  options.sourcesContent = false;
};

// Comments are all that is left of non-ASCII in esbuild's output (its default `charset: 'ascii'` escapes strings,
// templates, regexps and names), and one such character (a `→` in a doc comment) makes Node decode the whole
// ~800 kB file on its slow UTF-8 path and V8 hold it as a two-byte string, twice the memory, on every import. Each
// UTF-16 unit of them becomes one ASCII character, so every column, and with it the source map, stays as it was.
const COMMENT_ASCII: Readonly<Record<string, string>> = {
  '→': '>',
  '←': '<',
  '—': '-',
  '–': '-',
  '…': '~',
  '·': '*',
  '×': 'x',
  '²': '2',
  '§': 'S',
};
const asciiOutput: NonNullable<Options['plugins']>[number] = {
  name: 'ascii-output',
  renderChunk(code) {
    if (!/[^\p{ASCII}]/u.test(code)) return undefined;
    return { code: code.replace(/[^\p{ASCII}]/gu, (c) => COMMENT_ASCII[c] ?? '?'.repeat(c.length)) };
  },
};

// In the CLI bundle, @polkadot/wasm-util's base64 and fflate inflate (run once, on the ~1 MB WASM module of
// @polkadot/wasm-crypto, when it loads) are replaced by Node's own (build/wasmUtil.ts): same bytes, ~50 ms less.
const nodeWasmUtil: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'node-wasm-util',
  setup(build) {
    const shim = fileURLToPath(new URL('./build/wasmUtil.ts', import.meta.url));
    build.onResolve({ filter: /^\.\/(base64|fflate)\.js$/ }, (args) =>
      /[\\/]@polkadot[\\/]wasm-util[\\/]/.test(args.importer) ? { path: shim } : undefined,
    );
  },
};

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    esbuildOptions: noSourcesContent,
    clean: true,
    target: 'node20',
    // One ESM file, as the CJS one: split, the dynamic imports (runtime, executive, database) made four shared
    // chunks and two tiny entry modules, each resolved, read and linked on its own, with its own imports of
    // @polkadot/* resolved again. A fresh process loaded and started the node with ~15 ms (a quarter) less CPU
    // unsplit. The inlined modules still evaluate when first imported.
    splitting: false,
    plugins: [asciiOutput],
    define,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    // The CLI is a program, not a library: its dependencies are bundled into it (better-sqlite3, a native addon,
    // stays a require), so starting it reads one file instead of resolving ~1,500 ESM modules of @polkadot/*
    // one by one — that resolution was most of the spawned start before the first answer.
    noExternal: [
      /^@polkadot\//,
      /^@noble\//,
      /^@scure\//,
      'ws',
      'commander',
      'scale-ts',
      '@phala-mining/math',
      'bn.js',
      'tslib',
    ],
    splitting: false,
    minify: true,
    esbuildPlugins: [nodeWasmUtil],
    sourcemap: true,
    esbuildOptions: noSourcesContent,
    target: 'node20',
    // the bundled CommonJS dependencies (ws, commander) require Node's built-ins
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __cliRequire } from 'node:module';\nconst require = __cliRequire(import.meta.url);",
    },
    define,
  },
]);
