/**
 * The stake pool's operations shared by its calls and by PhalaMining's callbacks: conversions to the math module's
 * records, the Balances ledger and lock, slashes, the withdrawal queue, rewards and mining start/stop.
 */
import {
  extractDust,
  hasExpiredWithdrawal,
  type PoolRecord,
  receiveReward,
  type StakerRecord,
  serveWithdrawQueue,
  type WithdrawalEffect,
} from '@phala-mining/math';
import { TREASURY_ACCOUNT } from '../../../runtime/accounts.js';
import type { Ext } from '../../../runtime/ext.js';
import { badOrigin, DispatchError, type Origin } from '../../../runtime/pallet.js';
import type { Hex } from '../../../scale/types.js';
import * as balances from '../../balances/index.js';
import * as mining from '../mining/index.js';
import { Declaration as PhalaStakePool } from './declaration.js';
import {
  GRACE_PERIOD,
  MiningEnabled,
  PoolStakers,
  poolSubAccount,
  STAKING_LOCK_ID,
  StakeLedger,
  StakePools,
  SUBSIDY_POOL_ACCOUNT,
  WithdrawalQueuedPools,
  WithdrawalTimestamps,
  WorkerAssignments,
} from './storage.js';
import type { PoolInfoValue, UserStakeInfoValue } from './types.js';

export function ensureSigned(origin: Origin): Hex {
  if (origin.kind !== 'signed') throw badOrigin();
  return origin.who;
}

/** `MiningSwitchOrigin` is root or half the council on Khala; the dev chain has no council, so root (via Sudo). */
export function ensureMiningSwitchOrigin(origin: Origin): void {
  if (origin.kind !== 'root') throw badOrigin();
}

export function ensurePool(ext: Ext, pid: bigint): PoolInfoValue {
  const pool = StakePools.get(ext.state, pid);
  if (pool === undefined) throw PhalaStakePool.error('PoolDoesNotExist');
  return pool;
}

export function ensureOwner(pool: PoolInfoValue, who: Hex): void {
  if (pool.owner !== who) throw PhalaStakePool.error('UnauthorizedPoolOwner');
}

// ---- conversions between storage records and the math module's records ----

export function toRecord(p: PoolInfoValue): PoolRecord {
  return {
    payoutCommission: p.payout_commission,
    ownerReward: p.owner_reward,
    rewardAcc: p.reward_acc,
    totalShares: p.total_shares,
    totalStake: p.total_stake,
    freeStake: p.free_stake,
    releasingStake: p.releasing_stake,
    withdrawQueue: p.withdraw_queue.map((r) => ({ user: r.user, shares: r.shares, startTime: r.start_time })),
  };
}

export function fromRecord(p: PoolInfoValue, r: PoolRecord): PoolInfoValue {
  return {
    ...p,
    owner_reward: r.ownerReward,
    reward_acc: r.rewardAcc,
    total_shares: r.totalShares,
    total_stake: r.totalStake,
    free_stake: r.freeStake,
    releasing_stake: r.releasingStake,
    withdraw_queue: r.withdrawQueue.map((q) => ({
      user: q.user as Hex,
      shares: q.shares,
      start_time: q.startTime,
    })),
  };
}

export function toStaker(u: UserStakeInfoValue): StakerRecord {
  return {
    user: u.user,
    locked: u.locked,
    shares: u.shares,
    availableRewards: u.available_rewards,
    rewardDebt: u.reward_debt,
  };
}

export function fromStaker(s: StakerRecord): UserStakeInfoValue {
  return {
    user: s.user as Hex,
    locked: s.locked,
    shares: s.shares,
    available_rewards: s.availableRewards,
    reward_debt: s.rewardDebt,
  };
}

export const U128_MAX = (1n << 128n) - 1n;
export const saturatingAdd = (a: bigint, b: bigint) => (a + b > U128_MAX ? U128_MAX : a + b);
export const saturatingSub = (a: bigint, b: bigint) => (a > b ? a - b : 0n);

// ---- ledger, lock, dust and slash ----

export function ledgerQuery(ext: { state: Ext['state'] }, who: Hex): bigint {
  return StakeLedger.get(ext.state, who) ?? 0n;
}

export function updateLock(ext: Ext, who: Hex, amount: bigint): void {
  if (amount === 0n) balances.removeLock(ext, STAKING_LOCK_ID, who);
  else balances.setLock(ext, STAKING_LOCK_ID, who, amount, 'All');
}

export function ledgerAccrue(ext: Ext, who: Hex, amount: bigint): void {
  const total = saturatingAdd(ledgerQuery(ext, who), amount);
  StakeLedger.set(ext.state, who, total);
  updateLock(ext, who, total);
}

