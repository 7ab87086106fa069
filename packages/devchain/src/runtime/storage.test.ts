import { describe, expect, it } from 'vitest';
import { type Hex, struct, u32, u128, vec } from '../scale/types.js';
import { type Dispatcher, Ext } from './ext.js';
import { BlockState } from './state.js';
import { storageOf, withDecodedValues } from './storage.js';

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
