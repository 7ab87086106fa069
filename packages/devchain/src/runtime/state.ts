import type { Hex } from '../scale/types.js';
import type { StateReader } from './interface.js';

/*
 * Loops over a whole layer's map (40,000 entries in a settlement block, once per block) use `forEach`, not
 * `for (const [k, v] of map)`: a loop that runs once per block is still in V8's unoptimized tiers, where for-of's
 * iterator and entry arrays cost several times more than `forEach`'s callback, which is optimized within the loop.
 */
const MAX_DEPTH = 24;
/** Roots a state may read through (see `tookOverFrom`) before a flatten copies instead of taking a map over. */
const MAX_TAKEN_OVER = 16;

/**
 * The immutable state of one block: the parent's state plus this block's changes. Chains of layers are flattened
 * every few blocks so reads stay cheap while most blocks share their parent's data.
 */
export class BlockState implements StateReader {
  /** set once, when a later flatten takes this root's map over (see the constructor) */
  private parent: BlockState | undefined;
  private changes: Map<Hex, Uint8Array | null>;
  private readonly depth: number;
  /**
   * What this state changed over the one it was made from, kept even when the layers are flattened, with a weak
   * link to that state: persistence writes per-block diffs without holding pruned states alive.
   */
  private readonly delta: Map<Hex, Uint8Array | null>;
  private readonly madeFrom: WeakRef<BlockState> | undefined;
  /**
   * A root made by a flatten whose map it took over from the previous root (weakly: the older root refers to this
   * one, not the other way). Roots from `fromEntries` (genesis, a restored head) are never taken over: they live as
   * long as the chain, and through them every later root would.
   */
  private tookOverFrom: WeakRef<BlockState> | undefined;
  private flattened = false;

  private constructor(parent: BlockState | undefined, changes: Map<Hex, Uint8Array | null>) {
    this.delta = changes;
    this.madeFrom = parent ? new WeakRef(parent) : undefined;
    if (parent && parent.depth + 1 > MAX_DEPTH) {
      const layers: Array<Map<Hex, Uint8Array | null>> = [changes];
      let root: BlockState = parent;
      for (; root.parent; root = root.parent) layers.push(root.changes);
      this.parent = undefined;
      this.depth = 0;
      this.flattened = true;
      if (root.flattened && root.takenOverChain() < MAX_TAKEN_OVER) {
        // The root's map becomes this state's: the layers above it are replayed into it, oldest first, and the
        // root keeps only the undo of that (the values those keys had) over this state. A flatten then costs the
        // keys changed since the last one, not the whole state, and the ~256 states a node keeps share one map
        // instead of one copy per flatten. States made before still read the same: through the root, then here.
        const flat = root.changes;
        const undo = new Map<Hex, Uint8Array | null>();
        for (let i = layers.length - 1; i >= 0; i--) {
          layers[i]!.forEach((value, key) => {
            if (!undo.has(key)) undo.set(key, flat.get(key) ?? null);
            if (value === null) flat.delete(key);
            else flat.set(key, value);
          });
        }
        root.changes = undo;
        root.parent = this;
        this.changes = flat;
        this.tookOverFrom = new WeakRef(root);
      } else {
        // A copy of the root with the layers replayed, oldest first: O(state + changes), no sorting (sorted key
        // lists are built per prefix, on demand).
        const flat = new Map(root.changes);
        for (let i = layers.length - 1; i >= 0; i--) {
          layers[i]!.forEach((value, key) => {
            if (value === null) flat.delete(key);
            else flat.set(key, value);
          });
        }
        this.changes = flat;
      }
    } else {
      this.parent = parent;
      this.changes = changes;
      this.depth = parent ? parent.depth + 1 : 0;
    }
  }

  /**
   * How many earlier roots, still alive, this root's map was taken over from in a row: a state made under the
   * oldest reads through all of them. A node that prunes old states keeps ~11 (256 states, a flatten every 25
   * blocks); an archive node keeps all, and then every MAX_TAKEN_OVER-th flatten copies, so no read walks more roots
   * than that. (An older root refers to the newer one, so once one in the chain is gone, all before it are too.)
   */
  private takenOverChain(): number {
    let n = 0;
    for (let r = this.tookOverFrom?.deref(); r && n < MAX_TAKEN_OVER; r = r.tookOverFrom?.deref()) n++;
    return n;
  }