export function ledgerReduce(ext: Ext, who: Hex, amount: bigint, dust: bigint): void {
  // The ledger entry stays (at 0) once a user has fully withdrawn, as on chain.
  const total = saturatingSub(ledgerQuery(ext, who), amount + dust);
  StakeLedger.set(ext.state, who, total);
  updateLock(ext, who, total);
  if (dust !== 0n) removeDust(ext, who, dust);
}

/** `OnSlashed = Treasury`: the slashed imbalance lands in the treasury account. */
export function slashToTreasury(ext: Ext, who: Hex, amount: bigint): bigint {
  const removed = balances.slash(ext, who, amount);
  if (removed > 0n) balances.deposit(ext, TREASURY_ACCOUNT, removed);
  return removed;
}

export function removeDust(ext: Ext, who: Hex, dust: bigint): void {
  const removed = slashToTreasury(ext, who, dust);
  PhalaStakePool.emit(ext, 'DustRemoved', { user: who, amount: removed });
}

/** A non-dust pending slash settled on a staker (never happens on Khala v1, where miners are never slashed). */
export function settleSlash(ext: Ext, pid: bigint, who: Hex, slashed: bigint): void {
  if (slashed === 0n) return;
  const removed = slashToTreasury(ext, who, slashed);
  ledgerReduce(ext, who, removed, 0n);
  PhalaStakePool.emit(ext, 'SlashSettled', { pid, user: who, amount: removed });
}

export function applyWithdrawal(ext: Ext, pid: bigint, w: WithdrawalEffect): void {
  const user = w.user as Hex;
  settleSlash(ext, pid, user, w.slashed);
  ledgerReduce(ext, user, w.amount, w.dust);
  PhalaStakePool.emit(ext, 'Withdrawal', { pid, user, amount: w.amount, shares: w.shares });
}

// ---- pool operations shared by calls and callbacks ----

/** `try_process_withdraw_queue`: fills queued requests from the free stake; persists the touched stakers. */
export function processWithdrawQueue(ext: Ext, pool: PoolInfoValue): PoolInfoValue {
  const pid = pool.pid;
  const users = new Map<string, StakerRecord>();
  for (const req of pool.withdraw_queue) {
    if (users.has(req.user)) continue;
    const info = PoolStakers.get(ext.state, [pid, req.user]);
    if (info !== undefined) users.set(req.user, toStaker(info));
  }
  const served = serveWithdrawQueue(toRecord(pool), users);
  for (const [user, record] of served.users)
    PoolStakers.set(ext.state, [pid, user as Hex], fromStaker(record));
  for (const w of served.withdrawals) applyWithdrawal(ext, pid, w);
  return fromRecord(pool, served.pool);
}

/** Records that `pid` got a queued request at `startTime`, for the forced-withdrawal check in `on_finalize`. */
export function maybeAddWithdrawQueue(ext: Ext, startTime: bigint, pid: bigint): void {
  const timestamps = [...WithdrawalTimestamps.get(ext.state)];
  const last = timestamps[timestamps.length - 1];
  if (last === undefined || last < startTime) timestamps.push(startTime);
  WithdrawalTimestamps.set(ext.state, timestamps);
  const pools = WithdrawalQueuedPools.get(ext.state, startTime);
  if (pools === undefined) WithdrawalQueuedPools.set(ext.state, startTime, [pid]);
  else if (!pools.includes(pid)) WithdrawalQueuedPools.set(ext.state, startTime, [...pools, pid]);
}

/** `handle_pool_new_reward`: commission to the owner, the rest into the accumulator (or dismissed). */
export function handlePoolNewReward(ext: Ext, pool: PoolInfoValue, reward: bigint): PoolInfoValue {
  const before = toRecord(pool);
  const after = handlePoolNewRewardRecord(ext, pool.pid, before, reward);
  return after === before ? pool : fromRecord(pool, after);
}

/**
 * `handle_pool_new_reward` on the math module's record of pool `pid`: the record after the reward (the same object
 * when nothing changed). A settlement pays a pool once per worker, so its rewards are applied record to record and
 * the pool converted back once (fromRecord of the last record is the pool the chain of single rewards gives).
 */
export function handlePoolNewRewardRecord(
  ext: Ext,
  pid: bigint,
  record: PoolRecord,
  reward: bigint,
): PoolRecord {
  if (reward <= 0n) return record;
  const { pool: next, distribution: d } = receiveReward(record, reward);
  if (d.dismissed === 'NoShare') {
    PhalaStakePool.emit(ext, 'RewardDismissedNoShare', { pid, amount: d.dismissedAmount });
    return record;
  }
  if (d.dismissed === 'Dust')
    PhalaStakePool.emit(ext, 'RewardDismissedDust', { pid, amount: d.dismissedAmount });
  if (d.rewardReceived)
    PhalaStakePool.emit(ext, 'RewardReceived', { pid, to_owner: d.toOwner, to_stakers: d.toStakers });
  return next;
}

