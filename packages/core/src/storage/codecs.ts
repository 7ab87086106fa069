import type { StorageItem, StorageKeyArgs, StoragePallet, StorageValue } from '@phala-mining/types';
import type { ApiPromise } from '@polkadot/api';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { getDynamicBuilder, getLookupFn } from '@polkadot-api/metadata-builders';
import {
  Blake2128,
  Blake2128Concat,
  Blake2256,
  decAnyMetadata,
  Identity,
  Twox64Concat,
  Twox128,
  Twox256,
  unifyMetadata,
} from '@polkadot-api/substrate-bindings';
import { MissingStorageError, StorageKeyArityError, UnexpectedError } from '../errors/index.js';

/** A key argument as the item's key type takes it, or a `Uint8Array` taken as already SCALE-encoded. */
export type EncodedKeyArgs<A extends readonly unknown[]> = { [K in keyof A]: A[K] | Uint8Array };

/**
 * One storage item of the connected runtime: its key builder and value decoder, both derived from the runtime's
 * own metadata (so 1190's and 1192's layouts decode alike). Their types come from @phala-mining/types'
 * `KhalaStorage`, generated from the same metadata: a key argument or value field the runtime declares otherwise
 * does not compile.
 */
export interface StorageEntry<
  P extends StoragePallet = StoragePallet,
  I extends StorageItem<P> = StorageItem<P>,
> {
  /**
   * The full storage key. Each argument is either a plain value encoded with the key's type, or a `Uint8Array`
   * taken as already SCALE-encoded (for example the 32 bytes of an account id, which skips an SS58 round trip).
   */
  key(...args: EncodedKeyArgs<StorageKeyArgs<P, I>>): string;
  /**
   * Decodes a raw value into plain JavaScript (structs as objects with the metadata's field names, integers of 64
   * bits and more as bigint, enums as `{ type, value }`, accounts as SS58, byte arrays as 0x-hex). An absent value
   * gives the entry's default (`undefined` for optional entries).
   */
  decode(value: string | null): StorageValue<P, I>;
}

/** A storage entry seen through no particular item's types (for batches of different items). */
export interface UntypedStorageEntry {
  key(args: readonly unknown[]): string;
  decode(value: string | null): unknown;
}

type Hasher = (encoded: Uint8Array) => Uint8Array;

const HASHERS: Record<string, Hasher> = {
  Blake2128,
  Blake2256,
  Blake2128Concat,
  Twox128,
  Twox256,
  Twox64Concat,
  Identity,
};

/** Storage codecs of one runtime version. */
export class StorageCodecs {
  private readonly builder: ReturnType<typeof getDynamicBuilder>;
  private readonly lookup: ReturnType<typeof getLookupFn>;
  private readonly entries = new Map<string, UntypedStorageEntry>();

  constructor(metadata: Uint8Array) {
    this.lookup = getLookupFn(unifyMetadata(decAnyMetadata(metadata)));
    this.builder = getDynamicBuilder(this.lookup);
  }

  /** The storage item `pallet.name` (names as in the metadata: `PhalaStakePool`, `StakePools`). */
  entry<P extends StoragePallet, I extends StorageItem<P>>(pallet: P, name: I): StorageEntry<P, I> {
    const entry = this.untyped(pallet, name);
    return {
      key: (...args) => entry.key(args),
      // the dynamic codec decodes exactly what the generated KhalaStorage describes for this item
      decode: (value) => entry.decode(value) as StorageValue<P, I>,
    };
  }

  /** The same entry, untyped: the batch readers type a whole request list at once. */
  untyped(pallet: string, name: string): UntypedStorageEntry {
    const id = `${pallet}.${name}`;
    let entry = this.entries.get(id);
    if (!entry) {
      entry = this.build(pallet, name);
      this.entries.set(id, entry);
    }
    return entry;
  }

  private build(pallet: string, name: string): UntypedStorageEntry {
    const item = this.lookup.metadata.pallets
      .find((p) => p.name === pallet)
      ?.storage?.items.find((s) => s.name === name);
    if (!item) throw new MissingStorageError(pallet, name);
    const storage = this.builder.buildStorage(pallet, name);
    const prefix = storage.keys.enc();
    const hashers =
      item.type.tag === 'map'
        ? item.type.value.hashers.map((h) => HASHERS[h.tag] ?? unknownHasher(h.tag))
        : [];
    const argCodecs = storage.args.inner;
    const prefixBytes = hexToU8a(prefix);
    return {
      key: (args) => {
        if (args.length !== hashers.length)
          throw new StorageKeyArityError(pallet, name, hashers.length, args.length);
        if (args.length === 0) return prefix;
        const parts = args.map((arg, i) =>
          hashers[i]!(arg instanceof Uint8Array ? arg : argCodecs[i]!.enc(arg)),
        );
        return u8aToHex(u8aConcat(prefixBytes, ...parts));
      },
      decode: (value): unknown => (value === null ? storage.fallback : storage.value.dec(value)),
    };
  }
}

function unknownHasher(tag: string): never {
  throw new UnexpectedError(`the runtime uses a storage hasher the SDK does not know: ${tag}`);
}

// one set of codecs per runtime version: @polkadot/api replaces runtimeMetadata on an upgrade
const byMetadata = new WeakMap<object, StorageCodecs>();

/** The storage codecs of the runtime the API is connected to (built once per runtime version). */
export function storageCodecs(api: ApiPromise): StorageCodecs {
  const metadata = api.runtimeMetadata;
  let codecs = byMetadata.get(metadata);
  if (!codecs) {
    codecs = new StorageCodecs(metadata.toU8a());
    byMetadata.set(metadata, codecs);
  }
  return codecs;
}
