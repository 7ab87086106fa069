import { compactFromU8a, compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, xxhashAsU8a } from '@polkadot/util-crypto';
import { type CanonicalCheck, canonicalCheck } from '../scale/canonical.js';
import { decodeAll, decodePrefix, decodeShared, type Hex, type ScaleType } from '../scale/types.js';
import { encodePacked } from '../scale/writer.js';
import type { StateReader } from './interface.js';
import { compositeKey, KeyCache } from './keyCache.js';
import { Overlay, PendingValue } from './state.js';

export type Hasher =
  | 'Blake2_128'
  | 'Blake2_256'
  | 'Blake2_128Concat'
  | 'Twox128'
  | 'Twox256'
  | 'Twox64Concat'
  | 'Identity';

export function hashKey(hasher: Hasher, data: Uint8Array): Uint8Array {
  switch (hasher) {
    case 'Blake2_128':
      return blake2AsU8a(data, 128);
    case 'Blake2_256':
      return blake2AsU8a(data, 256);
    case 'Blake2_128Concat':
      return u8aConcat(blake2AsU8a(data, 128), data);
    case 'Twox128':
      return xxhashAsU8a(data, 128);
    case 'Twox256':
      return xxhashAsU8a(data, 256);
    case 'Twox64Concat':
      return u8aConcat(xxhashAsU8a(data, 64), data);
    case 'Identity':
      return data;
  }
}

/** Bytes a hasher puts before the SCALE key (for decoding keys back). */
function hashPrefixLength(hasher: Hasher): number | undefined {
  if (hasher === 'Blake2_128Concat') return 16;
  if (hasher === 'Twox64Concat') return 8;
  if (hasher === 'Identity') return 0;
  return undefined;
}

/**
 * Substrate's `StorageValue::append` for a `Vec<T>` value: the length prefix is rewritten and the new item's
 * encoding added after the items already there, which are not decoded (decoding and re-encoding the list on every
 * push made a block's pushes quadratic). A value that does not start with a length is replaced, as Substrate does.
 */
export function appendToVec(state: Overlay, key: Hex, encodedItem: Uint8Array): void {
  const raw = state.get(key);
  let length: number | undefined;
  let offset = 0;
  if (raw) {
    try {
      const [used, count] = compactFromU8a(raw);
      [offset, length] = [used, count.toNumber()];
    } catch {
      length = undefined;
    }
  }
  if (raw === undefined || length === undefined) {
    state.set(key, u8aConcat(compactToU8a(1), encodedItem));
    return;
  }
  state.set(key, u8aConcat(compactToU8a(length + 1), raw.subarray(offset), encodedItem));
}

export function storagePrefix(pallet: string, item: string): Hex {
  return (
    BAKED_PREFIXES?.[`${pallet}:${item}`] ??
    (u8aToHex(u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(item, 128))) as Hex)
  );
}

/**
 * `storagePrefix` of the Khala runtime's items, by `pallet:item`, computed by the package build (tsup.config.ts):
 * every item's prefix is taken at module load, and two cold xxhashes each were milliseconds of every fresh
 * process's start. Undefined when running from source; any other item is hashed as before.
 */
declare const __PHALA_DEVCHAIN_STORAGE_PREFIXES__: string | undefined;
const BAKED_PREFIXES: Readonly<Record<string, Hex>> | undefined =
  typeof __PHALA_DEVCHAIN_STORAGE_PREFIXES__ === 'string'
    ? (JSON.parse(__PHALA_DEVCHAIN_STORAGE_PREFIXES__) as Record<string, Hex>)
    : undefined;

export interface StorageEntryMeta {
  pallet: string;
  name: string;
  modifier: 'Optional' | 'Default';
  hashers: Hasher[];
  keys: ScaleType<any>[];
  value: ScaleType<any>;
  /** encoded default (the metadata `fallback`) */
  fallback: Uint8Array;
  docs: string[];
}

interface ItemOptions<V> {
  value: ScaleType<V>;
  docs?: string[];
}

