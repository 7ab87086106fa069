/**
 * The package build bakes every storage item's prefix (tsup.config.ts), so a cold start skips two xxhashes per item.
 * Whatever its source, a prefix must be `twox128(pallet) ++ twox128(item)`, as FRAME computes it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { createKhalaRuntime, type KhalaRuntimeOptions } from '../../src/runtime/khala.js';
import { storagePrefix } from '../../src/runtime/storage.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const built = existsSync(`${dist}index.js`);

const twox = (pallet: string, item: string) =>
  u8aToHex(u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(item, 128)));

type Items = Array<{ meta: { pallet: string; name: string }; prefix: string }>;
const itemsOf = (runtime: { pallets: readonly { storage: readonly unknown[] }[] }) =>
  runtime.pallets.flatMap((p) => p.storage as Items);

describe('storage prefixes', () => {
  it('from source, hashed: the well-known ones, and any item, even one the runtime does not have', () => {
    expect(storagePrefix('System', 'Account')).toBe(
      '0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9',
    );
    expect(storagePrefix('Timestamp', 'Now')).toBe(
      '0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb',
    );
    expect(storagePrefix('NoSuchPallet', 'NoSuchItem')).toBe(twox('NoSuchPallet', 'NoSuchItem'));
    const items = itemsOf(createKhalaRuntime({ genesisTimestamp: 0 }));
    expect(items.length).toBeGreaterThan(50);
    for (const item of items) expect(item.prefix).toBe(twox(item.meta.pallet, item.meta.name));
  });

  it.runIf(built)('the build baked them all, and each is what FRAME computes', async () => {
    const lib = (await import(`${dist}index.js`)) as {
      createKhalaRuntime(options: KhalaRuntimeOptions): {
        pallets: readonly { storage: readonly unknown[] }[];
      };
    };
    const items = itemsOf(lib.createKhalaRuntime({ genesisTimestamp: 0 }));
    expect(items.length).toBeGreaterThan(50);
    const bundle = readdirSync(dist)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(`${dist}${f}`, 'utf8'))
      .join('');
    for (const item of items) {
      const expected = twox(item.meta.pallet, item.meta.name);
      expect(item.prefix).toBe(expected);
      expect(bundle).toContain(`"${item.meta.pallet}:${item.meta.name}":"${expected}"`);
    }
  });
});
