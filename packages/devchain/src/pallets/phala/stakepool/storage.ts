import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { palletAccount } from '../../../runtime/accounts.js';
import { AccountId32 } from '../../../runtime/primitives.js';
import { storageOf } from '../../../runtime/storage.js';
import { bool, type Hex, tuple, u64, u128, vec } from '../../../scale/types.js';
import { DescriptionBoundedVec, PoolInfo, UserStakeInfo, WorkerPublicKey } from './types.js';

/** `MinContribution`: 0.01 PHA. */
export const MIN_CONTRIBUTION = 10_000_000_000n;
/** `GracePeriod`: 7 days, in seconds. */
export const GRACE_PERIOD = 604_800n;
export const MINING_ENABLED_BY_DEFAULT = false;
export const MAX_POOL_WORKERS = 200;
/** Longest contribution whitelist (`MAX_WHITELIST_LEN`, not exposed as a constant). */
export const MAX_WHITELIST_LEN = 100;

/** Balances lock id `phala/sp` under which contributions stay locked in the contributor's account. */
export const STAKING_LOCK_ID = u8aToHex(stringToU8a('phala/sp')) as Hex;

/** The mining subsidy pool (`phala/pp`): rewards are paid out of it only when claimed. */
export const SUBSIDY_POOL_ACCOUNT = palletAccount('phala/pp');

/**
 * The pool's mining sub-account for `(pid, worker)`: `spm/` followed by the first 28 bytes of
 * blake2_256(SCALE(pid) ‖ worker). All mining state of the worker while in this pool is keyed by it.
 */
export function poolSubAccount(pid: bigint, worker: Hex): Hex {
  const hash = blake2AsU8a(u8aConcat(u64.codec.enc(pid), hexToU8a(worker)), 256);
  return u8aToHex(u8aConcat(stringToU8a('spm/'), hash).subarray(0, 32)) as Hex;
}

const store = storageOf('PhalaStakePool');

export const StakePools = store.map('StakePools', 'Twox64Concat', u64, {
  value: PoolInfo,
  docs: [' Mapping from pool id to PoolInfo'],
});
export const PoolStakers = store.map('PoolStakers', 'Twox64Concat', tuple(u64, AccountId32), {
  value: UserStakeInfo,
  docs: [' Mapping from (pid, staker) to UserStakeInfo'],
});
export const PoolCount = store.value('PoolCount', {
  value: u64,
  default: 0n,
  docs: [' The number of total pools'],
});
export const WorkerAssignments = store.map('WorkerAssignments', 'Twox64Concat', WorkerPublicKey, {
  value: u64,
  docs: [
    ' Mapping from workers to the pool they belong to',
    '',
    ' The map entry lasts from `add_worker()` to `remove_worker()` or force unbinding.',
  ],
});
export const SubAccountAssignments = store.map('SubAccountAssignments', 'Twox64Concat', AccountId32, {
  value: u64,
  docs: [' (Deprecated)'],
});
export const StakeLedger = store.map('StakeLedger', 'Twox64Concat', AccountId32, {
  value: u128,
  docs: [" Mapping staker to it's the balance locked in all pools"],
});
export const WithdrawalQueuedPools = store.map('WithdrawalQueuedPools', 'Twox64Concat', u64, {
  value: vec(u64),
  docs: [' Mapping from the block timestamp to pools that has withdrawal requests queued in that block'],
});
export const WithdrawalTimestamps = store.value('WithdrawalTimestamps', {
  value: vec(u64),
  default: [] as bigint[],
  docs: [
    " Queue that contains all block's timestamp, in that block contains the waiting withdraw reqeust.",
    ' This queue has a max size of (T::GracePeriod * 8) bytes',
  ],
});
export const MiningEnabled = store.value('MiningEnabled', {
  value: bool,
  default: MINING_ENABLED_BY_DEFAULT,
  docs: [' Switch to enable the stake pool pallet (disabled by default)'],
});
export const SubAccountPreimages = store.map('SubAccountPreimages', 'Twox64Concat', AccountId32, {
  value: tuple(u64, WorkerPublicKey),
  docs: [' Helper storage to track the preimage of the mining sub-accounts. Not used in consensus.'],
});
export const PoolContributionWhitelists = store.map('PoolContributionWhitelists', 'Twox64Concat', u64, {
  value: vec(AccountId32),
  docs: [' Mapping for pools that specify certain stakers to contribute stakes'],
});
export const PoolDescriptions = store.map('PoolDescriptions', 'Twox64Concat', u64, {
  value: DescriptionBoundedVec,
  docs: [' Mapping for pools that store their descriptions set by owner'],
});
