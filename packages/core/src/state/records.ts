import type { PlainPhalaPalletsMiningPalletMinerState } from '@phala-mining/types';
import type { PoolDescriptionContent } from './poolDescription.js';

/**
 * Plain, codec-free shapes of the on-chain records the SDK reads. Balances are bigint planck, fixed-point values
 * their raw U64F64 bits, times unix seconds (bigint), accounts SS58 strings and worker keys 0x-hex.
 */

/** A queued withdrawal (`WithdrawInfo`). */
export interface WithdrawRequestInfo {
  /** SS58 address of the staker waiting to be paid out; each staker has at most one request per pool. */
  user: string;
  /** shares still to withdraw */
  shares: bigint;
  /** unix seconds of the block that queued it */
  startTime: bigint;
}

/** `PhalaStakePool.StakePools[pid]` plus the pool's whitelist and description. */
export interface PoolInfo {
  /** The pool's id, handed out in creation order (`PhalaStakePool.PoolCount`), starting at 0. */
  pid: bigint;
  /**
   * SS58 address of the account that created the pool. Only it manages workers, commission, cap, whitelist
   * and description, and it receives the commission.
   */
  owner: string;
  /** payout commission in Permill parts (None on chain = 0) */
  commission: number;
  /** claimable commission */
  ownerReward: bigint;
  /** undefined = unlimited */
  cap: bigint | undefined;
  /** U64F64 bits */
  rewardAcc: bigint;
  /**
   * Shares held by all stakers. A contribution buys shares at the price total stake ÷ total shares (the first
   * one gets one share per planck); rewards are paid out beside the stake, so the price only moves if the
   * pool is slashed.
   */
  totalShares: bigint;
  /** Everything staked in the pool, planck: free stake plus the stakes of mining and cooling-down workers. */
  totalStake: bigint;
  /**
   * Stake no worker holds, planck: what the owner can give a worker when starting it, and what withdrawals
   * are paid from at once.
   */
  freeStake: bigint;
  /** Stake of stopped workers still in their cooldown, planck; it turns free when the worker is reclaimed. */
  releasingStake: bigint;
  /** worker public keys, in the order they were added */
  workers: string[];
  /** Withdrawals waiting for free stake, oldest first; each is filled, in part if need be, as stake frees. */
  withdrawQueue: WithdrawRequestInfo[];
  /** undefined = anyone may contribute */
  whitelist: string[] | undefined;
  /**
   * The owner's description of the pool (`PoolDescriptions`, UTF-8, ≤ 4400 bytes): `{ kind: 'app', value }` when it
   * is the Phala App's JSON (telegram, discord, … `ann`, version 1), else `{ kind: 'text', text }` ('' when never
   * set). Both carry the stored `text`.
   */
  description: PoolDescriptionContent;
}

/** `PhalaStakePool.PoolStakers[(pid, account)]`. */
export interface StakerInfo {
  /** SS58 address of the staker. */
  user: string;
  /**
   * Stake attributed to the staker in this pool, planck. Across all pools it is what `StakeLedger` sums up
   * and the `phala/sp` balance lock holds in the staker's account.
   */
  locked: bigint;
  /** The staker's part of the pool's shares; worth shares × (total stake ÷ total shares) in planck. */
  shares: bigint;
  /**
   * Rewards already settled to the staker and not yet claimed, planck. Rewards accrued since the last
   * settlement come on top (see `rewardDebt`).
   */
  availableRewards: bigint;
  /**
   * The reward accumulator's value for these shares at the last settlement (shares × `rewardAcc`), planck:
   * the pending reward is shares × `rewardAcc` now minus this.
   */
  rewardDebt: bigint;
}

/** `PhalaRegistry.Workers[pubkey]`. */
export interface RegistryWorkerInfo {
  /** The worker's public key, 0x-hex: the sr25519 key its pRuntime registered with. */
  pubkey: string;
  /**
   * SS58 account the worker named as its operator when it registered; only that account may add the worker to
   * a pool, and it must own the pool. Undefined when none was given.
   */
  operator: string | undefined;
  /**
   * Trust level from the worker's SGX remote attestation, 1 (best) to 5. Levels 4 and 5 earn a smaller V
   * bonus per staked PHA, which raises Smax. 128 marks a worker registered by root or at genesis.
   */
  confidenceLevel: number;
  /** benchmark score P; undefined until the benchmark is reported */
  initialScore: number | undefined;
  /** Deprecated feature list from registration; the Phala App showed the first entry as the core count. */
  features: number[];
}

/**
 * `MinerState` as the runtime declares it (from @phala-mining/types), less index 2, `_Unused` (once MiningActive),
 * which stake pool v1 never sets; the UI shows MiningIdle as "Mining".
 */
export type MinerStateName = Exclude<PlainPhalaPalletsMiningPalletMinerState['type'], '_Unused'>;

/** `PhalaMining.Miners[subAccount]`. */
export interface MinerInfo {
  /** Where the miner is in its lifecycle: Ready → mining (idle or unresponsive) → cooling down → Ready. */
  state: MinerStateName;
  /** initial V, U64F64 bits */
  ve: bigint;
  /** last settled V, U64F64 bits */
  v: bigint;
  /** When `v` was last settled, unix seconds. */
  vUpdatedAt: bigint;
  /** Benchmark score P copied from the registry when mining started; the worker is judged against it. */
  pInit: number;
  /**
   * Performance measured from the worker's latest heartbeat (capped at 1.2 × the benchmark score); its share
   * of the block rewards is computed from this.
   */
  pInstant: number;
  /** unix seconds; meaningful in MiningCoolingDown only */
  coolDownStart: bigint;
  /** sum of payouts, planck */
  totalReward: bigint;
}

/** Free and locked balance of an account. */
export interface AccountBalance {
  /**
   * Free balance, planck (`System.Account`). It includes funds under locks such as the stake lock: a lock
   * limits spending, not this figure.
   */
  free: bigint;
  /** Reserved balance, planck: set aside by other pallets (deposits and the like); it cannot be staked. */
  reserved: bigint;
  /** `miscFrozen`: the largest lock */
  frozen: bigint;
  /** `PhalaStakePool.StakeLedger`: stake locked by all pools */
  lockedByPools: bigint;
  /** free − stake locks: what may still be contributed (as the Phala App computed it) */
  delegable: bigint;
}

/** Chain constants the validations use (from metadata, with Khala's values as fallback for older runtimes). */
export interface PoolConstants {
  /** Smallest contribution the pallet accepts (`MinContribution`), planck; 0.01 PHA on Khala. */
  minContribution: bigint;
  /** Most workers one pool may hold (`MaxPoolWorkers`); 200 on Khala. */
  maxPoolWorkers: number;
  /** seconds */
  gracePeriod: bigint;
  /** not exposed by the runtime: Khala's `MaxWhitelistLen` */
  maxWhitelistLength: number;
  /** not exposed by the runtime: Khala's description bound */
  maxDescriptionLength: number;
}