/**
 * Decoded values, while a block is being built (`withDecodedValues`). A block reads the same few values over and
 * over — a settlement reads the subsidy pool's and the treasury's accounts and TotalIssuance twice per settled
 * worker — and a read whose bytes are the very bytes read before is answered with the value decoded then. The bytes
 * of a value are never changed in place (a write stores new ones), and a value is a function of its bytes and its
 * item's type alone, so a hit is exactly what decoding would give, whatever the overlay, layer or rollback: no
 * invalidation is needed. A value written is kept as itself when it is exactly what its bytes decode to (plain
 * integer structs such as AccountInfo, see scale/canonical.ts): pending in the overlay (runtime/state.ts
 * PendingValue), read back without decoding and encoded once, when its bytes are needed. Values in the cache are
 * frozen (deeply) — one read, or one written, which the writer must not change afterwards — so a caller that
 * modified one throws instead of changing what the next reader sees; outside block building nothing is cached or
 * frozen.
 *
 * Each item keeps a few slots, chosen by the key's hashed part: recent values stay, and a block that reads 20,000
 * distinct miners keeps no more of them alive than 64.
 */
const SLOTS = 64;
let generation = 0;
let activeGeneration = 0;

/** one item's slot: rewritten in place when another value takes it (a block decodes 60,000 values into them) */
interface DecodedSlot {
  generation: number;
  bytes: Uint8Array;
  value: unknown;
}

/** Runs `fn` (one block's execution) with the decoded-value cache on; values cached before it are not reused. */
export function withDecodedValues<T>(fn: () => T): T {
  const previous = activeGeneration;
  activeGeneration = ++generation;
  try {
    return fn();
  } finally {
    activeGeneration = previous;
    // nothing decoded in a block outlives it (nor the bytes its slots point at)
    if (previous === 0) {
      for (const item of slotted) item.dropSlots();
      slotted.length = 0;
    }
  }
}

/** the items with slots since the outermost block began */
const slotted: Array<{ dropSlots(): void }> = [];

function slotOf(key: Hex): number {
  // the two hex digits after the 32-byte item prefix: the start of the hashed map key (0 for a plain value)
  if (key.length < 68) return 0;
  const hi = key.charCodeAt(66);
  const lo = key.charCodeAt(67);
  return (((hi & 15) + (hi > 57 ? 9 : 0)) * 16 + (lo & 15) + (lo > 57 ? 9 : 0)) & (SLOTS - 1);
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (typeof value[i] === 'object') deepFreeze(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const k in record) if (typeof record[k] === 'object') deepFreeze(record[k]);
  return value;
}

/** `Default` items read as this value when absent; `Optional` ones read as `undefined`. */
type Read<V, D extends boolean> = D extends true ? V : V | undefined;

abstract class StorageItemBase<V, D extends boolean> {
  readonly meta: StorageEntryMeta;
  readonly prefix: Hex;
  protected readonly defaultValue: V | undefined;

  constructor(
    pallet: string,
    name: string,
    hashers: Hasher[],
    keys: ScaleType<any>[],
    options: ItemOptions<V> & { default?: V },
  ) {
    const hasDefault = 'default' in options && options.default !== undefined;
    this.defaultValue = options.default;
    // encoded when first read: only metadata building reads it, and the package build ships the metadata prebuilt
    let fallback: Uint8Array | undefined;
    this.meta = {
      pallet,
      name,
      modifier: hasDefault ? 'Default' : 'Optional',
      hashers,
      keys,
      value: options.value,
      get fallback(): Uint8Array {
        fallback ??= hasDefault ? options.value.codec.enc(options.default as V) : new Uint8Array([0]);
        return fallback;
      },
      set fallback(bytes: Uint8Array) {
        fallback = bytes;
      },
      docs: options.docs ?? [],
    };
    this.prefix = storagePrefix(pallet, name);
  }

  private slots: Array<DecodedSlot | undefined> | undefined;

  private newSlots(): Array<DecodedSlot | undefined> {
    const slots: Array<DecodedSlot | undefined> = new Array(SLOTS);
    this.slots = slots;
    slotted.push(this);
    return slots;
  }

  /** @internal the end of a block's execution */
  dropSlots(): void {
    this.slots = undefined;
  }

  protected read(state: StateReader, key: Hex): Read<V, D> {
    const found = state instanceof Overlay ? state.lookup(key) : state.get(key);
    if (found === undefined) return this.defaultValue as Read<V, D>;
    // a value written in this block and not encoded yet: frozen, and exactly what its bytes will decode to
    if (found instanceof PendingValue) return found.value as V;
    const raw = found;
    const gen = activeGeneration;
    if (gen === 0) return decodeAll(this.meta.value, raw);
    const slots = this.slots ?? this.newSlots();
    const i = slotOf(key);
    const slot = slots[i];
    if (slot !== undefined && slot.bytes === raw && slot.generation === gen) return slot.value as V;
    // frozen before anyone sees it: its byte-array lists can then be written back as the bytes they came from
    const value = deepFreeze(decodeShared(this.meta.value, raw));
    if (slot === undefined) slots[i] = { generation: gen, bytes: raw, value };
    else {
      slot.generation = gen;
      slot.bytes = raw;
      slot.value = value;
    }
    return value;
  }

