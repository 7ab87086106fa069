import { InputError } from '@phala-mining/errors';
import { expandMetadata, Metadata, TypeRegistry } from '@polkadot/types';
import { compactStripLength, stringCamelCase, u8aToHex } from '@polkadot/util';
import type { Hex } from '../scale/types.js';

export class StorageObjectError extends InputError {
  override readonly name = 'StorageObjectError' as const;
  readonly code = 'InvalidStorageObject' as const;
}

type StorageFn = ((...args: unknown[]) => Uint8Array) & {
  meta: {
    type: { isPlain: boolean; asPlain: { toNumber(): number }; asMap: { value: { toNumber(): number } } };
  };
};

/**
 * chopsticks' pallet-keyed storage form, encoded with the runtime's own metadata:
 * `{ System: { Account: [[['5Grw…'], { providers: 1, data: { free: 10n ** 15n } }]] }, Sudo: { Key: '5Grw…' } }`.
 * Plain items take a value; maps take `[keys, value]` pairs (keys as an array, one entry per key); `null`
 * deletes. Values replace what is stored (missing fields take their type's default).
 */
export class StorageObjectEncoder {
  private decorated: ReturnType<typeof expandMetadata> | undefined;
  private registry: TypeRegistry | undefined;

  constructor(private readonly metadata: () => Uint8Array) {}

  encode(values: unknown): Array<[Hex, Hex | null]> {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw new StorageObjectError('expected an object keyed by pallet name');
    }
    const out: Array<[Hex, Hex | null]> = [];
    for (const [pallet, items] of Object.entries(values)) {
      if (typeof items !== 'object' || items === null || Array.isArray(items)) {
        throw new StorageObjectError(`${pallet}: expected an object keyed by storage item name`);
      }
      for (const [item, value] of Object.entries(items)) out.push(...this.encodeItem(pallet, item, value));
    }
    return out;
  }

  private encodeItem(pallet: string, item: string, value: unknown): Array<[Hex, Hex | null]> {
    const { decorated, registry } = this.load();
    const entry = (decorated.query as Record<string, Record<string, unknown>>)[stringCamelCase(pallet)]?.[
      stringCamelCase(item)
    ] as StorageFn | undefined;
    if (!entry) throw new StorageObjectError(`unknown storage item ${pallet}.${item}`);
    const type = entry.meta.type;
    const encodeValue = (typeId: number, v: unknown): Hex | null =>
      v === null
        ? null
        : (u8aToHex(registry.createType(registry.createLookupType(typeId), v).toU8a()) as Hex);
    try {
      if (type.isPlain) return [[rawKey(entry()), encodeValue(type.asPlain.toNumber(), value)]];
      if (!Array.isArray(value))
        throw new StorageObjectError(`${pallet}.${item} is a map: pass [[keys, value], …]`);
      return value.map((pair, i) => {
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw new StorageObjectError(`${pallet}.${item}[${i}]: expected [keys, value | null]`);
        }
        const keys = Array.isArray(pair[0]) ? pair[0] : [pair[0]];
        return [mapKey(entry, keys), encodeValue(type.asMap.value.toNumber(), pair[1])] as [Hex, Hex | null];
      });
    } catch (error) {
      if (error instanceof StorageObjectError) throw error;
      throw new StorageObjectError(`${pallet}.${item}: ${(error as Error).message}`);
    }
  }

  private load() {
    if (!this.decorated || !this.registry) {
      const registry = new TypeRegistry();
      const metadata = new Metadata(registry, this.metadata());
      // Khala's extra signed extension, declared so @polkadot/types does not warn about it
      registry.setMetadata(metadata, undefined, { CheckMqSequence: { extrinsic: {}, payload: {} } }, true);
      this.registry = registry;
      this.decorated = expandMetadata(registry, metadata);
    }
    return { decorated: this.decorated, registry: this.registry };
  }
}

/** @polkadot/types returns keys with a compact length prefix. */
function rawKey(key: Uint8Array): Hex {
  return u8aToHex(compactStripLength(key)[1]) as Hex;
}

function mapKey(entry: StorageFn, keys: unknown[]): Hex {
  // single and double maps take their keys as arguments, n-maps as one array
  return rawKey(keys.length <= 2 ? entry(...keys) : entry(keys));
}
