import { describe, expect, it } from 'vitest';
import type { Hex } from '../scale/types.js';
import { KEPT_PACK_BYTES } from '../scale/writer.js';
import { BlockState, Overlay, PendingValue } from './state.js';

const key = (prefix: string, n: number) => `0x${prefix}${n.toString(16).padStart(4, '0')}` as Hex;
const val = (n: number) => Uint8Array.of(n & 255, n >> 8);

/**
 * `count` pseudo-random writes (a linear congruential sequence, carried on in `seq.x`): each key from `keyOf`, a
 * deletion where `removes` says so, otherwise a value; applied to `model` as well.
 */
function randomChanges(
  seq: { x: number },
  count: number,
  keyOf: (x: number) => Hex,
  removes: (x: number) => boolean,
  model: Map<Hex, Uint8Array>,
): Map<Hex, Uint8Array | null> {
  const changes = new Map<Hex, Uint8Array | null>();
  for (let c = 0; c < count; c++) {
    seq.x = (seq.x * 1103515245 + 12345) % 2 ** 31;
    const x = seq.x;
    const k = keyOf(x);
    if (removes(x)) {
      changes.set(k, null);
      model.delete(k);
    } else {
      changes.set(k, val(x % 60_000));
      model.set(k, val(x % 60_000));
    }
  }
  return changes;
}

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
    const seq = { x: 7 };
    for (let block = 0; block < 40; block++) {
      // read the parent before the new layer exists, so cached parent lists are reused
      if (block % 3 === 0) expectMatches(state, model, '0xbb');
      const changes = randomChanges(
        seq,
        6,
        (x) => key(x % 3 === 0 ? 'bb' : 'aa', x % 80),
        (x) => x % 5 === 0,
        model,
      );
      state = state.apply(changes);
      expectMatches(state, model, '0xaa');
      expectMatches(state, model, '0xbb');
      expectMatches(state, model, '0x');
    }
  });

  it('a layer that rewrites a few of many values under a prefix (no key added or removed) answers its values', () => {
    const model = new Map<Hex, Uint8Array>();
    for (let i = 0; i < 400; i++) model.set(key('cc', i * 3), val(i));
    for (let i = 0; i < 10; i++) model.set(key('dd', i), val(i));
    let state = BlockState.fromEntries(model);
    expectMatches(state, model, '0xcc');
    const seq = { x: 11 };
    for (let block = 0; block < 30; block++) {
      // existing keys only: the list stays the parent's
      const changes = randomChanges(
        seq,
        5,
        (x) => key('cc', (x % 400) * 3),
        () => false,
        model,
      );
      changes.set(key('cc', 1), null); // a deletion of a key that is not there changes no list
      changes.set(key('dd', block % 10), val(block)); // a change under another prefix
      model.set(key('dd', block % 10), val(block));
      const parentValues = state.values('0xcc');
      state = state.apply(changes);
      expectMatches(state, model, '0xcc');
      expectMatches(state, model, '0xdd');
      // the parent's list is left as it was
      expect(parentValues).not.toBe(state.values('0xcc'));
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
    // a larger value that is a view (as a block writes them, into the writer's packs) is kept as it was given
    const large = new Uint8Array(new ArrayBuffer(200), 8, 65).fill(3);
    expect(state.apply(new Map([[key('cc', 99), large]])).get(key('cc', 99))).toBe(large);
  });
});

