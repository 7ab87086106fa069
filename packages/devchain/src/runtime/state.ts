import type { Hex } from '../scale/types.js';
import type { StateReader } from './interface.js';
import { ENTRY_VALUE_BYTES, mergedValues, mergeSorted, packValues, SMALL_VALUE_BYTES } from './layerMaps.js';

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

/** `reader.values(prefix)`, or the values read key by key from a reader without it. */
export function valuesUnder(reader: StateReader, prefix: Hex): Uint8Array[] {
  return reader.values ? reader.values(prefix) : reader.keys(prefix).map((k) => reader.get(k)!);
}

/** Prefix queries a state remembers (storage items iterated per block are few). */
const MAX_CACHED_PREFIXES = 32;

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
    // inside a transaction of the target, its rollback undoes these writes too
    const journaled = target.openTransactions !== 0;
    for (const [k, v] of this.map) {
      if (journaled) target.record(k);
      map.set(k, v);
    }
    target.pendingWrites += this.pendingWrites;
  }
}
