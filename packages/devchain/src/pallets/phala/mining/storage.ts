/** PhalaMining's Config items (wired by the runtime), storage items and constants. */

import { palletAccount } from '../../../runtime/accounts.js';
import { configKey } from '../../../runtime/config.js';
import type { Ext } from '../../../runtime/ext.js';
import { AccountId32, Sr25519Public } from '../../../runtime/primitives.js';
import { storageOf } from '../../../runtime/storage.js';
import { bool, type Hex, u32, u64, u128 } from '../../../scale/types.js';
import { MinerInfo, type MinerStateValue, TokenomicParameters as TokenomicParametersType } from './types.js';

export const PALLET = 'PhalaMining';

/** One record of a gatekeeper settlement as the reward handler sees it. */
export interface SettleReward {
  pubkey: Hex;
  /** U64F64 bits of the payout in PHA */
  payout: bigint;
}

/**
 * PhalaMining's upward Config items (`OnReward`, `OnStopped`, `OnUnbound` in `pallet_mining::Config`): the runtime
 * points them at the stake pool.
 */
export interface MiningConfig {
  /** a settlement paid these workers */
  onReward(ext: Ext, settle: readonly SettleReward[]): void;
  /** a miner entered CoolingDown with `originalStake`, of which `slashed` is lost */
  onStopped(ext: Ext, worker: Hex, originalStake: bigint, slashed: bigint): void;
  /** the operator unbound the worker (`force`: it was still mining) */
  onUnbound(ext: Ext, worker: Hex, force: boolean): void;
}

export const MiningConfigKey = configKey<MiningConfig>(PALLET);
const store = storageOf(PALLET);

export const TokenomicParameters = store.value('TokenomicParameters', {
  value: TokenomicParametersType,
  docs: [' Tokenomic parameters used by Gatekeepers to compute the V promote.'],
});
export const ScheduledTokenomicUpdate = store.value('ScheduledTokenomicUpdate', {
  value: TokenomicParametersType,
  docs: [' The scheduled new tokenomic params to update at the end of this block.'],
});
export const OnlineMiners = store.value('OnlineMiners', {
  value: u32,
  default: 0,
  docs: [
    ' Total online miners including MiningIdle and MiningUnresponsive workers.',
    '',
    ' Increased when a miner is turned to MiningIdle; decreased when turned to CoolingDown.',
  ],
});
export const ExpectedHeartbeatCount = store.value('ExpectedHeartbeatCount', {
  value: u32,
  docs: [' The expected heartbeat count at every block (default: 20)'],
});
/** Added in 1192 (v0.1.19-2.1) for the StakePool v2 migration. */
export const HeartbeatPaused = store.value('HeartbeatPaused', {
  value: bool,
  default: false,
  docs: [" Won't sent heartbeat challenges to the the worker if enabled."],
});
export const Miners = store.map('Miners', 'Twox64Concat', AccountId32, {
  value: MinerInfo,
  docs: [
    ' The miner state.',
    '',
    ' The miner state is created when a miner is bounded with a worker, but it will be kept even',
    ' if the worker is force unbound. A re-bind of a worker will reset the mining state.',
  ],
});
export const MinerBindings = store.map('MinerBindings', 'Twox64Concat', AccountId32, {
  value: Sr25519Public,
  docs: [' The bound worker for a miner account'],
});
export const WorkerBindings = store.map('WorkerBindings', 'Twox64Concat', Sr25519Public, {
  value: AccountId32,
  docs: [' The bound miner account for a worker'],
});
export const CoolDownPeriod = store.value('CoolDownPeriod', {
  value: u64,
  default: 0n,
  docs: [' The cool down period (in sec)'],
});
export const NextSessionId = store.value('NextSessionId', {
  value: u32,
  default: 0,
  docs: [' The next id to assign to a mining session'],
});
export const MiningStartBlock = store.value('MiningStartBlock', {
  value: u32,
  docs: [' The block number when the mining starts. Used to calculate halving.'],
});
export const MiningHalvingInterval = store.value('MiningHalvingInterval', {
  value: u32,
  docs: [' The interval of halving (75% decay) in block number.'],
});
export const Stakes = store.map('Stakes', 'Twox64Concat', AccountId32, {
  value: u128,
  docs: [' The stakes of miner accounts.', '', ' Only presents for mining and cooling down miners.'],
});

/** The mining subsidy pool account (`PalletId(*b"phala/pp")`): rewards are paid from it. */
export const SUBSIDY_POOL_ACCOUNT: Hex = palletAccount('phala/pp');
/** `CoolDownPeriod` written by Khala's migration and by the dev chain's genesis: 7 days. */
export const DEFAULT_COOL_DOWN_PERIOD = 604_800n;
/** Khala's `MiningHalvingInterval`: 180 days of 12 s blocks. */
export const KHALA_HALVING_INTERVAL = 1_296_000;
/** `ExpectedBlockTimeSec`. */
export const EXPECTED_BLOCK_TIME_SEC = 12;
/** Subject of the randomness that seeds heartbeat challenges (`utils/constants.rs`). */
export const RANDOMNESS_SUBJECT = 'PhalaPoW';

export const isMining = (state: MinerStateValue) =>
  state === 'MiningIdle' || state === '_Unused' || state === 'MiningUnresponsive';
export const canUnbind = (state: MinerStateValue) => state === 'Ready' || state === 'MiningCoolingDown';
