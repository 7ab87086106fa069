import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { SHARED_SEQUENCE_MIN, sharedSequence } from '../scale/sequences.js';
import { byteArray, decodeAll, encode, type Hex, struct, u32, u128, vec } from '../scale/types.js';
import { type Dispatcher, Ext } from './ext.js';
import { BlockState, PendingValue } from './state.js';
import { type Hasher, hashKey, storageOf, withDecodedValues } from './storage.js';

const store = storageOf('DecodedValuesTest');
const Info = struct('Info', { count: u32, amounts: vec(u128) });
const Single = store.value('Single', { value: Info });
const Plain = store.value('Plain', { value: struct('Plain', { count: u32, amount: u128 }) });
const ByAccount = store.map('ByAccount', 'Blake2_128Concat', u32, { value: Info });
const dispatcher: Dispatcher = { dispatch: () => undefined, configs: new Map() as never };
const newExt = () => new Ext(BlockState.fromEntries([]), 1, `0x${'00'.repeat(32)}` as Hex, dispatcher);

describe('decoded values while a block is built', () => {
  it('a value read twice is decoded once, frozen, and a caller cannot change what the next reader sees', () => {
    const ext = newExt();
    Single.set(ext.state, { count: 1, amounts: [5n] });
    withDecodedValues(() => {
      const first = Single.get(ext.state)!;
      expect(Single.get(ext.state)).toBe(first);
      expect(Object.isFrozen(first) && Object.isFrozen(first.amounts)).toBe(true);
      expect(() => {
        first.count = 2;
      }).toThrow(TypeError);
      expect(() => first.amounts.push(6n)).toThrow(TypeError);
      expect(Single.get(ext.state)).toEqual({ count: 1, amounts: [5n] });
      // a copy is the caller's to change and write
      Single.set(ext.state, { ...first, amounts: [...first.amounts, 6n] });
      expect(Single.get(ext.state)).toEqual({ count: 1, amounts: [5n, 6n] });
    });
  });

  it('a value written is read back as that very value (frozen) only when it is exactly what its bytes decode to', () => {
    const ext = newExt();
    withDecodedValues(() => {
      const plain = { count: 1, amount: 10n ** 20n };
      Plain.set(ext.state, plain);
      expect(Plain.get(ext.state)).toBe(plain);
      expect(Object.isFrozen(plain)).toBe(true);
      // wrapped, of the wrong type, in another key order or with more keys: decoded from the bytes instead
      const others: Array<[unknown, unknown]> = [
        [
          { count: 2 ** 32 + 5, amount: 1n },
          { count: 5, amount: 1n },
        ],
        [
          { count: 1, amount: 2n ** 128n + 3n },
          { count: 1, amount: 3n },
        ],
        [
          { amount: 1n, count: 1 },
          { count: 1, amount: 1n },
        ],
        [
          { count: 1, amount: 1n, extra: true },
          { count: 1, amount: 1n },
        ],
        [
          { count: -0, amount: 0n },
          { count: 0, amount: 0n },
        ],
      ];
      for (const [written, decoded] of others) {
        Plain.set(ext.state, written as never);
        const read = Plain.get(ext.state);
        expect(read).not.toBe(written);
        expect(Object.is(read!.count, (decoded as { count: number }).count)).toBe(true);
        expect(Object.keys(read!)).toEqual(['count', 'amount']);
        expect(read).toEqual(decoded);
      }
      // types with hex or vectors are always decoded
      const info = { count: 1, amounts: [1n] };
      Single.set(ext.state, info);
      expect(Single.get(ext.state)).not.toBe(info);
      expect(Single.get(ext.state)).toEqual(info);
    });
  });

  it('follows writes, deletes and rollbacks through nested layers, per key', () => {
    const ext = newExt();
    for (let k = 0; k < 200; k++) ByAccount.set(ext.state, k, { count: k, amounts: [] });
    withDecodedValues(() => {
      for (let k = 0; k < 200; k++) expect(ByAccount.get(ext.state, k)!.count).toBe(k);
      ext.transactional(() => {
        ByAccount.set(ext.state, 7, { count: 70, amounts: [1n] });
        expect(ByAccount.get(ext.state, 7)!.count).toBe(70);
        expect(() =>
          ext.transactional(() => {
            ByAccount.set(ext.state, 7, { count: 700, amounts: [] });
            ByAccount.remove(ext.state, 8);
            expect(ByAccount.get(ext.state, 7)!.count).toBe(700);
            expect(ByAccount.get(ext.state, 8)).toBeUndefined();
            throw new Error('roll back');
          }),
        ).toThrow('roll back');
        // the inner layer's writes are gone, and so are the values decoded from them
        expect(ByAccount.get(ext.state, 7)).toEqual({ count: 70, amounts: [1n] });
        expect(ByAccount.get(ext.state, 8)!.count).toBe(8);
      });
      expect(ByAccount.get(ext.state, 7)!.count).toBe(70);
      for (let k = 9; k < 200; k++) expect(ByAccount.get(ext.state, k)!.count).toBe(k);
    });
  });

  it('outside block building values are decoded on every read and not frozen', () => {
    const ext = newExt();
    Single.set(ext.state, { count: 3, amounts: [] });
    const a = Single.get(ext.state)!;
    const b = Single.get(ext.state)!;
    expect(a).not.toBe(b);
    expect(Object.isFrozen(a)).toBe(false);
    // and nothing read inside one block's execution is handed to the next one
    const inside = withDecodedValues(() => Single.get(ext.state));
    expect(withDecodedValues(() => Single.get(ext.state))).not.toBe(inside);
  });
});

