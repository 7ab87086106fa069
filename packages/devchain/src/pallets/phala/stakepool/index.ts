/**
 * PhalaStakePool (index 88) as Khala runtime 1192 ran it: StakePool v1 — pools that pool stake from contributors,
 * bind workers to per-pool mining sub-accounts and share mining rewards through a reward accumulator.
 *
 * All numbers are decided by the pure StakePool v1 arithmetic in @phala-mining/math; the pallet owns storage, the
 * Balances lock/ledger, events and the order of the checks (which decides the error a failing call reports):
 * - declaration.ts: index, events, errors; storage.ts: constants and storage items
 * - impl.ts: operations shared by calls and callbacks; poolCalls.ts / stakingCalls.ts: the dispatchables
 * - hooks.ts: PhalaMining's callbacks (the runtime wires them as mining's Config)
 */
import { definePallet } from '../../../runtime/pallet.js';
import { bool, u32, u64, u128 } from '../../../scale/types.js';
import { Declaration } from './declaration.js';
import { maybeForceWithdraw } from './impl.js';
import { poolCalls } from './poolCalls.js';
import { stakingCalls } from './stakingCalls.js';
import {
  GRACE_PERIOD,
  MAX_POOL_WORKERS,
  MIN_CONTRIBUTION,
  MINING_ENABLED_BY_DEFAULT,
  MiningEnabled,
  PoolContributionWhitelists,
  PoolCount,
  PoolDescriptions,
  PoolStakers,
  StakeLedger,
  StakePools,
  SubAccountAssignments,
  SubAccountPreimages,
  WithdrawalQueuedPools,
  WithdrawalTimestamps,
  WorkerAssignments,
} from './storage.js';

export { onReward, onStopped, onUnbound, type SettleInfoLike } from './hooks.js';
export { ledgerQuery } from './impl.js';
export * from './storage.js';
export * from './types.js';

export const PhalaStakePool = definePallet({
  ...Declaration.spec,
  storage: [
    StakePools,
    PoolStakers,
    PoolCount,
    WorkerAssignments,
    SubAccountAssignments,
    StakeLedger,
    WithdrawalQueuedPools,
    WithdrawalTimestamps,
    MiningEnabled,
    SubAccountPreimages,
    PoolContributionWhitelists,
    PoolDescriptions,
  ],
  calls: { ...poolCalls, ...stakingCalls },
  constants: {
    MinContribution: { type: u128, value: MIN_CONTRIBUTION, docs: [] },
    GracePeriod: {
      type: u64,
      value: GRACE_PERIOD,
      docs: [' The grace period for force withdraw request, in seconds.'],
    },
    MiningEnabledByDefault: {
      type: bool,
      value: MINING_ENABLED_BY_DEFAULT,
      docs: [' If mining is enabled by default.'],
    },
    MaxPoolWorkers: { type: u32, value: MAX_POOL_WORKERS, docs: [' The max allowed workers in a pool'] },
  },
  onFinalize(ext) {
    maybeForceWithdraw(ext, ext.nowSeconds);
  },
  genesis(ext, config) {
    // The storage default stays Khala's `MiningEnabledByDefault` (false, as the metadata says); the dev chain's
    // genesis writes the switch explicitly, like the value live Khala held at 1192.
    if (config.miningEnabled) MiningEnabled.set(ext.state, true);
  },
});