describe('values of 65..1024 bytes alone in their buffers (written outside a block)', () => {
  it('are copied into the writer’s shared packs, each read back as written; others are kept as given', () => {
    const alone = Array.from({ length: 50 }, (_, i) =>
      Uint8Array.from({ length: 65 + i * 19 }, (_, j) => i ^ j),
    );
    const huge = new Uint8Array(1025).fill(7);
    const view = new Uint8Array(new ArrayBuffer(4000), 100, 300).fill(9);
    const written = new Map<Hex, Uint8Array | null>(alone.map((v, i) => [key('ee', i), v]));
    written.set(key('ef', 1), huge);
    written.set(key('ef', 2), view);
    written.set(key('ef', 3), null);
    const base = BlockState.fromEntries([[key('ef', 3), val(3)]]);
    const state = base.apply(written);
    const packs = new Set<ArrayBufferLike>();
    alone.forEach((v, i) => {
      const read = state.get(key('ee', i))!;
      expect(read).toEqual(v);
      expect(read).not.toBe(v);
      expect(read.byteLength).toBe(v.length);
      // a live value pins at most one pack of KEPT_PACK_BYTES
      expect(read.buffer.byteLength).toBe(KEPT_PACK_BYTES);
      packs.add(read.buffer);
    });
    // the copies share packs (~26 KiB of values in a handful of 4 KiB packs, not 50 buffers)
    expect(packs.size).toBeLessThan(10);
    // the caller's arrays may be reused
    for (const v of alone) v.fill(0);
    expect(state.get(key('ee', 3))).toEqual(Uint8Array.from({ length: 65 + 3 * 19 }, (_, j) => 3 ^ j));
    expect(state.get(key('ef', 1))).toBe(huge);
    expect(state.get(key('ef', 2))).toBe(view);
    expect(state.get(key('ef', 3))).toBeUndefined();
    expect(base.get(key('ef', 3))).toEqual(val(3));
  });
});

describe('flattening keeps every earlier state as it was', () => {
  /** `blocks` layers of pseudo-random changes on `from`; returns each state with a copy of its model. */
  function grow(from: BlockState, model: Map<Hex, Uint8Array>, blocks: number, seed: number) {
    const out: Array<[BlockState, Map<Hex, Uint8Array>]> = [];
    let state = from;
    const seq = { x: seed };
    for (let block = 0; block < blocks; block++) {
      const changes = randomChanges(
        seq,
        5,
        (x) => key(x % 2 ? 'aa' : 'bb', x % 90),
        (x) => x % 7 === 0,
        model,
      );
      state = state.apply(changes);
      out.push([state, new Map(model)]);
    }
    return out;
  }

  function expectState(state: BlockState, model: Map<Hex, Uint8Array>): void {
    expectMatches(state, model, '0xaa');
    expectMatches(state, model, '0xbb');
    for (let i = 0; i < 90; i++) expect(state.get(key('aa', i))).toEqual(model.get(key('aa', i)));
  }

  it('old states read their own keys, lists and values after many later flattens (all states kept)', () => {
    const model = new Map<Hex, Uint8Array>();
    for (let i = 0; i < 30; i++) model.set(key('aa', i), val(i));
    const genesis = BlockState.fromEntries(model);
    const genesisModel = new Map(model);
    // 480 blocks: ~19 flattens, more than a chain of taken-over maps may grow, so some flattens copy again
    const states = grow(genesis, model, 480, 11);
    // lists cached before later flattens and lists first asked for after them
    for (const [i, [state, m]] of states.entries()) if (i % 7 === 0) expectState(state, m);
    for (const [state, m] of states) expectState(state, m);
    expectState(genesis, genesisModel);
  });

  it('a branch from an old state flattens through the roots above it and leaves the main line as it was', () => {
    const model = new Map<Hex, Uint8Array>();
    for (let i = 0; i < 30; i++) model.set(key('bb', i), val(i));
    const main = grow(BlockState.fromEntries(model), model, 120, 5);
    const [fork, forkModel] = main[30]!;
    const branch = grow(fork, new Map(forkModel), 60, 99);
    for (const [state, m] of branch) expectState(state, m);
    for (const [state, m] of main) expectState(state, m);
    // and the main line grows on after the branch took its root's map over
    const [head, headModel] = main[main.length - 1]!;
    for (const [state, m] of grow(head, new Map(headModel), 60, 3)) expectState(state, m);
    for (const [state, m] of branch) expectState(state, m);
  });

  it('changesSince gives each block’s changes across flattens', () => {
    const model = new Map<Hex, Uint8Array>();
    const genesis = BlockState.fromEntries([[key('aa', 0), val(0)]]);
    model.set(key('aa', 0), val(0));
    const states = grow(genesis, model, 100, 17);
    for (let i = 1; i < states.length; i++) {
      const [state, m] = states[i]!;
      const [before, mBefore] = states[i - 1]!;
      const diff = state.changesSince(before);
      for (const k of new Set([...m.keys(), ...mBefore.keys()])) {
        if (m.get(k)?.toString() !== mBefore.get(k)?.toString()) expect(diff.has(k)).toBe(true);
      }
      for (const [k, v] of diff) expect(v ?? undefined).toEqual(m.get(k));
    }
  });
});

