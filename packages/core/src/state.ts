/**
 * Plain, codec-free shapes of the on-chain records the SDK reads. Balances are bigint planck, fixed-point values
 * their raw U64F64 bits, times unix seconds (bigint), accounts SS58 strings and worker keys 0x-hex.
 */

/** A queued withdrawal (`WithdrawInfo`). */
export interface WithdrawRequestInfo {
  user: string;
  /** shares still to withdraw */
  shares: bigint;
  /** unix seconds of the block that queued it */
  startTime: bigint;
}

/** `PhalaStakePool.StakePools[pid]` plus the pool's whitelist and description. */
export interface PoolInfo {
  pid: bigint;
  owner: string;
  /** payout commission in Permill parts (None on chain = 0) */
  commission: number;
  /** claimable commission */
  ownerReward: bigint;
  /** undefined = unlimited */
  cap: bigint | undefined;
  /** U64F64 bits */
  rewardAcc: bigint;
  totalShares: bigint;
  totalStake: bigint;
  freeStake: bigint;
  releasingStake: bigint;
  /** worker public keys, in the order they were added */
  workers: string[];
  withdrawQueue: WithdrawRequestInfo[];
  /** undefined = anyone may contribute */
  whitelist: string[] | undefined;
  description: string;
}

/** `PhalaStakePool.PoolStakers[(pid, account)]`. */
export interface StakerInfo {
  user: string;
  locked: bigint;
  shares: bigint;
  availableRewards: bigint;
  rewardDebt: bigint;
}

/** `PhalaRegistry.Workers[pubkey]`. */
export interface RegistryWorkerInfo {
  pubkey: string;
  operator: string | undefined;
  confidenceLevel: number;
  /** benchmark score P; undefined until the benchmark is reported */
  initialScore: number | undefined;
  features: number[];
}

/** `MinerState`; the UI shows MiningIdle as "Mining". */
export type MinerStateName =
  | 'Ready'
  | 'MiningIdle'
  | 'MiningActive'
  | 'MiningUnresponsive'
  | 'MiningCoolingDown';

/** `PhalaMining.Miners[subAccount]`. */
export interface MinerInfo {
  state: MinerStateName;
  /** initial V, U64F64 bits */
  ve: bigint;
  /** last settled V, U64F64 bits */
  v: bigint;
  vUpdatedAt: bigint;
  pInit: number;
  pInstant: number;
  /** unix seconds; meaningful in MiningCoolingDown only */
  coolDownStart: bigint;
  /** sum of payouts, planck */
  totalReward: bigint;
}

/** Free and locked balance of an account. */
export interface AccountBalance {
  free: bigint;
  reserved: bigint;
  /** `miscFrozen`: the largest lock */
  frozen: bigint;
  /** `PhalaStakePool.StakeLedger`: stake locked by all pools */
  lockedByPools: bigint;
  /** free − stake locks: what may still be contributed (as the Phala App computed it) */
  delegable: bigint;
}
