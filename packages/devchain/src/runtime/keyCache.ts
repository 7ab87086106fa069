/**
 * The storage keys an item has made, by the key values they were made from (storage.ts's items look them up before
 * hashing).
 */
import type { Hex } from '../scale/types.js';
import { BoundedCache } from './boundedCache.js';

/**
 * Computed storage keys by their (primitive) key values: hashing a key (SCALE-encode, blake2/xxhash, hex) costs
 * as much as encoding a value, and blocks look up the same accounts and pools over and over. Bounded per item.
 */
const KEY_CACHE_SIZE = 32_768;
export class KeyCache {
  private readonly cache = new BoundedCache<string | number | bigint, Hex>(KEY_CACHE_SIZE);
  /**
   * The last two keys made, by their values (primitives only): a settlement reads and writes the subsidy pool's
   * and the treasury's accounts three times each per settled worker and a miner twice in a row, and comparing a
   * value with two others costs less than a lookup in a map of 20,000 keys (hashing a key decoded just before).
   */
  private lastValue: unknown;
  private lastKey: Hex | undefined;
  private previousValue: unknown;
  private previousKey: Hex | undefined;
  /**
   * The key remembered for `k`, or undefined (then the caller makes it and hands it to `remember`): a lookup takes
   * no function to make the key, which was a new closure per call (18 MB of a settlement block's garbage).
   */
  known(k: unknown): Hex | undefined {
    if (k === this.lastValue && this.lastKey !== undefined) return this.lastKey;
    if (k === this.previousValue && this.previousKey !== undefined) return this.previousKey;
    const t = typeof k;
    if (t !== 'string' && t !== 'number' && t !== 'bigint') return undefined;
    const key = this.cache.known(k as string);
    if (key !== undefined) this.last(k, key);
    return key;
  }
  /** `key`, remembered as the key for `k` (when `k` is a primitive); returns `key` */
  remember(k: unknown, key: Hex): Hex {
    const t = typeof k;
    if (t !== 'string' && t !== 'number' && t !== 'bigint') return key;
    this.cache.remember(k as string, key);
    this.last(k, key);
    return key;
  }
  private last(k: unknown, key: Hex): void {
    this.previousValue = this.lastValue;
    this.previousKey = this.lastKey;
    this.lastValue = k;
    this.lastKey = key;
  }
}

/** A cache key for several primitive key values (typed, so 1 and 1n and '1' differ), or undefined. */
export function compositeKey(k: readonly unknown[]): string | undefined {
  let out = '';
  for (const part of k) {
    const t = typeof part;
    if (t !== 'string' && t !== 'number' && t !== 'bigint') return undefined;
    out += `${t[0]}${String(part)}|`;
  }
  return out;
}
