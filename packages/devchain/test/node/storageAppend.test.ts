import { describe, expect, it } from 'vitest';
import { BlockState, Overlay } from '../../src/runtime/state.js';
import { appendToVec, storageOf } from '../../src/runtime/storage.js';
import { encode, struct, u32, u128, vec } from '../../src/scale/types.js';

const Item = struct('bench::Item', { id: u32, amount: u128 });
const List = storageOf('Bench').value('List', { value: vec(Item), default: [] as never[] });

describe('appendToVec (StorageValue::append)', () => {
  it('gives the bytes of the whole list encoded at once, across the compact length widths', () => {
    const state = new Overlay(BlockState.fromEntries([]));
    const items: Array<{ id: number; amount: bigint }> = [];
    // 1-byte compact up to 63, 2-byte from 64, 4-byte from 16,384
    for (let i = 0; i < 16_400; i++) {
      const item = { id: i, amount: 10n ** 20n + BigInt(i) };
      items.push(item);
      appendToVec(state, List.key(), encode(Item, item));
      if (i === 0 || i === 63 || i === 64 || i === 16_383 || i === 16_384 || i === 16_399) {
        expect(state.get(List.key())).toEqual(encode(vec(Item), items));
      }
    }
    expect(List.get(state)).toEqual(items);
  });

  it('replaces a value that is not a list, as Substrate does', () => {
    const state = new Overlay(BlockState.fromEntries([]));
    state.set(List.key(), Uint8Array.of(0xff));
    appendToVec(state, List.key(), encode(Item, { id: 7, amount: 1n }));
    expect(List.get(state)).toEqual([{ id: 7, amount: 1n }]);
  });
});
