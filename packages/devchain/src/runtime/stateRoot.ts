/** The dev chain's state root over a block's changes, and the canonical order it takes them in. */
import { createHash } from 'node:crypto';
import { u8aToHex } from '@polkadot/util';
import type { Hex } from '../scale/types.js';

/**
 * The running state root: a hash of the parent's root and this block's sorted changes, each written once (key
 * length, key, 0 = deleted or 1 + value length + value), so a block costs one pass over what it changed and one
 * hash, whatever the size of the state. The hash is BLAKE2b-512 (node's native one; a settlement block's changes
 * are megabytes, which the wasm blake2 took several times longer over) cut to 32 bytes. The bytes go to the hash
 * through one reused 64 KiB buffer (large values straight from their arrays), not a buffer of the whole block's
 * changes: a settlement block's was ~20 MB, allocated and dropped per block, and kept in the process's RSS by the
 * allocator afterwards.
 *
 * The changes are read once, in the map's order, into two arrays and taken from them by index in the canonical
 * order: a lookup in the map per key (40,000 of them in a settlement block, each a miss of the CPU's caches) cost
 * more than the rest of the loop.
 */
export function stateRootOf(parentRoot: Uint8Array, changes: Map<Hex, Uint8Array | null>): Hex {
  const n = changes.size;
  const keys: Hex[] = new Array(n);
  const values: Array<Uint8Array | null> = new Array(n);
  let i = 0;
  changes.forEach((v, k) => {
    keys[i] = k;
    values[i++] = v;
  });
  const order = canonicalIndexes(keys);
  const hash = createHash('blake2b512').update(parentRoot);
  const buf = chunk;
  let at = 0;
  for (let o = 0; o < n; o++) {
    const index = order[o]!;
    const k = keys[index]!;
    const v = values[index]!;
    const keyBytes = (k.length - 2) >> 1;
    if (at + 9 + keyBytes > CHUNK_BYTES) {
      hash.update(buf.subarray(0, at));
      at = 0;
      if (9 + keyBytes > CHUNK_BYTES) {
        // a key longer than the buffer (none in a real state): its record on its own
        const record = Buffer.allocUnsafe(9 + keyBytes);
        let r = record.writeUInt32LE(keyBytes, 0);
        r += record.write(k.slice(2), r, 'hex');
        if (v) r = record.writeUInt32LE(v.length, record.writeUInt8(1, r));
        else r = record.writeUInt8(0, r);
        hash.update(record.subarray(0, r));
        if (v) hash.update(v);
        continue;
      }
    }
    at = buf.writeUInt32LE(keyBytes, at);
    at += buf.write(k.slice(2), at, 'hex');
    if (v) {
      buf[at++] = 1;
      at = buf.writeUInt32LE(v.length, at);
      if (at + v.length <= CHUNK_BYTES) {
        buf.set(v, at);
        at += v.length;
      } else {
        hash.update(buf.subarray(0, at));
        at = 0;
        hash.update(v);
      }
    } else buf[at++] = 0;
  }
  if (at) hash.update(buf.subarray(0, at));
  return u8aToHex(hash.digest().subarray(0, 32)) as Hex;
}

const CHUNK_BYTES = 1 << 16;
/** stateRootOf's buffer (it runs to the end without yielding, so one is enough) */
const chunk = Buffer.allocUnsafe(CHUNK_BYTES);

/**
 * The changed keys in a canonical order (a function of the set of keys alone, not of the order they were written
 * in): by the 4 bytes after the 32-byte storage prefix — the start of the hashed map key, effectively random — and
 * by the whole key among equal ones. Sorting 100,000 long hex strings that share their first 64 characters cost a
 * settlement block tens of milliseconds; this sorts numbers (packed with the index, natively) and only the few
 * runs of equal numbers by string.
 */
export function canonicalOrder(changes: Map<Hex, Uint8Array | null>): Hex[] {
  const keys = [...changes.keys()];
  const order = canonicalIndexes(keys);
  const out: Hex[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = keys[order[i]!]!;
  return out;
}

const INDEX = 2 ** 21;

/** The indexes of `keys` in the canonical order (see `canonicalOrder`). */
function canonicalIndexes(keys: readonly Hex[]): ArrayLike<number> {
  const n = keys.length;
  if (n >= INDEX) {
    // the index no longer fits beside 32 bits in a double's 53: the plain string order
    const sorted = Array.from({ length: n }, (_, i) => i);
    return sorted.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  }
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = orderWord(keys[i]!) * INDEX + i;
  packed.sort();
  const order = new Uint32Array(n);
  let previous = -1;
  let runStart = 0;
  for (let i = 0; i < n; i++) {
    const p = packed[i]!;
    const word = Math.floor(p / INDEX);
    order[i] = p - word * INDEX;
    if (word !== previous) {
      if (i - runStart > 1) sortRun(keys, order, runStart, i);
      previous = word;
      runStart = i;
    }
  }
  if (n - runStart > 1) sortRun(keys, order, runStart, n);
  return order;
}

/** Orders `order[from..to)` (indexes of keys with equal order words) by the whole key. */
function sortRun(keys: readonly Hex[], order: Uint32Array, from: number, to: number): void {
  const run = Array.from(order.subarray(from, to)).sort((a, b) =>
    keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0,
  );
  order.set(run, from);
}

/** Hex characters 66..73 of a key (bytes 32..35) as a number; missing characters count as 0. */
function orderWord(key: string): number {
  let word = 0;
  for (let c = 66; c < 74; c++) {
    const code = c < key.length ? key.charCodeAt(c) : 48;
    const digit = code <= 57 ? code - 48 : (code | 32) - 87;
    word = word * 16 + (digit >= 0 && digit < 16 ? digit : 0);
  }
  return word;
}