  /** whether a written value can stand for its bytes (see scale/canonical.ts); found on the first cached write */
  private canonical: CanonicalCheck | null | undefined;

  protected write(state: Overlay, key: Hex, value: V | undefined): void {
    if (value === undefined) {
      state.delete(key);
      return;
    }
    const gen = activeGeneration;
    if (gen === 0) {
      state.set(key, this.meta.value.codec.enc(value));
      return;
    }
    // The value written is what the next read of its bytes would decode (when it passes the check): it is kept
    // pending, frozen — the caller's object from now on — and encoded once, when its bytes are needed (a block
    // overwrites the same accounts and TotalIssuance tens of thousands of times), so the next reader gets it
    // without decoding and an overwritten value is never encoded.
    if (this.canonical === undefined) this.canonical = canonicalCheck(this.meta.value) ?? null;
    if (this.canonical?.(value)) {
      this.pendingEncoder ??= this.newPendingEncoder();
      state.setPending(key, new PendingValue(deepFreeze(value), this.pendingEncoder));
      return;
    }
    // otherwise encoded now, into a shared pack (scale/writer.ts)
    state.set(key, encodePacked(this.meta.value.codec, value));
  }

  /** encodes a pending value when its bytes are needed (into a shared pack, scale/writer.ts) */
  private pendingEncoder: ((value: unknown) => Uint8Array) | undefined;
  private newPendingEncoder(): (value: unknown) => Uint8Array {
    const codec = this.meta.value.codec;
    return (value) => encodePacked(codec, value as V);
  }
}

export class StorageValue<V, D extends boolean> extends StorageItemBase<V, D> {
  key(): Hex {
    return this.prefix;
  }
  get(state: StateReader): Read<V, D> {
    return this.read(state, this.prefix);
  }
  set(state: Overlay, value: V): void {
    this.write(state, this.prefix, value);
  }
  kill(state: Overlay): void {
    state.delete(this.prefix);
  }
  exists(state: StateReader): boolean {
    return state.get(this.prefix) !== undefined;
  }
}

/** A map with one hashed key (`StorageMap`); `K` is the key's JS value. */
export class StorageMap<K, V, D extends boolean> extends StorageItemBase<V, D> {
  private readonly hasher: Hasher;
  private readonly keyType: ScaleType<K>;

  constructor(
    pallet: string,
    name: string,
    hasher: Hasher,
    key: ScaleType<K>,
    options: ItemOptions<V> & { default?: V },
  ) {
    super(pallet, name, [hasher], [key], options);
    this.hasher = hasher;
    this.keyType = key;
  }

  private readonly keyCache = new KeyCache();
  key(k: K): Hex {
    const known = this.keyCache.known(k);
    if (known !== undefined) return known;
    // join makes one flat string; `+` makes a cons string, which a state's map flattens but keeps as a wrapper
    const hashed = u8aToHex(hashKey(this.hasher, this.keyType.codec.enc(k))).slice(2);
    return this.keyCache.remember(k, [this.prefix, hashed].join('') as Hex);
  }
  get(state: StateReader, k: K): Read<V, D> {
    return this.read(state, this.key(k));
  }
  set(state: Overlay, k: K, value: V): void {
    this.write(state, this.key(k), value);
  }
  remove(state: Overlay, k: K): void {
    state.delete(this.key(k));
  }
  has(state: StateReader, k: K): boolean {
    return state.get(this.key(k)) !== undefined;
  }
  /** Decodes the key part of a full storage key (only for concat hashers). */
  decodeKey(fullKey: Hex): K {
    const skip = hashPrefixLength(this.hasher);
    if (skip === undefined)
      throw new TypeError(`${this.meta.name}: keys hashed with ${this.hasher} cannot be decoded`);
    return decodeAll(this.keyType, hexToU8a(`0x${fullKey.slice(2 + 64 + skip * 2)}`));
  }
  entries(state: StateReader): Array<[K, V]> {
    return state.keys(this.prefix).map((k) => [this.decodeKey(k), decodeAll(this.meta.value, state.get(k)!)]);
  }
  keys(state: StateReader): K[] {
    return state.keys(this.prefix).map((k) => this.decodeKey(k));
  }
}

