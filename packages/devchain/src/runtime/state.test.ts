import { describe, expect, it } from 'vitest';
import type { Hex } from '../scale/types.js';
import { BlockState, Overlay } from './state.js';

const key = (prefix: string, n: number) => `0x${prefix}${n.toString(16).padStart(4, '0')}` as Hex;
const val = (n: number) => Uint8Array.of(n & 255, n >> 8);

/** keys(prefix) and values(prefix) against a plain model of the state. */
function expectMatches(reader: BlockState | Overlay, model: Map<Hex, Uint8Array>, prefix: Hex): void {
  const expected = [...model.keys()].filter((k) => k.startsWith(prefix)).sort();
  expect(reader.keys(prefix)).toEqual(expected);
  expect(reader.values(prefix)).toEqual(expected.map((k) => model.get(k)));
  for (const k of expected) expect(reader.get(k)).toEqual(model.get(k));
}

describe('block state layers', () => {
  it('answer keys and values per prefix through many layers, flattening included', () => {
    const model = new Map<Hex, Uint8Array>();
    for (let i = 0; i < 50; i++) model.set(key('aa', i), val(i));
    for (let i = 0; i < 20; i++) model.set(key('bb', i), val(1000 + i));
    let state = BlockState.fromEntries(model);
    let x = 7;
    for (let block = 0; block < 40; block++) {
      // read the parent before the new layer exists, so cached parent lists are reused
      if (block % 3 === 0) expectMatches(state, model, '0xbb');
      const changes = new Map<Hex, Uint8Array | null>();
      for (let c = 0; c < 6; c++) {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        const k = key(x % 3 === 0 ? 'bb' : 'aa', x % 80);
        if (x % 5 === 0) {
          changes.set(k, null);
          model.delete(k);
        } else {
          changes.set(k, val(x % 60_000));
          model.set(k, val(x % 60_000));
        }
      }
      state = state.apply(changes);
      expectMatches(state, model, '0xaa');
      expectMatches(state, model, '0xbb');
      expectMatches(state, model, '0x');
    }
  });

  it('an overlay merges its own writes and deletions into the lists', () => {
    const model = new Map<Hex, Uint8Array>();
    for (let i = 0; i < 10; i++) model.set(key('aa', i * 2), val(i));
    const base = BlockState.fromEntries(model);
    const overlay = new Overlay(base);
    expectMatches(overlay, model, '0xaa');
    // untouched: the parent's lists themselves
    expect(overlay.values('0xaa')).toBe(base.values('0xaa'));
    overlay.set(key('aa', 3), val(33));
    overlay.set(key('aa', 4), val(44));
    overlay.delete(key('aa', 6));
    const child = overlay.child();
    child.set(key('aa', 0), val(99));
    model.set(key('aa', 3), val(33));
    model.set(key('aa', 4), val(44));
    model.delete(key('aa', 6));
    expectMatches(overlay, model, '0xaa');
    model.set(key('aa', 0), val(99));
    expectMatches(child, model, '0xaa');
  });
});

describe('small values', () => {
  it('read back as the bytes written, each a view of its own length, independent of the caller’s arrays', () => {
    const written = new Map<Hex, Uint8Array | null>();
    for (let i = 0; i < 40; i++)
      written.set(
        key('cc', i),
        Uint8Array.from({ length: i * 3 }, (_, j) => i + j),
      );
    const base = BlockState.fromEntries([[key('dd', 1), val(1)]]);
    const state = base.apply(written);
    for (const [k, v] of written) {
      const read = state.get(k)!;
      expect(read).toEqual(v);
      expect(read.byteLength).toBe(v!.length);
    }
    // the state holds copies: the caller's arrays may be reused
    for (const v of written.values()) v!.fill(0);
    expect(state.get(key('cc', 10))).toEqual(Uint8Array.from({ length: 30 }, (_, j) => 10 + j));
    // a larger value is kept as it was given
    const large = new Uint8Array(65).fill(3);
    expect(state.apply(new Map([[key('cc', 99), large]])).get(key('cc', 99))).toBe(large);
  });
});