describe('a state made from entries', () => {
  it('keeps copies of values up to 4 KiB, and larger ones and views as given', () => {
    const given: Array<[Hex, Uint8Array]> = [
      [key('ff', 1), Uint8Array.of(1, 2)],
      [key('ff', 2), new Uint8Array(80).fill(2)],
      [key('ff', 3), new Uint8Array(4096).fill(3)],
      [key('ff', 4), new Uint8Array(5000).fill(4)],
      [key('ff', 5), new Uint8Array(300).fill(5).subarray(100, 200)],
    ];
    const state = BlockState.fromEntries(given);
    for (const [k, v] of given) expect(state.get(k)).toEqual(v);
    expect(state.get(key('ff', 2))).not.toBe(given[1]![1]);
    expect(state.get(key('ff', 3))).not.toBe(given[2]![1]);
    expect(state.get(key('ff', 4))).toBe(given[3]![1]);
    expect(state.get(key('ff', 5))).toBe(given[4]![1]);
    expect(state.values('0xff')).toEqual(given.map(([, v]) => v));
  });
});

describe('storage transactions in an overlay (the undo journal)', () => {
  it('a rollback restores every key as it was before, nested ones included, and a commit keeps the writes', () => {
    const base = BlockState.fromEntries([
      [key('aa', 1), val(1)],
      [key('aa', 2), val(2)],
    ]);
    const overlay = new Overlay(base);
    overlay.set(key('aa', 3), val(3));
    const before = new Map(overlay.changes);
    const outer = overlay.beginTransaction();
    overlay.set(key('aa', 1), val(11));
    overlay.delete(key('aa', 2));
    overlay.set(key('aa', 3), val(33));
    overlay.set(key('aa', 4), val(4));
    const inner = overlay.beginTransaction();
    overlay.set(key('aa', 1), val(111));
    overlay.set(key('aa', 5), val(5));
    overlay.delete(key('aa', 4));
    expect(overlay.keys('0xaa')).toEqual([key('aa', 1), key('aa', 3), key('aa', 5)]);
    overlay.rollbackTransaction(inner);
    // the outer transaction's writes, as they were when the inner one began
    expect(overlay.get(key('aa', 1))).toEqual(val(11));
    expect(overlay.get(key('aa', 5))).toBeUndefined();
    expect(overlay.get(key('aa', 4))).toEqual(val(4));
    expect(overlay.keys('0xaa')).toEqual([key('aa', 1), key('aa', 3), key('aa', 4)]);
    overlay.rollbackTransaction(outer);
    // the layer's own changes exactly as before: keys first written in a transaction are gone, not deletions
    expect(overlay.changes).toEqual(before);
    expect(overlay.get(key('aa', 2))).toEqual(val(2));
    expect(overlay.keys('0xaa')).toEqual([key('aa', 1), key('aa', 2), key('aa', 3)]);
    // committed, nested in one that commits: kept
    const t1 = overlay.beginTransaction();
    const t2 = overlay.beginTransaction();
    overlay.set(key('aa', 6), val(6));
    overlay.commitTransaction(t2);
    overlay.delete(key('aa', 1));
    overlay.commitTransaction(t1);
    expect(overlay.get(key('aa', 6))).toEqual(val(6));
    expect(overlay.changes.get(key('aa', 1))).toBeNull();
    // a committed inner transaction is still undone by the outer one's rollback
    const t3 = overlay.beginTransaction();
    const t4 = overlay.beginTransaction();
    overlay.set(key('aa', 7), val(7));
    overlay.commitTransaction(t4);
    overlay.rollbackTransaction(t3);
    expect(overlay.get(key('aa', 7))).toBeUndefined();
  });

  it("a child layer committed inside a transaction is undone by the transaction's rollback", () => {
    const overlay = new Overlay(BlockState.fromEntries([[key('cc', 1), val(1)]]));
    const t = overlay.beginTransaction();
    const child = overlay.child();
    child.set(key('cc', 1), val(10));
    child.set(key('cc', 2), val(20));
    child.commitTo(overlay);
    expect(overlay.get(key('cc', 1))).toEqual(val(10));
    overlay.rollbackTransaction(t);
    expect(overlay.get(key('cc', 1))).toEqual(val(1));
    expect(overlay.get(key('cc', 2))).toBeUndefined();
    expect(overlay.changes.size).toBe(0);
  });

  it('a value pending before a transaction is pending again after its rollback, even if a flush encoded it', () => {
    const overlay = new Overlay(BlockState.fromEntries([]));
    let encoded = 0;
    const pending = new PendingValue(5, (v) => {
      encoded++;
      return Uint8Array.of(v as number);
    });
    overlay.setPending(key('bb', 1), pending);
    const t = overlay.beginTransaction();
    overlay.set(key('bb', 1), val(9));
    // taking the changes inside the transaction flushes the layer (nothing pending is left then)
    expect(overlay.changes.get(key('bb', 1))).toEqual(val(9));
    overlay.rollbackTransaction(t);
    expect(overlay.lookup(key('bb', 1))).toBe(pending);
    expect(overlay.changes.get(key('bb', 1))).toEqual(Uint8Array.of(5));
    expect(encoded).toBe(1);
  });
});