  static fromEntries(entries: Iterable<[Hex, Uint8Array]>): BlockState {
    const changes = new Map<Hex, Uint8Array | null>();
    for (const [k, v] of entries) changes.set(k, v);
    return new BlockState(undefined, packValues(changes, ENTRY_VALUE_BYTES));
  }

  /**
   * The changes that turn `ancestor` into this state (`null` deletes): the deltas of the states in between when
   * they are still known, otherwise a full comparison.
   */
  changesSince(ancestor: BlockState | undefined): Map<Hex, Uint8Array | null> {
    const deltas: Array<Map<Hex, Uint8Array | null>> = [];
    let cursor: BlockState | undefined = this;
    while (cursor && cursor !== ancestor) {
      deltas.push(cursor.delta);
      cursor = cursor.madeFrom?.deref();
    }
    const out = new Map<Hex, Uint8Array | null>();
    if (cursor === ancestor && (ancestor || deltas.length)) {
      for (let i = deltas.length - 1; i >= 0; i--) for (const [k, v] of deltas[i]!) out.set(k, v);
      return out;
    }
    for (const [k, v] of this.entries()) if (ancestor?.get(k) !== v) out.set(k, v);
    if (ancestor) for (const k of ancestor.keys('0x')) if (this.get(k) === undefined) out.set(k, null);
    return out;
  }

  /**
   * A new state: this one with `changes` applied (`null` deletes). `handedOver`: the caller gives the map up (a
   * built block's overlay, never read or written again): the state keeps it, its small values packed in place,
   * instead of a copy (a settlement block's 40,000 entries copied into a new map).
   */
  apply(changes: Map<Hex, Uint8Array | null>, handedOver = false): BlockState {
    return new BlockState(this, packValues(changes, SMALL_VALUE_BYTES, handedOver));
  }

  get(key: Hex): Uint8Array | undefined {
    for (let layer: BlockState | undefined = this; layer; layer = layer.parent) {
      const value = layer.changes.get(key);
      if (value !== undefined) return value ?? undefined;
    }
    return undefined;
  }

  /**
   * The sorted keys under `prefix`. A layer answers from its parent's list for the prefix and only its own changes
   * under it, so a block that touches a few keys costs a few keys, whatever the size of the state. The lists are
   * shared (cached per prefix): callers must not modify them.
   */
  keys(prefix: Hex): Hex[] {
    let cache = this.byPrefix;
    const cached = cache?.get(prefix);
    if (cached) return cached;
    let keys: Hex[];
    if (!this.parent) {
      keys = [];
      this.changes.forEach((v, k) => {
        if (v !== null && k.startsWith(prefix)) keys.push(k);
      });
      keys.sort();
    } else {
      const parent = this.parent;
      const base = parent.keys(prefix);
      const removed = new Set<Hex>();
      const added: Hex[] = [];
      this.changes.forEach((v, k) => {
        if (!k.startsWith(prefix)) return;
        const inBase = parent.get(k) !== undefined;
        if (v === null) {
          if (inBase) removed.add(k);
        } else if (!inBase) added.push(k);
      });
      keys = removed.size ? base.filter((k) => !removed.has(k)) : base;
      if (added.length) {
        added.sort();
        keys = mergeSorted(keys, added);
      }
    }
    if (!cache || cache.size >= MAX_CACHED_PREFIXES) {
      cache = new Map();
      this.byPrefix = cache;
    }
    cache.set(prefix, keys);
    return keys;
  }

  /**
   * The values of `keys(prefix)`, in order: a layer without changes under the prefix shares its parent's list, one
   * with changes merges them in; no key is looked up through the layers.
   */
  values(prefix: Hex): Uint8Array[] {
    let cache = this.valuesByPrefix;
    const cached = cache?.get(prefix);
    if (cached) return cached;
    const keys = this.keys(prefix);
    let values: Uint8Array[];
    if (!this.parent) values = keys.map((k) => this.changes.get(k)!);
    else
      values = mergedValues(prefix, keys, this.parent.keys(prefix), this.parent.values(prefix), this.changes);
    if (!cache || cache.size >= MAX_CACHED_PREFIXES) {
      cache = new Map();
      this.valuesByPrefix = cache;
    }
    cache.set(prefix, values);
    return values;
  }

