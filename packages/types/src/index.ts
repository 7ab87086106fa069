/**
 * `@phala-mining/types`: importing it augments `@polkadot/api` with Khala's pallets (stake pool v1), so
 * `api.tx.phalaStakePool.contribute(pid, amount)` and `api.query.phalaStakePool.stakePools(pid)` are typed.
 */
import './augment.js';

export type * from './interfaces/lookup-exports.js';
export type * from './interfaces/storage.js';
export type * from './interfaces/types.js';
export {
  KHALA_SS58_FORMAT,
  KHALA_TOKEN_DECIMALS,
  KHALA_TOKEN_SYMBOL,
  khalaApiOptions,
  khalaChainProperties,
  khalaSignedExtensions,
  khalaTypes,
  PHA,
} from './network.js';
export type {
  StorageItem,
  StorageKeyArgs,
  StoragePallet,
  StorageRequestOf,
  StorageValue,
} from './storage.js';