describe('long byte-array lists written back as the bytes they were read from (scale/sequences.ts)', () => {
  const Pool = struct('Pool', { pid: u32, workers: vec(byteArray(32)) });
  const Pools = store.value('Pools', { value: Pool });
  const key = (i: number) => `0x${i.toString(16).padStart(2, '0').repeat(32)}` as Hex;
  const workers = Array.from({ length: SHARED_SEQUENCE_MIN + 4 }, (_, i) => key(i));

  it('a list read in a block is frozen and its source bytes are its encoding; a new list is encoded anew', () => {
    const ext = newExt();
    Pools.set(ext.state, { pid: 1, workers });
    const raw = ext.state.get(Pools.key())!;
    withDecodedValues(() => {
      const pool = Pools.get(ext.state)!;
      const source = sharedSequence(pool.workers);
      expect(source).toBeDefined();
      expect(u8aToHex(source!)).toBe(u8aToHex(raw.subarray(4)));
      expect(() => (pool.workers as Hex[]).push(key(99))).toThrow(TypeError);
      // the same list under another pid: its bytes, copied, are what encoding it would give
      Pools.set(ext.state, { pid: 2, workers: pool.workers });
      expect(u8aToHex(ext.state.get(Pools.key())!)).toBe(u8aToHex(encode(Pool, { pid: 2, workers })));
      // a changed copy is the caller's and encodes item by item
      const grown = [...pool.workers, key(200)];
      expect(sharedSequence(grown)).toBeUndefined();
      Pools.set(ext.state, { pid: 3, workers: grown });
      expect(decodeAll(Pool, ext.state.get(Pools.key())!).workers).toEqual([...workers, key(200)]);
    });
  });

  it('outside a block nothing is recorded; a non-canonical length prefix or a short list is encoded anew', () => {
    const ext = newExt();
    Pools.set(ext.state, { pid: 1, workers });
    // read outside block building: not frozen, the caller may change it
    const outside = Pools.get(ext.state)!;
    expect(Object.isFrozen(outside.workers)).toBe(false);
    expect(sharedSequence(Object.freeze(outside.workers))).toBeUndefined();
    // the same list with its length (20) as a 2-byte compact: decodes, but is written back canonically
    const canonical = encode(Pool, { pid: 1, workers });
    const long = new Uint8Array(canonical.length + 1);
    long.set(canonical.subarray(0, 4));
    long.set([(workers.length << 2) | 1, 0], 4);
    long.set(canonical.subarray(5), 6);
    ext.state.set(Pools.key(), long);
    withDecodedValues(() => {
      const pool = Pools.get(ext.state)!;
      expect(pool.workers).toEqual(workers);
      expect(sharedSequence(pool.workers)).toBeUndefined();
      Pools.set(ext.state, { ...pool, pid: 1 });
      expect(u8aToHex(ext.state.get(Pools.key())!)).toBe(u8aToHex(canonical));
      Pools.set(ext.state, { pid: 1, workers: workers.slice(0, SHARED_SEQUENCE_MIN - 1) });
      expect(sharedSequence(Pools.get(ext.state)!.workers)).toBeUndefined();
    });
  });
});