/** A map with several hashed keys (`StorageDoubleMap` / `StorageNMap`). */
export class StorageNMap<K extends unknown[], V, D extends boolean> extends StorageItemBase<V, D> {
  constructor(
    pallet: string,
    name: string,
    private readonly hasherList: Hasher[],
    private readonly keyTypes: ScaleType<any>[],
    options: ItemOptions<V> & { default?: V },
  ) {
    super(pallet, name, hasherList, keyTypes, options);
  }

  private readonly keyCache = new KeyCache();
  key(...k: K): Hex {
    const cacheKey = compositeKey(k);
    const known = cacheKey === undefined ? undefined : this.keyCache.known(cacheKey);
    if (known !== undefined) return known;
    // one flat string (see StorageMap.key)
    const parts: string[] = [this.prefix];
    for (let i = 0; i < k.length; i++)
      parts.push(u8aToHex(hashKey(this.hasherList[i]!, this.keyTypes[i]!.codec.enc(k[i]))).slice(2));
    const key = parts.join('') as Hex;
    return cacheKey === undefined ? key : this.keyCache.remember(cacheKey, key);
  }
  /** Prefix covering every entry whose first keys are `k`. */
  partialKey(...k: unknown[]): Hex {
    let out = this.prefix as string;
    for (let i = 0; i < k.length; i++)
      out += u8aToHex(hashKey(this.hasherList[i]!, this.keyTypes[i]!.codec.enc(k[i]))).slice(2);
    return out as Hex;
  }
  get(state: StateReader, ...k: K): Read<V, D> {
    return this.read(state, this.key(...k));
  }
  set(state: Overlay, value: V, ...k: K): void {
    this.write(state, this.key(...k), value);
  }
  remove(state: Overlay, ...k: K): void {
    state.delete(this.key(...k));
  }
  decodeKey(fullKey: Hex): K {
    let bytes = hexToU8a(`0x${fullKey.slice(2 + 64)}`);
    const out: unknown[] = [];
    for (let i = 0; i < this.keyTypes.length; i++) {
      const skip = hashPrefixLength(this.hasherList[i]!);
      if (skip === undefined)
        throw new TypeError(`${this.meta.name}: keys hashed with ${this.hasherList[i]} cannot be decoded`);
      const [value, used] = decodePrefix(this.keyTypes[i]!, bytes.subarray(skip));
      out.push(value);
      bytes = bytes.subarray(skip + used);
    }
    return out as K;
  }
  entries(state: StateReader, ...partial: unknown[]): Array<[K, V]> {
    return state
      .keys(this.partialKey(...partial))
      .map((k) => [this.decodeKey(k), decodeAll(this.meta.value, state.get(k)!)]);
  }
}

/** Declares the storage items of one pallet under its storage prefix. */
class PalletStorage {
  constructor(private readonly pallet: string) {}

  value<V>(name: string, options: ItemOptions<V> & { default: V }): StorageValue<V, true>;
  value<V>(name: string, options: ItemOptions<V>): StorageValue<V, false>;
  value<V>(name: string, options: ItemOptions<V> & { default?: V }) {
    return new StorageValue<V, boolean>(this.pallet, name, [], [], options);
  }

  map<K, V>(
    name: string,
    hasher: Hasher,
    key: ScaleType<K>,
    options: ItemOptions<V> & { default: V },
  ): StorageMap<K, V, true>;
  map<K, V>(
    name: string,
    hasher: Hasher,
    key: ScaleType<K>,
    options: ItemOptions<V>,
  ): StorageMap<K, V, false>;
  map<K, V>(name: string, hasher: Hasher, key: ScaleType<K>, options: ItemOptions<V> & { default?: V }) {
    return new StorageMap<K, V, boolean>(this.pallet, name, hasher, key, options);
  }

  nmap<K extends unknown[], V>(
    name: string,
    hashers: Hasher[],
    keys: ScaleType<any>[],
    options: ItemOptions<V>,
  ): StorageNMap<K, V, false> {
    return new StorageNMap<K, V, false>(this.pallet, name, hashers, keys, options);
  }
}

export function storageOf(pallet: string): PalletStorage {
  return new PalletStorage(pallet);
}

export type AnyStorageItem = StorageValue<any, any> | StorageMap<any, any, any> | StorageNMap<any, any, any>;