  entries(): Array<[Hex, Uint8Array]> {
    return this.keys('0x').map((k) => [k, this.get(k)!]);
  }

  private byPrefix: Map<Hex, Hex[]> | undefined;
  private valuesByPrefix: Map<Hex, Uint8Array[]> | undefined;
}

/**
 * Values for `keys` (a layer's sorted keys under a prefix) from the parent's keys and values and the layer's own
 * changes. When the layer changed nothing there, `keys` is the parent's list itself and so are the values.
 */
function mergedValues(
  prefix: Hex,
  keys: Hex[],
  baseKeys: Hex[],
  baseValues: Uint8Array[],
  changes: Map<Hex, Uint8Array | null>,
): Uint8Array[] {
  if (keys === baseKeys) {
    if (!changesUnder(prefix, keys, changes)) return baseValues;
    // The same keys with some values replaced (a block that rewrote a few of 20,000 worker records): the parent's
    // values with each change put at its place, found by binary search, not a walk comparing every key.
    if (changes.size <= keys.length >> 4) return replacedValues(prefix, keys, baseValues, changes);
  }
  const out: Uint8Array[] = new Array(keys.length);
  let b = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const own = changes.get(k);
    while (b < baseKeys.length && baseKeys[b]! < k) b++;
    if (own) out[i] = own;
    else out[i] = baseValues[b]!;
  }
  return out;
}

/**
 * `baseValues` with the values `changes` give keys under `prefix` put at their index in `keys`, the sorted list
 * both share (the changes add and remove no key under the prefix: it is the parent's list itself).
 */
function replacedValues(
  prefix: Hex,
  keys: Hex[],
  baseValues: Uint8Array[],
  changes: Map<Hex, Uint8Array | null>,
): Uint8Array[] {
  const out = baseValues.slice();
  for (const [k, v] of changes) {
    if (v === null || !k.startsWith(prefix)) continue;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = keys[mid]!;
      if (at < k) lo = mid + 1;
      else if (at > k) hi = mid - 1;
      else {
        out[mid] = v;
        break;
      }
    }
  }
  return out;
}