describe('values written pending: encoded once, when their bytes are needed (runtime/state.ts PendingValue)', () => {
  const PlainMap = store.map('PlainMap', 'Twox64Concat', u32, {
    value: struct('PlainEntry', { count: u32, amount: u128 }),
  });
  const bytesOf = (count: number, amount: bigint) =>
    u8aToHex(encode(struct('PlainEntry', { count: u32, amount: u128 }), { count, amount }));

  it('keeps a written value unencoded until a raw read, which gives its exact bytes', () => {
    const ext = newExt();
    withDecodedValues(() => {
      const value = { count: 3, amount: 10n ** 18n };
      PlainMap.set(ext.state, 1, value);
      // not encoded yet: the layer's entry is a pending value, read back as the very value written
      expect(ext.state.lookup(PlainMap.key(1))).toBeInstanceOf(PendingValue);
      expect(PlainMap.get(ext.state, 1)).toBe(value);
      // the raw bytes (storage RPC, hashing, `has`) encode it, once
      expect(u8aToHex(ext.state.get(PlainMap.key(1))!)).toBe(bytesOf(3, 10n ** 18n));
      expect(ext.state.lookup(PlainMap.key(1))).toBeInstanceOf(Uint8Array);
      expect(PlainMap.get(ext.state, 1)).toEqual(value);
      // overwritten many times, encoded once when the layer's changes are taken (the end of the block)
      for (let i = 0; i < 100; i++) PlainMap.set(ext.state, 2, { count: i, amount: BigInt(i) });
      const changes = ext.state.changes;
      expect(u8aToHex(changes.get(PlainMap.key(2))!)).toBe(bytesOf(99, 99n));
      expect(ext.state.lookup(PlainMap.key(2))).toBeInstanceOf(Uint8Array);
    });
  });

  it('a pending value is frozen: its writer cannot change what the next reader or the encoding sees', () => {
    const ext = newExt();
    withDecodedValues(() => {
      const value = { count: 1, amount: 5n };
      PlainMap.set(ext.state, 1, value);
      expect(() => {
        value.count = 2;
      }).toThrow(TypeError);
      expect(PlainMap.get(ext.state, 1)!.count).toBe(1);
      expect(u8aToHex(ext.state.changes.get(PlainMap.key(1))!)).toBe(bytesOf(1, 5n));
    });
  });

  it('rolls back with its layer: a nested layer that fails leaves the outer pending value, committed ones stay', () => {
    const ext = newExt();
    PlainMap.set(ext.state, 1, { count: 1, amount: 1n }); // outside a block: bytes
    withDecodedValues(() => {
      PlainMap.set(ext.state, 1, { count: 2, amount: 2n });
      ext.transactional(() => {
        PlainMap.set(ext.state, 1, { count: 3, amount: 3n });
        expect(() =>
          ext.transactional(() => {
            PlainMap.set(ext.state, 1, { count: 4, amount: 4n });
            PlainMap.set(ext.state, 5, { count: 5, amount: 5n });
            expect(PlainMap.get(ext.state, 1)!.count).toBe(4);
            throw new Error('roll back');
          }),
        ).toThrow('roll back');
        expect(PlainMap.get(ext.state, 1)!.count).toBe(3);
        expect(PlainMap.get(ext.state, 5)).toBeUndefined();
        // a raw read through the inner layer encodes the pending value of the layer that holds it
        expect(u8aToHex(ext.state.get(PlainMap.key(1))!)).toBe(bytesOf(3, 3n));
        PlainMap.set(ext.state, 1, { count: 6, amount: 6n });
      });
      // the committed layer's value, still pending in the outer layer, and the keys list sees it
      expect(ext.state.lookup(PlainMap.key(1))).toBeInstanceOf(PendingValue);
      expect(PlainMap.get(ext.state, 1)!.count).toBe(6);
      expect(PlainMap.keys(ext.state)).toEqual([1]);
      // a delete drops it
      ext.transactional(() => PlainMap.remove(ext.state, 1));
      expect(PlainMap.get(ext.state, 1)).toBeUndefined();
      expect(ext.state.changes.get(PlainMap.key(1))).toBeNull();
    });
  });

  it("a value committed pending from a nested layer is encoded with the outer layer's changes", () => {
    const ext = newExt();
    withDecodedValues(() => {
      // written only inside nested layers: the outer layer holds it pending through their commits alone
      ext.transactional(() => ext.transactional(() => PlainMap.set(ext.state, 7, { count: 7, amount: 7n })));
      expect(ext.state.lookup(PlainMap.key(7))).toBeInstanceOf(PendingValue);
      const changes = ext.state.changes;
      expect(changes.get(PlainMap.key(7))).toBeInstanceOf(Uint8Array);
      expect(u8aToHex(changes.get(PlainMap.key(7))!)).toBe(bytesOf(7, 7n));
      // encoded by a raw read, then written pending again: the next changes encode the new value
      PlainMap.set(ext.state, 7, { count: 8, amount: 8n });
      expect(u8aToHex(ext.state.get(PlainMap.key(7))!)).toBe(bytesOf(8, 8n));
      PlainMap.set(ext.state, 7, { count: 9, amount: 9n });
      for (const v of ext.state.changes.values()) expect(v === null || v instanceof Uint8Array).toBe(true);
      expect(u8aToHex(ext.state.changes.get(PlainMap.key(7))!)).toBe(bytesOf(9, 9n));
    });
  });
});

describe('storage keys', () => {
  it('are the hashed key of the value asked for, whatever was asked just before (the last two are remembered)', () => {
    const Accounts = store.map('KeyedByAccount', 'Blake2_128Concat', byteArray(32), { value: u32 });
    const Numbers = store.map('KeyedByNumber', 'Twox64Concat', u32, { value: u32 });
    const account = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex;
    const expected = (item: { prefix: Hex }, hasher: Hasher, encoded: Uint8Array) =>
      `${item.prefix}${u8aToHex(hashKey(hasher, encoded)).slice(2)}`;
    // repeats, alternations and runs of three values, strings equal in content but made apart
    const order = [1, 1, 2, 1, 2, 3, 3, 1, 2, 3, 2, 2, 1];
    for (const n of order) {
      expect(Accounts.key(`0x${account(n).slice(2)}` as Hex)).toBe(
        expected(Accounts, 'Blake2_128Concat', encode(byteArray(32), account(n))),
      );
      expect(Numbers.key(n)).toBe(expected(Numbers, 'Twox64Concat', encode(u32, n)));
    }
  });
});
