/**
 * Helpers over the generated `KhalaStorage` map (src/interfaces/storage.ts): the key arguments and decoded value of
 * a storage item named by pallet and item, as @polkadot-api/metadata-builders' dynamic codecs take and give them.
 * Types only: the SDK's raw-storage reads cost nothing more at run time for being typed.
 */
import type { KhalaStorage } from './interfaces/storage.js';

/** A pallet with storage, as the metadata names it (`PhalaStakePool`). */
export type StoragePallet = keyof KhalaStorage;

/** A storage item of `P`, as the metadata names it (`StakePools`). */
export type StorageItem<P extends StoragePallet> = keyof KhalaStorage[P] & string;

/** The arguments the key of `P.I` is built from, in order (`[]` for a plain item). */
export type StorageKeyArgs<P extends StoragePallet, I extends StorageItem<P>> = KhalaStorage[P][I] extends {
  keys: infer K extends unknown[];
}
  ? K
  : never;

/** The decoded value of `P.I`: `| undefined` when the item is optional and absent, its default otherwise. */
export type StorageValue<P extends StoragePallet, I extends StorageItem<P>> = KhalaStorage[P][I] extends {
  value: infer V;
}
  ? V
  : never;

/** `[pallet, item, ...key arguments]` for every storage item of the runtime. */
export type StorageRequestOf<P extends StoragePallet = StoragePallet> = {
  [Pallet in P]: {
    [Item in StorageItem<Pallet>]: readonly [
      pallet: Pallet,
      item: Item,
      ...args: StorageKeyArgs<Pallet, Item>,
    ];
  }[StorageItem<Pallet>];
}[P];
