/**
 * A memo of a pure function with a bound on its entries: when full it starts over, cleared whole, so a hit costs
 * one Map lookup and there is no per-entry bookkeeping on the hot paths that use it (storage keys, worker keys and
 * identities, a block's parameters). For keys that repeat block after block, whose misses only cost the
 * computation again.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The value for `key`: the one remembered, or `compute(key)`, remembered. */
  get(key: K, compute: (key: K) => V): V {
    const known = this.map.get(key);
    if (known !== undefined) return known;
    const value = compute(key);
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }

  /** The value remembered for `key`, or undefined (for callers that make the value themselves, see `remember`). */
  known(key: K): V | undefined {
    return this.map.get(key);
  }

  /** Remembers `value` for `key` (starting over when full, as `get` does). */
  remember(key: K, value: V): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
  }
}
