/** What the chain said: the runtime's shape, storage layout and failed dispatches. */
import { CompatibilityError, InputError } from './base.js';

/**
 * The dispatch failed on chain with a module error (`section`, `errorName`, `docs`, `index`, `errorIndex`, `rule`),
 * or with any other error (`DispatchError`: `kind`, `detail` as JSON text, `blockHash?`): the family's one shape
 * each, the same classes @phala-mining/testing rejects with.
 */
export { DispatchError, PalletError } from '@phala-mining/errors';

/** The connected runtime lacks stake pool v1 (e.g. a StakePool v2 chain, or not a Phala chain). */
export class UnsupportedRuntimeError extends CompatibilityError {
  override readonly name = 'UnsupportedRuntimeError' as const;
  readonly code = 'UnsupportedRuntime' as const;
  constructor(
    /** The call or storage item the SDK needs and did not find, e.g. `phalaStakePool.contribute call`. */
    readonly missing: string,
    /** The runtime's spec name, e.g. `khala`. */
    readonly specName: string,
    /** The runtime's spec version; Khala ran stake pool v1 up to spec 1192. */
    readonly specVersion: number,
  ) {
    super(`runtime ${specName}/${specVersion} has no ${missing}: stake pool v1 is required`);
  }
}

/** The connected runtime has no such storage item (not a Khala stake pool v1 runtime, or a newer layout). */
export class MissingStorageError extends CompatibilityError {
  override readonly name = 'MissingStorageError' as const;
  readonly code = 'MissingStorage' as const;
  constructor(
    /** pallet name as in the metadata, e.g. `PhalaStakePool` */
    readonly pallet: string,
    /** storage item name as in the metadata, e.g. `StakePools` */
    readonly item: string,
  ) {
    super(`the runtime has no storage item ${pallet}.${item}`);
  }
}

/** A storage key was built with the wrong number of arguments (a programming error in the caller). */
export class StorageKeyArityError extends InputError {
  override readonly name = 'StorageKeyArityError' as const;
  readonly code = 'StorageKeyArity' as const;
  constructor(pallet: string, item: string, expected: number, got: number) {
    super(`${pallet}.${item} takes ${expected} key argument(s), got ${got}`);
  }
}