describe('a map handed over to a new state', () => {
  it('is kept with its small values packed in place; one not handed over is left as it was', () => {
    const make = () => {
      const m = new Map<Hex, Uint8Array | null>();
      for (let i = 0; i < 20; i++) m.set(key('ee', i), i % 5 === 0 ? null : Uint8Array.of(i, i + 1, i + 2));
      // over 1 KiB: kept in its own buffer (values of 65..1024 bytes alone in theirs move into shared packs)
      m.set(key('ee', 99), new Uint8Array(2000).fill(7));
      return m;
    };
    const base = BlockState.fromEntries([[key('ee', 0), val(1)]]);
    const given = make();
    const originals = [...given.values()];
    const copied = base.apply(given);
    // not handed over: the caller's map and arrays as they were
    expect([...given.values()]).toEqual(originals);
    for (const [i, v] of [...given.values()].entries()) expect(v).toBe(originals[i]);
    const handed = make();
    const large = handed.get(key('ee', 99));
    const state = base.apply(handed, true);
    for (const [k, v] of make()) {
      expect(state.get(k)).toEqual(v ?? undefined);
      expect(copied.get(k)).toEqual(v ?? undefined);
    }
    // small values are views of one buffer now; the large one is kept as it was
    const small = [...handed.values()].filter((v): v is Uint8Array => v !== null && v.length === 3);
    expect(new Set(small.map((v) => v.buffer)).size).toBe(1);
    expect(handed.get(key('ee', 99))).toBe(large);
    // the base's key deleted, every other one there
    const kept = [...make()].filter(([, v]) => v !== null).map(([k]) => k);
    expect(state.keys('0xee')).toEqual(kept.sort());
  });
});
