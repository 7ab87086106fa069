import { blake2AsHex } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import type { Hex } from '../scale/types.js';
import { canonicalOrder, stateRootOf } from './stateRoot.js';

const PREFIX_A = blake2AsHex('pallet A', 256);
const PREFIX_B = blake2AsHex('pallet B', 256);

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('state root', () => {
  // keys of two maps over the same accounts (equal bytes after the prefix), plain values and odd keys
  const accounts = Array.from({ length: 300 }, (_, i) => blake2AsHex(`account ${i}`, 128).slice(2));
  const keys = [
    ...accounts.map((a) => `${PREFIX_A}${a}` as Hex),
    ...accounts.map((a) => `${PREFIX_B}${a}` as Hex),
    PREFIX_A,
    PREFIX_B,
    '0x3a636f6465' as Hex,
    `${PREFIX_A}zz` as Hex,
  ];
  const entries = keys.map((k, i) => [k, i % 7 === 0 ? null : Uint8Array.of(i & 255, i >> 8)] as const);

  it('takes the changes in an order that depends on the keys alone, each key once', () => {
    const order = canonicalOrder(new Map(entries));
    expect(new Set(order).size).toBe(keys.length);
    expect([...order].sort()).toEqual([...keys].sort());
    for (const seed of [1, 2, 3])
      expect(canonicalOrder(new Map(shuffled([...entries], seed)))).toEqual(order);
    // equal order words (the same account under both prefixes) are ordered by the whole key
    const a0 = order.indexOf(`${PREFIX_A}${accounts[0]}` as Hex);
    const b0 = order.indexOf(`${PREFIX_B}${accounts[0]}` as Hex);
    expect(Math.abs(a0 - b0)).toBeLessThanOrEqual(2);
    expect(a0 < b0).toBe(PREFIX_A < PREFIX_B);
  });

  it('commits to the parent root, every key, deletion and value', () => {
    const parent = new Uint8Array(32);
    const root = stateRootOf(parent, new Map(entries));
    expect(stateRootOf(parent, new Map(shuffled([...entries], 9)))).toBe(root);
    expect(stateRootOf(new Uint8Array(32).fill(1), new Map(entries))).not.toBe(root);
    const changed = new Map(entries);
    changed.set(keys[1]!, Uint8Array.of(9, 9));
    expect(stateRootOf(parent, changed)).not.toBe(root);
    const deleted = new Map(entries);
    deleted.set(keys[1]!, null);
    expect(stateRootOf(parent, deleted)).not.toBe(root);
    // a key's bytes cannot slide into its value: lengths are part of what is hashed
    const a = new Map<Hex, Uint8Array | null>([['0x0102', Uint8Array.of(3)]]);
    const b = new Map<Hex, Uint8Array | null>([['0x01', Uint8Array.of(2, 3)]]);
    expect(stateRootOf(parent, a)).not.toBe(stateRootOf(parent, b));
    expect(root).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('is the root the scheme has always given (fixed values: the scheme must not change)', () => {
    expect(stateRootOf(new Uint8Array(32), new Map(entries))).toBe(
      '0xf6eee468d5d9a5184e404a26f921e0dada83f24ed400ea04f7ccf1e4a569dfdc',
    );
    // values larger than the hash's buffer, and records across its boundary
    const big = new Map<Hex, Uint8Array | null>();
    for (let i = 0; i < 50; i++) {
      big.set(
        `${PREFIX_A}${accounts[i]}` as Hex,
        new Uint8Array((i * 7919) % 200_000).map((_, j) => (j * 31 + i) & 255),
      );
    }
    big.set(PREFIX_B, null);
    expect(stateRootOf(new Uint8Array(32).fill(7), big)).toBe(
      '0xdde6bb0852eca4f742b45bcdea93afc55e5a8581b916e8abc38274612ac43141',
    );
  });
});
