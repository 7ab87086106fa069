/**
 * The package build bakes the default Khala runtime's V14 metadata (tsup.config.ts): a runtime serves those bytes
 * only when its version and pallets are the ones they were built for, and they are exactly the bytes it would build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { runtimeApiDecls } from '../../src/runtime/apis.js';
import { uncheckedExtrinsicType } from '../../src/runtime/extrinsic.js';
import { createKhalaRuntime } from '../../src/runtime/khala.js';
import {
  buildMetadataV14,
  buildMetadataV15,
  prebuiltMetadataV14,
  prebuiltMetadataV15,
} from '../../src/runtime/metadata.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const built = existsSync(`${dist}index.js`);

describe('prebuilt V14 metadata', () => {
  it('is used only for the code identity it was baked for (spec version and pallets)', () => {
    const khala = createKhalaRuntime({ genesisTimestamp: 0 });
    const v1190 = createKhalaRuntime({ genesisTimestamp: 0, specVersion: 1190 });
    const baked = { code: u8aToHex(khala.code), v14: u8aToHex(buildMetadataV14(khala.pallets, khala.outer)) };
    expect(prebuiltMetadataV14(khala.code, baked)).toEqual(buildMetadataV14(khala.pallets, khala.outer));
    // another genesis (timestamp, balances) is the same code; another spec version is not
    expect(u8aToHex(createKhalaRuntime({ genesisTimestamp: 12_000, devBalance: 1n }).code)).toBe(baked.code);
    expect(u8aToHex(v1190.code)).not.toBe(baked.code);
    expect(prebuiltMetadataV14(v1190.code, baked)).toBeUndefined();
    // running from source nothing is baked: each runtime builds its own
    expect(prebuiltMetadataV14(khala.code)).toBeUndefined();
    expect(khala.metadataV14()).toEqual(buildMetadataV14(khala.pallets, khala.outer));
    expect(v1190.metadataV14()).toEqual(buildMetadataV14(v1190.pallets, v1190.outer));
    expect(v1190.metadataV14()).not.toEqual(khala.metadataV14());
  });

  it('V15 follows the same rule, and a bake without V15 leaves V15 to be built', () => {
    const khala = createKhalaRuntime({ genesisTimestamp: 0 });
    const v1190 = createKhalaRuntime({ genesisTimestamp: 0, specVersion: 1190 });
    const v15 = (r: typeof khala) =>
      buildMetadataV15(r.pallets, r.outer, runtimeApiDecls(uncheckedExtrinsicType(r.outer.RuntimeCall)));
    const baked = { code: u8aToHex(khala.code), v14: '0x', v15: u8aToHex(v15(khala)) };
    expect(prebuiltMetadataV15(khala.code, baked)).toEqual(v15(khala));
    expect(prebuiltMetadataV15(v1190.code, baked)).toBeUndefined();
    expect(prebuiltMetadataV15(khala.code, { code: baked.code, v14: '0x' })).toBeUndefined();
    expect(prebuiltMetadataV15(khala.code)).toBeUndefined();
    expect(khala.metadataV15()).toEqual(v15(khala));
    expect(v1190.metadataV15()).not.toEqual(khala.metadataV15());
  });

  it.runIf(built)(
    'the bytes the build baked equal freshly built ones, and another spec version builds its own',
    async () => {
      const fresh = createKhalaRuntime({ genesisTimestamp: 0 });
      const freshHex = u8aToHex(buildMetadataV14(fresh.pallets, fresh.outer));
      // the bundle carries the bytes as a literal (the define), next to the code identity they were built for
      const bundles = readdirSync(dist)
        .filter((f) => f.endsWith('.js') || f.endsWith('.cjs'))
        .map((f) => readFileSync(`${dist}${f}`, 'utf8'));
      expect(
        bundles.some((text) => text.includes(`"${freshHex}"`) && text.includes(`"${u8aToHex(fresh.code)}"`)),
      ).toBe(true);
      const freshV15 = u8aToHex(
        buildMetadataV15(
          fresh.pallets,
          fresh.outer,
          runtimeApiDecls(uncheckedExtrinsicType(fresh.outer.RuntimeCall)),
        ),
      );
      expect(bundles.some((text) => text.includes(`"${freshV15}"`))).toBe(true);
      const lib = (await import(`${dist}index.js`)) as { createKhalaRuntime: typeof createKhalaRuntime };
      expect(u8aToHex(lib.createKhalaRuntime({ genesisTimestamp: 0 }).metadataV14())).toBe(freshHex);
      expect(u8aToHex(lib.createKhalaRuntime({ genesisTimestamp: 0 }).metadataV15())).toBe(freshV15);
      const v1190 = createKhalaRuntime({ genesisTimestamp: 0, specVersion: 1190 });
      expect(u8aToHex(lib.createKhalaRuntime({ genesisTimestamp: 0, specVersion: 1190 }).metadataV14())).toBe(
        u8aToHex(buildMetadataV14(v1190.pallets, v1190.outer)),
      );
    },
  );
});