/** Whether `changes` touch a key under `prefix` (scanning whichever of the two is shorter). */
function changesUnder(prefix: Hex, keys: Hex[], changes: Map<Hex, Uint8Array | null>): boolean {
  if (changes.size <= keys.length) {
    for (const k of changes.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }
  for (const k of keys) if (changes.has(k)) return true;
  return false;
}

/** `reader.values(prefix)`, or the values read key by key from a reader without it. */
export function valuesUnder(reader: StateReader, prefix: Hex): Uint8Array[] {
  return reader.values ? reader.values(prefix) : reader.keys(prefix).map((k) => reader.get(k)!);
}

/**
 * Values of at most this many bytes are kept as views of one buffer per layer. V8 keeps a Uint8Array this small on
 * its heap with an ArrayBuffer object of its own (~84 bytes, more than the bytes themselves); as views the layer's
 * small values share one (100 × 200 workers' state holds ~120,000 of them). Larger values a block wrote keep their
 * buffers: copying them cost a settlement block ~30 ms, and caches of decoded values (the simulated workers') are
 * keyed by those objects.
 */
const SMALL_VALUE_BYTES = 64;
/**
 * A state made from entries (genesis, a state file, a database) has no such caches and is made once: its values up
 * to this size are packed too, which also spares each one its separately allocated backing store outside the heap.
 */
const ENTRY_VALUE_BYTES = 4096;

/**
 * A copy of `changes` (`inPlace`: the map itself) with its values of at most `maxBytes` (see SMALL_VALUE_BYTES)
 * moved into one buffer. Views above V8's 64 on-heap bytes stay as they are; the `.buffer` of smaller values is not
 * looked at (reading it makes V8 move an on-heap array's bytes out of the heap).
 */
function packValues(
  changes: Map<Hex, Uint8Array | null>,
  maxBytes: number,
  inPlace = false,
): Map<Hex, Uint8Array | null> {
  const packs = (v: Uint8Array) =>
    v.length <= SMALL_VALUE_BYTES || (v.length <= maxBytes && v.byteLength === v.buffer.byteLength);
  let size = 0;
  let count = 0;
  changes.forEach((v) => {
    if (v && packs(v)) {
      size += v.length;
      count++;
    }
  });
  if (count < 2) return inPlace ? changes : new Map(changes);
  const buffer = new ArrayBuffer(size);
  // replacing the values of the keys a forEach is at keeps the map's order and visits no key twice
  const out = inPlace ? changes : new Map<Hex, Uint8Array | null>();
  let at = 0;
  changes.forEach((v, k) => {
    if (v && packs(v)) {
      const view = new Uint8Array(buffer, at, v.length);
      view.set(v);
      at += v.length;
      out.set(k, view);
    } else if (!inPlace) out.set(k, v);
  });
  return out;
}

/** Prefix queries a state remembers (storage items iterated per block are few). */
const MAX_CACHED_PREFIXES = 32;

function mergeSorted(a: Hex[], b: Hex[]): Hex[] {
  const out: Hex[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * A value written as itself while a block is built (storage.ts: a plain integer struct that is exactly what its
 * bytes decode to, frozen): its bytes are encoded once, when they are first needed — a read of the raw bytes, the
 * end of the block — instead of at every write. A settlement block writes the subsidy pool's and the treasury's
 * accounts and TotalIssuance some 80,000 times and keeps four of those values.
 */
export class PendingValue {
  constructor(
    readonly value: unknown,
    private readonly encode: (value: unknown) => Uint8Array,
  ) {}
  bytes(): Uint8Array {
    return this.encode(this.value);
  }
}

/**
 * A writable layer over a reader, used while executing a block and, nested, for each transactional dispatch.
 * `commit()` folds the changes into the parent overlay; dropping an overlay discards them (pending values too: a
 * layer's pending values are its own until it is committed). A pending value is held in the layer's one map
 * itself: a settlement block writes 80,000 of them, each through a dispatch's layer and again in the block's, and
 * a second map of pending values by key (one more map per layer, and a second write and lookup per value) cost it
 * more than the encoding the pending values spare.
 */
export class Overlay implements StateReader {
  private readonly map = new Map<Hex, Uint8Array | PendingValue | null>();
  /** values written pending in this layer since its last flush (an upper bound: some may have been overwritten) */
  private pendingWrites = 0;

  constructor(private readonly parent: StateReader) {}

  /** This layer's changes (`null` deletes), every pending value encoded first. */
  get changes(): Map<Hex, Uint8Array | null> {
    this.flush();
    return this.map as Map<Hex, Uint8Array | null>;
  }

  get(key: Hex): Uint8Array | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      if (value instanceof PendingValue) {
        const bytes = value.bytes();
        this.map.set(key, bytes);
        return bytes;
      }
      return value ?? undefined;
    }
    return this.parent.get(key);
  }

  /** The value under `key`: its bytes, or the pending value written in this layer or one below. */
  lookup(key: Hex): Uint8Array | PendingValue | undefined {
    let layer: Overlay = this;
    for (;;) {
      const value = layer.map.get(key);
      if (value !== undefined) return value ?? undefined;
      const parent = layer.parent;
      if (!(parent instanceof Overlay)) return parent.get(key);
      layer = parent;
    }
  }

  set(key: Hex, value: Uint8Array): void {
    if (this.openTransactions !== 0) this.record(key);
    this.map.set(key, value);
  }

  /** Writes `value` to be encoded when its bytes are needed (see PendingValue). */
  setPending(key: Hex, value: PendingValue): void {
    if (this.openTransactions !== 0) this.record(key);
    this.map.set(key, value);
    this.pendingWrites++;
  }

  delete(key: Hex): void {
    if (this.openTransactions !== 0) this.record(key);
    this.map.set(key, null);
  }

  /**
   * Storage transactions (Ext.transactional, FRAME's storage layers) in this layer itself: each write inside one
   * puts the key and the layer's entry before it on a journal, which a rollback replays backwards. A settlement
   * block opens two per settled worker (the treasury's withdrawal and deposit); as a child layer each was a new
   * overlay and map, its reads walked one layer more and its commit copied its writes into this one.
   */
  private journal: Array<Hex | Uint8Array | PendingValue | null | undefined> | undefined;
  /**
   * The journal's entries in use. The array is not cut back when a transaction ends (emptying an array drops its
   * storage, which the next transaction allocated again): the entries past this stay until overwritten or the
   * overlay is dropped.
   */
  private journalLength = 0;
  private openTransactions = 0;

  private record(key: Hex): void {
    const journal = this.journal!;
    journal[this.journalLength++] = key;
    journal[this.journalLength++] = this.map.get(key);
  }

  /** Opens a transaction; its writes are undone by `rollbackTransaction` with the mark returned. */
  beginTransaction(): number {
    this.openTransactions++;
    this.journal ??= [];
    return this.journalLength;
  }

  /** Keeps the writes of the transaction opened at `mark` (an enclosing one can still undo them). */
  commitTransaction(_mark: number): void {
    // the outermost one: nothing can undo its writes any more
    if (--this.openTransactions === 0) this.journalLength = 0;
  }

  /** Undoes the writes made since the transaction opened at `mark`, newest first. */
  rollbackTransaction(mark: number): void {
    const journal = this.journal!;
    const map = this.map;
    for (let i = this.journalLength - 2; i >= mark; i -= 2) {
      const key = journal[i] as Hex;
      const previous = journal[i + 1] as Uint8Array | PendingValue | null | undefined;
      if (previous === undefined) map.delete(key);
      else {
        map.set(key, previous);
        // pending again (a flush in the transaction may have encoded what was pending before it)
        if (previous instanceof PendingValue) this.pendingWrites++;
      }
    }
    this.journalLength = mark;
    this.openTransactions--;
  }

  /** Encodes this layer's pending values (the parent's stay as they are). */
  flush(): void {
    if (this.pendingWrites === 0) return;
    // replacing the value of a key the loop is at keeps the map's order and visits no key twice
    const map = this.map;
    map.forEach((value, key) => {
      if (value instanceof PendingValue) map.set(key, value.bytes());
    });
    this.pendingWrites = 0;
  }

  keys(prefix: Hex): Hex[] {
    const base = this.parent.keys(prefix);
    if (this.map.size === 0) return base;
    // only this layer's changes under the prefix matter: without any, the parent's sorted list stands as is
    // Over a block state, whether a changed key is in the parent's list is a point read (a few layers), not a set
    // of the whole list; over another overlay (dispatches nest, tests stack blocks of overlays) reads would walk
    // the whole stack, so the list is made a set once.
    const removed = new Set<Hex>();
    const added: Hex[] = [];
    const parent = this.parent;
    let baseSet: Set<Hex> | undefined;
    this.map.forEach((v, k) => {
      if (!k.startsWith(prefix)) return;
      let inBase: boolean;
      if (parent instanceof BlockState) inBase = parent.get(k) !== undefined;
      else {
        baseSet ??= new Set(base);
        inBase = baseSet.has(k);
      }
      if (v === null) {
        if (inBase) removed.add(k);
      } else if (!inBase) added.push(k);
    });
    if (removed.size === 0 && added.length === 0) return base;
    let keys = removed.size ? base.filter((k) => !removed.has(k)) : base.slice();
    if (added.length) {
      added.sort();
      keys = mergeSorted(keys, added);
    }
    return keys;
  }

  /**
   * Without changes under the prefix, the parent's list. With some, each key read through this layer: an overlay
   * is a block's or a dispatch's working set, and merging with the parent's lists at every level of a deep stack of
   * overlays would cost more than the reads.
   */
  values(prefix: Hex): Uint8Array[] {
    let touched = false;
    for (const k of this.map.keys()) {
      if (k.startsWith(prefix)) {
        touched = true;
        break;
      }
    }
    if (!touched) return valuesUnder(this.parent, prefix);
    return this.keys(prefix).map((k) => this.get(k)!);
  }

  child(): Overlay {
    return new Overlay(this);
  }

  /** Writes this overlay's changes into `target` (its parent overlay); pending values stay pending. */
  commitTo(target: Overlay): void {
    const map = target.map;
    for (const [k, v] of this.map) map.set(k, v);
    target.pendingWrites += this.pendingWrites;
  }
}