/** Stake of a reclaimed miner returns to the pool's free stake, which then serves the withdraw queue. */
export function handleReclaim(ext: Ext, pid: bigint, originalStake: bigint, slashed: bigint): void {
  let pool = ensurePool(ext, pid);
  const returned = saturatingSub(originalStake, slashed);
  if (slashed !== 0n) {
    // Lowering total_stake (not shares) drops the share price; stakers settle the slash lazily.
    const amount = pool.total_stake < slashed ? pool.total_stake : slashed;
    const [remaining] = extractDust(pool.total_stake - amount);
    pool = { ...pool, total_stake: remaining };
    PhalaStakePool.emit(ext, 'PoolSlashed', { pid, amount: slashed });
  }
  pool = {
    ...pool,
    free_stake: saturatingAdd(pool.free_stake, returned),
    releasing_stake: saturatingSub(pool.releasing_stake, returned),
  };
  pool = processWithdrawQueue(ext, pool);
  StakePools.set(ext.state, pid, pool);
}

/** Removes a worker from whichever pool it is assigned to (graceful removal or forced unbinding). */
export function removeWorkerFromPool(ext: Ext, worker: Hex): void {
  const pid = WorkerAssignments.get(ext.state, worker);
  if (pid === undefined) return;
  WorkerAssignments.remove(ext.state, worker);
  const pool = StakePools.get(ext.state, pid);
  if (pool === undefined) return;
  StakePools.set(ext.state, pid, { ...pool, workers: pool.workers.filter((w) => w !== worker) });
  PhalaStakePool.emit(ext, 'PoolWorkerRemoved', { pid, worker });
}

export function doStartMining(ext: Ext, owner: Hex, pid: bigint, worker: Hex, stake: bigint): void {
  const pool = ensurePool(ext, pid);
  ensureOwner(pool, owner);
  if (pool.free_stake < stake) throw PhalaStakePool.error('InsufficientFreeStake');
  if (!pool.workers.includes(worker)) throw PhalaStakePool.error('WorkerDoesNotExist');
  mining.startMining(ext, poolSubAccount(pid, worker), stake);
  const fresh = ensurePool(ext, pid);
  StakePools.set(ext.state, pid, { ...fresh, free_stake: fresh.free_stake - stake });
  PhalaStakePool.emit(ext, 'MiningStarted', { pid, worker, amount: stake });
}

export function doStopMining(ext: Ext, owner: Hex, pid: bigint, worker: Hex): void {
  if (!MiningEnabled.get(ext.state)) throw PhalaStakePool.error('FeatureNotEnabled');
  const pool = ensurePool(ext, pid);
  ensureOwner(pool, owner);
  if (!pool.workers.includes(worker)) throw PhalaStakePool.error('WorkerDoesNotExist');
  // The mining pallet reports the released stake back through `onStopped`.
  mining.stopMining(ext, poolSubAccount(pid, worker));
}

/** `withdraw_subsidy_pool`: a keep-alive transfer out of `phala/pp`; any failure is the pallet's internal error. */
export function withdrawSubsidyPool(ext: Ext, target: Hex, amount: bigint): void {
  try {
    ext.transactional(() => balances.transfer(ext, SUBSIDY_POOL_ACCOUNT, target, amount, 'KeepAlive'));
  } catch (error) {
    if (error instanceof DispatchError) throw PhalaStakePool.error('InternalSubsidyPoolCannotWithdraw');
    throw error;
  }
}

/** `maybe_force_withdraw`: stops every worker of a pool whose oldest uncoverable request outlived the grace period. */
export function maybeForceWithdraw(ext: Ext, now: bigint): void {
  const timestamps = [...WithdrawalTimestamps.get(ext.state)];
  if (timestamps.length === 0) return;
  let changed = false;
  while (timestamps.length > 0) {
    const startTime = timestamps[0]!;
    if (now - startTime <= GRACE_PERIOD) break;
    const pids = WithdrawalQueuedPools.get(ext.state, startTime) ?? [];
    WithdrawalQueuedPools.remove(ext.state, startTime);
    for (const pid of pids) {
      const pool = StakePools.get(ext.state, pid);
      if (pool === undefined || !hasExpiredWithdrawal(toRecord(pool), now, GRACE_PERIOD)) continue;
      for (const worker of pool.workers) {
        try {
          ext.transactional(() => mining.stopMining(ext, poolSubAccount(pid, worker)));
        } catch (error) {
          // Workers that are not mining (Ready, cooling down) simply stay as they are.
          if (!(error instanceof DispatchError)) throw error;
        }
      }
    }
    timestamps.shift();
    changed = true;
  }
  if (changed) WithdrawalTimestamps.set(ext.state, timestamps);
}
