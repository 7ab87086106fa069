/** The dev chain's state root over a block's changes, and the canonical order it takes them in. */
import { createHash } from 'node:crypto';
import { u8aToHex } from '@polkadot/util';
import type { Hex } from '../scale/types.js';

/**
 * The running state root: a hash of the parent's root and this block's sorted changes, each written once into one
 * buffer (key length, key, 0 = deleted or 1 + value length + value), so a block costs one pass over what it changed
 * and one hash, whatever the size of the state. The hash is BLAKE2b-512 (node's native one; a settlement block's
 * changes are megabytes, which the wasm blake2 took several times longer over) cut to 32 bytes.
 */
export function stateRootOf(parentRoot: Uint8Array, changes: Map<Hex, Uint8Array | null>): Hex {
  const keys = canonicalOrder(changes);
  let size = parentRoot.length;
  for (const k of keys) {
    const v = changes.get(k);
    size += 4 + ((k.length - 2) >> 1) + 1 + (v ? 4 + v.length : 0);
  }
  const buf = Buffer.allocUnsafe(size);
  buf.set(parentRoot, 0);
  let at = parentRoot.length;
  for (const k of keys) {
    const v = changes.get(k);
    at = buf.writeUInt32LE((k.length - 2) >> 1, at);
    at += buf.write(k.slice(2), at, 'hex');
    if (v) {
      buf[at++] = 1;
      at = buf.writeUInt32LE(v.length, at);
      buf.set(v, at);
      at += v.length;
    } else buf[at++] = 0;
  }
  const digest = createHash('blake2b512').update(buf.subarray(0, at)).digest();
  return u8aToHex(digest.subarray(0, 32)) as Hex;
}

/**
 * The changed keys in a canonical order (a function of the set of keys alone, not of the order they were written
 * in): by the 4 bytes after the 32-byte storage prefix — the start of the hashed map key, effectively random — and
 * by the whole key among equal ones. Sorting 100,000 long hex strings that share their first 64 characters cost a
 * settlement block tens of milliseconds; this sorts numbers (packed with the index, natively) and only the few
 * runs of equal numbers by string.
 */
export function canonicalOrder(changes: Map<Hex, Uint8Array | null>): Hex[] {
  const keys = [...changes.keys()];
  const n = keys.length;
  if (n >= 1 << 21) return keys.sort(); // the index no longer fits beside 32 bits in a double's 53
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = orderWord(keys[i]!) * 2 ** 21 + i;
  packed.sort();
  const out: Hex[] = new Array(n);
  for (let i = 0; i < n; ) {
    const word = Math.floor(packed[i]! / 2 ** 21);
    let j = i + 1;
    while (j < n && Math.floor(packed[j]! / 2 ** 21) === word) j++;
    if (j - i === 1) out[i] = keys[packed[i]! % 2 ** 21]!;
    else {
      const run: Hex[] = [];
      for (let r = i; r < j; r++) run.push(keys[packed[r]! % 2 ** 21]!);
      run.sort();
      for (let r = i; r < j; r++) out[r] = run[r - i]!;
    }
    i = j;
  }
  return out;
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
