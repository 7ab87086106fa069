/**
 * PhalaStakePool (index 88) as Khala runtime 1192 ran it: StakePool v1 — pools that pool stake from contributors,
 * bind workers to per-pool mining sub-accounts and share mining rewards through a reward accumulator.
 *
 * All numbers are decided by the pure StakePool v1 arithmetic in `../math`; this file owns storage, the Balances
 * lock/ledger, events and the order of the checks (which decides the error a failing call reports).
 */

import {
  contribute as contributeMath,
  extractDust,
  hasExpiredWithdrawal,
  isNondust,
  type PoolRecord,
  payoutBitsToPico,
  receiveReward,
  type StakerRecord,
  serveWithdrawQueue,
  settlePendingReward,
  type WithdrawalEffect,
  withdraw as withdrawMath,
  wrap128,
} from '@phala-mining/math';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { palletAccount, TREASURY_ACCOUNT } from '../../../runtime/accounts.js';
import type { Ext } from '../../../runtime/ext.js';
import { badOrigin, call, DispatchError, definePallet, type Origin } from '../../../runtime/pallet.js';
import { AccountId32, Permill } from '../../../runtime/primitives.js';
import { storageOf } from '../../../runtime/storage.js';
import { bool, type Hex, tuple, u32, u64, u128, vec } from '../../../scale/types.js';
import * as balances from '../../balances/index.js';
import * as mining from '../mining/index.js';
import * as registry from '../registry/index.js';
import {
  DescriptionBoundedVec,
  PoolInfo,
  type PoolInfoValue,
  UserStakeInfo,
  type UserStakeInfoValue,
  WorkerPublicKey,
} from './types.js';

export * from './types.js';

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

const pidArg = [u64, 'u64'] as const;
const workerArg = [WorkerPublicKey, 'WorkerPublicKey'] as const;
const balanceArg = [u128, 'BalanceOf<T>'] as const;
const accountArg = [AccountId32, 'T::AccountId'] as const;

function ensureSigned(origin: Origin): Hex {
  if (origin.kind !== 'signed') throw badOrigin();
  return origin.who;
}

/** `MiningSwitchOrigin` is root or half the council on Khala; the dev chain has no council, so root (via Sudo). */
function ensureMiningSwitchOrigin(origin: Origin): void {
  if (origin.kind !== 'root') throw badOrigin();
}

function ensurePool(ext: Ext, pid: bigint): PoolInfoValue {
  const pool = StakePools.get(ext.state, pid);
  if (pool === undefined) throw PhalaStakePool.error('PoolDoesNotExist');
  return pool;
}

function ensureOwner(pool: PoolInfoValue, who: Hex): void {
  if (pool.owner !== who) throw PhalaStakePool.error('UnauthorizedPoolOwner');
}

// ---- conversions between storage records and the math module's records ----

function toRecord(p: PoolInfoValue): PoolRecord {
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

function fromRecord(p: PoolInfoValue, r: PoolRecord): PoolInfoValue {
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

function toStaker(u: UserStakeInfoValue): StakerRecord {
  return {
    user: u.user,
    locked: u.locked,
    shares: u.shares,
    availableRewards: u.available_rewards,
    rewardDebt: u.reward_debt,
  };
}

function fromStaker(s: StakerRecord): UserStakeInfoValue {
  return {
    user: s.user as Hex,
    locked: s.locked,
    shares: s.shares,
    available_rewards: s.availableRewards,
    reward_debt: s.rewardDebt,
  };
}

const U128_MAX = (1n << 128n) - 1n;
const saturatingAdd = (a: bigint, b: bigint) => (a + b > U128_MAX ? U128_MAX : a + b);
const saturatingSub = (a: bigint, b: bigint) => (a > b ? a - b : 0n);

// ---- ledger, lock, dust and slash ----

export function ledgerQuery(ext: { state: Ext['state'] }, who: Hex): bigint {
  return StakeLedger.get(ext.state, who) ?? 0n;
}

function updateLock(ext: Ext, who: Hex, amount: bigint): void {
  if (amount === 0n) balances.removeLock(ext, STAKING_LOCK_ID, who);
  else balances.setLock(ext, STAKING_LOCK_ID, who, amount, 'All');
}

function ledgerAccrue(ext: Ext, who: Hex, amount: bigint): void {
  const total = saturatingAdd(ledgerQuery(ext, who), amount);
  StakeLedger.set(ext.state, who, total);
  updateLock(ext, who, total);
}

function ledgerReduce(ext: Ext, who: Hex, amount: bigint, dust: bigint): void {
  // The ledger entry stays (at 0) once a user has fully withdrawn, as on chain.
  const total = saturatingSub(ledgerQuery(ext, who), amount + dust);
  StakeLedger.set(ext.state, who, total);
  updateLock(ext, who, total);
  if (dust !== 0n) removeDust(ext, who, dust);
}

/** `OnSlashed = Treasury`: the slashed imbalance lands in the treasury account. */
function slashToTreasury(ext: Ext, who: Hex, amount: bigint): bigint {
  const removed = balances.slash(ext, who, amount);
  if (removed > 0n) balances.deposit(ext, TREASURY_ACCOUNT, removed);
  return removed;
}

function removeDust(ext: Ext, who: Hex, dust: bigint): void {
  const removed = slashToTreasury(ext, who, dust);
  PhalaStakePool.emit(ext, 'DustRemoved', { user: who, amount: removed });
}

/** A non-dust pending slash settled on a staker (never happens on Khala v1, where miners are never slashed). */
function settleSlash(ext: Ext, pid: bigint, who: Hex, slashed: bigint): void {
  if (slashed === 0n) return;
  const removed = slashToTreasury(ext, who, slashed);
  ledgerReduce(ext, who, removed, 0n);
  PhalaStakePool.emit(ext, 'SlashSettled', { pid, user: who, amount: removed });
}

function applyWithdrawal(ext: Ext, pid: bigint, w: WithdrawalEffect): void {
  const user = w.user as Hex;
  settleSlash(ext, pid, user, w.slashed);
  ledgerReduce(ext, user, w.amount, w.dust);
  PhalaStakePool.emit(ext, 'Withdrawal', { pid, user, amount: w.amount, shares: w.shares });
}

// ---- pool operations shared by calls and callbacks ----

/** `try_process_withdraw_queue`: fills queued requests from the free stake; persists the touched stakers. */
function processWithdrawQueue(ext: Ext, pool: PoolInfoValue): PoolInfoValue {
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
function maybeAddWithdrawQueue(ext: Ext, startTime: bigint, pid: bigint): void {
  const timestamps = [...WithdrawalTimestamps.get(ext.state)];
  const last = timestamps[timestamps.length - 1];
  if (last === undefined || last < startTime) timestamps.push(startTime);
  WithdrawalTimestamps.set(ext.state, timestamps);
  const pools = WithdrawalQueuedPools.get(ext.state, startTime);
  if (pools === undefined) WithdrawalQueuedPools.set(ext.state, startTime, [pid]);
  else if (!pools.includes(pid)) WithdrawalQueuedPools.set(ext.state, startTime, [...pools, pid]);
}

/** `handle_pool_new_reward`: commission to the owner, the rest into the accumulator (or dismissed). */
function handlePoolNewReward(ext: Ext, pool: PoolInfoValue, reward: bigint): PoolInfoValue {
  if (reward <= 0n) return pool;
  const { pool: record, distribution: d } = receiveReward(toRecord(pool), reward);
  const pid = pool.pid;
  if (d.dismissed === 'NoShare') {
    PhalaStakePool.emit(ext, 'RewardDismissedNoShare', { pid, amount: d.dismissedAmount });
    return pool;
  }
  if (d.dismissed === 'Dust')
    PhalaStakePool.emit(ext, 'RewardDismissedDust', { pid, amount: d.dismissedAmount });
  if (d.rewardReceived)
    PhalaStakePool.emit(ext, 'RewardReceived', { pid, to_owner: d.toOwner, to_stakers: d.toStakers });
  return fromRecord(pool, record);
}

/** Stake of a reclaimed miner returns to the pool's free stake, which then serves the withdraw queue. */
function handleReclaim(ext: Ext, pid: bigint, originalStake: bigint, slashed: bigint): void {
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
function removeWorkerFromPool(ext: Ext, worker: Hex): void {
  const pid = WorkerAssignments.get(ext.state, worker);
  if (pid === undefined) return;
  WorkerAssignments.remove(ext.state, worker);
  const pool = StakePools.get(ext.state, pid);
  if (pool === undefined) return;
  StakePools.set(ext.state, pid, { ...pool, workers: pool.workers.filter((w) => w !== worker) });
  PhalaStakePool.emit(ext, 'PoolWorkerRemoved', { pid, worker });
}

function doStartMining(ext: Ext, owner: Hex, pid: bigint, worker: Hex, stake: bigint): void {
  const pool = ensurePool(ext, pid);
  ensureOwner(pool, owner);
  if (pool.free_stake < stake) throw PhalaStakePool.error('InsufficientFreeStake');
  if (!pool.workers.includes(worker)) throw PhalaStakePool.error('WorkerDoesNotExist');
  mining.startMining(ext, poolSubAccount(pid, worker), stake);
  const fresh = ensurePool(ext, pid);
  StakePools.set(ext.state, pid, { ...fresh, free_stake: fresh.free_stake - stake });
  PhalaStakePool.emit(ext, 'MiningStarted', { pid, worker, amount: stake });
}

function doStopMining(ext: Ext, owner: Hex, pid: bigint, worker: Hex): void {
  if (!MiningEnabled.get(ext.state)) throw PhalaStakePool.error('FeatureNotEnabled');
  const pool = ensurePool(ext, pid);
  ensureOwner(pool, owner);
  if (!pool.workers.includes(worker)) throw PhalaStakePool.error('WorkerDoesNotExist');
  // The mining pallet reports the released stake back through `onStopped`.
  mining.stopMining(ext, poolSubAccount(pid, worker));
}

/** `withdraw_subsidy_pool`: a keep-alive transfer out of `phala/pp`; any failure is the pallet's internal error. */
function withdrawSubsidyPool(ext: Ext, target: Hex, amount: bigint): void {
  try {
    ext.transactional(() => balances.transfer(ext, SUBSIDY_POOL_ACCOUNT, target, amount, 'KeepAlive'));
  } catch (error) {
    if (error instanceof DispatchError) throw PhalaStakePool.error('InternalSubsidyPoolCannotWithdraw');
    throw error;
  }
}

/** `maybe_force_withdraw`: stops every worker of a pool whose oldest uncoverable request outlived the grace period. */
function maybeForceWithdraw(ext: Ext, now: bigint): void {
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

// ---- callbacks from PhalaMining ----

export interface SettleInfoLike {
  pubkey: Hex;
  /** U64F64 bits of the payout in PHA */
  payout: bigint;
}

/**
 * Mining rewards from a gatekeeper settlement. A worker no longer in any pool ends the handling of the whole batch
 * (Khala returns from the loop there, so later records of the same message are never credited).
 */
export function onReward(ext: Ext, settle: readonly SettleInfoLike[]): void {
  // A settlement carries a record per worker and a pool may have 200 of them: each pool is decoded once and
  // written once per message (nothing else reads StakePools meanwhile, so the result is the same).
  const touched = new Map<bigint, PoolInfoValue>();
  try {
    for (const info of settle) {
      const reward = payoutBitsToPico(info.payout);
      const pid = WorkerAssignments.get(ext.state, info.pubkey);
      if (pid === undefined) {
        PhalaStakePool.emit(ext, 'RewardDismissedNotInPool', { worker: info.pubkey, amount: reward });
        return;
      }
      const pool = touched.get(pid) ?? StakePools.get(ext.state, pid);
      if (pool === undefined) continue;
      touched.set(pid, handlePoolNewReward(ext, pool, reward));
    }
  } finally {
    for (const [pid, pool] of touched) StakePools.set(ext.state, pid, pool);
  }
}

/** A pool miner entered CoolingDown: its stake (minus any slash) is now releasing. */
export function onStopped(ext: Ext, worker: Hex, originalStake: bigint, slashed: bigint): void {
  const pid = WorkerAssignments.get(ext.state, worker);
  if (pid === undefined) return;
  const pool = StakePools.get(ext.state, pid);
  if (pool === undefined) return;
  const returned = saturatingSub(originalStake, slashed);
  StakePools.set(ext.state, pid, { ...pool, releasing_stake: saturatingAdd(pool.releasing_stake, returned) });
}

/** The operator unbound the worker in PhalaMining: it leaves its pool. */
export function onUnbound(ext: Ext, worker: Hex, _force: boolean): void {
  removeWorkerFromPool(ext, worker);
}

// ---- the pallet ----

export const PhalaStakePool = definePallet({
  name: 'PhalaStakePool',
  index: 88,
  path: 'phala_pallets::stakepool::pallet',
  alias: 'pallet_stakepool',
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
  calls: {
    create: call({
      index: 0,
      args: {},
      weight: 0n,
      docs: ['Creates a new stake pool'],
      dispatch(ext, origin) {
        const owner = ensureSigned(origin);
        const pid = PoolCount.get(ext.state);
        StakePools.set(ext.state, pid, {
          pid,
          owner,
          payout_commission: undefined,
          owner_reward: 0n,
          cap: undefined,
          reward_acc: 0n,
          total_shares: 0n,
          total_stake: 0n,
          free_stake: 0n,
          releasing_stake: 0n,
          workers: [],
          withdraw_queue: [],
        });
        PoolCount.set(ext.state, pid + 1n);
        PhalaStakePool.emit(ext, 'PoolCreated', { owner, pid });
      },
    }),
    add_worker: call({
      index: 1,
      args: { pid: pidArg, pubkey: workerArg },
      weight: 0n,
      docs: [
        'Adds a worker to a pool',
        '',
        'This will bind a worker to the corresponding pool sub-account. The binding will not be',
        'released until the worker is removed gracefully by `remove_worker()`, or a force unbind',
        'by the worker operator via `Mining::unbind()`.',
        '',
        'Requires:',
        '1. The worker is registered and benchmarked',
        '2. The worker is not bound a pool',
      ],
      dispatch(ext, origin, { pid, pubkey }) {
        const owner = ensureSigned(origin);
        const info = registry.Workers.get(ext.state, pubkey);
        if (info === undefined) throw PhalaStakePool.error('WorkerNotRegistered');
        if (info.operator !== owner) throw PhalaStakePool.error('UnauthorizedOperator');
        if (info.initial_score === undefined) throw PhalaStakePool.error('BenchmarkMissing');
        const pool = ensurePool(ext, pid);
        ensureOwner(pool, owner);
        if (pool.workers.includes(pubkey)) throw PhalaStakePool.error('WorkerExists');
        if (pool.workers.length + 1 > MAX_POOL_WORKERS) throw PhalaStakePool.error('WorkersExceedLimit');
        const miner = poolSubAccount(pid, pubkey);
        try {
          ext.transactional(() => mining.bind(ext, miner, pubkey));
        } catch (error) {
          if (error instanceof DispatchError) throw PhalaStakePool.error('FailedToBindMinerAndWorker');
          throw error;
        }
        // Kept even after the worker leaves: Khala never deletes miner records, nor their preimages.
        SubAccountPreimages.set(ext.state, miner, [pid, pubkey]);
        StakePools.set(ext.state, pid, { ...pool, workers: [...pool.workers, pubkey] });
        WorkerAssignments.set(ext.state, pubkey, pid);
        PhalaStakePool.emit(ext, 'PoolWorkerAdded', { pid, worker: pubkey, miner });
      },
    }),
    remove_worker: call({
      index: 2,
      args: { pid: pidArg, worker: workerArg },
      weight: 0n,
      docs: [
        'Removes a worker from a pool',
        '',
        'Requires:',
        '1. The worker is registered',
        '2. The worker is associated with a pool',
        '3. The worker is removable (not in mining)',
      ],
      dispatch(ext, origin, { pid, worker }) {
        const who = ensureSigned(origin);
        const pool = ensurePool(ext, pid);
        ensureOwner(pool, who);
        const assigned = WorkerAssignments.get(ext.state, worker);
        if (assigned === undefined) throw PhalaStakePool.error('WorkerDoesNotExist');
        if (assigned !== pid) throw PhalaStakePool.error('WorkerInAnotherPool');
        const subAccount = poolSubAccount(pid, worker);
        const miner = mining.Miners.get(ext.state, subAccount);
        if (miner === undefined) throw PhalaStakePool.error('MinerDoesNotExist');
        if (miner.state !== 'Ready') throw PhalaStakePool.error('WorkerIsNotReady');
        mining.unbindMiner(ext, subAccount, false);
        removeWorkerFromPool(ext, worker);
      },
    }),
    set_cap: call({
      index: 3,
      args: { pid: pidArg, cap: balanceArg },
      weight: 0n,
      docs: [
        'Sets the hard cap of the pool',
        '',
        'Note: a smaller cap than current total_stake if not allowed.',
        'Requires:',
        '1. The sender is the owner',
      ],
      dispatch(ext, origin, { pid, cap }) {
        const owner = ensureSigned(origin);
        const pool = ensurePool(ext, pid);
        ensureOwner(pool, owner);
        if (pool.total_stake > cap) throw PhalaStakePool.error('InadequateCapacity');
        StakePools.set(ext.state, pid, { ...pool, cap });
        PhalaStakePool.emit(ext, 'PoolCapacitySet', { pid, cap });
      },
    }),
    set_payout_pref: call({
      index: 4,
      args: { pid: pidArg, payout_commission: [Permill, 'Permill'] },
      weight: 0n,
      docs: ['Change the pool commission rate', '', 'Requires:', '1. The sender is the owner'],
      dispatch(ext, origin, { pid, payout_commission }) {
        const owner = ensureSigned(origin);
        const pool = ensurePool(ext, pid);
        ensureOwner(pool, owner);
        StakePools.set(ext.state, pid, { ...pool, payout_commission });
        PhalaStakePool.emit(ext, 'PoolCommissionSet', { pid, commission: payout_commission });
      },
    }),
    add_staker_to_whitelist: call({
      index: 5,
      args: { pid: pidArg, staker: accountArg },
      weight: 0n,
      docs: [
        'Add a staker accountid to contribution whitelist.',
        '',
        "Calling this method will forbide stakers contribute who isn't in the whitelist.",
        'The caller must be the owner of the pool.',
        "If a pool hasn't registed in the wihtelist map, any staker could contribute as what they use to do.",
        'The whitelist has a lmit len of 100 stakers.',
      ],
      dispatch(ext, origin, { pid, staker }) {
        const owner = ensureSigned(origin);
        const pool = ensurePool(ext, pid);
        ensureOwner(pool, owner);
        const whitelist = PoolContributionWhitelists.get(ext.state, pid);
        if (whitelist !== undefined) {
          if (whitelist.includes(staker)) throw PhalaStakePool.error('AlreadyInContributeWhitelist');
          if (whitelist.length >= MAX_WHITELIST_LEN) throw PhalaStakePool.error('ExceedWhitelistMaxLen');
          PoolContributionWhitelists.set(ext.state, pid, [...whitelist, staker]);
        } else {
          PoolContributionWhitelists.set(ext.state, pid, [staker]);
          PhalaStakePool.emit(ext, 'PoolWhitelistCreated', { pid });
        }
        PhalaStakePool.emit(ext, 'PoolWhitelistStakerAdded', { pid, staker });
      },
    }),
    set_pool_description: call({
      index: 6,
      args: { pid: pidArg, description: [DescriptionBoundedVec, 'BoundedVec<u8, DescMaxLen>'] },
      weight: 0n,
      docs: ['Add a description to the pool', '', 'The caller must be the owner of the pool.'],
      dispatch(ext, origin, { pid, description }) {
        const owner = ensureSigned(origin);
        const pool = ensurePool(ext, pid);
        ensureOwner(pool, owner);
        PoolDescriptions.set(ext.state, pid, description);
      },
    }),
    remove_staker_from_whitelist: call({
      index: 7,
      args: { pid: pidArg, staker: accountArg },
      weight: 0n,
      docs: [
        'Remove a staker accountid to contribution whitelist.',
        '',
        'The caller must be the owner of the pool.',
        'If the last staker in the whitelist is removed, the pool will return back to a normal pool that allow anyone to contribute.',
      ],
      dispatch(ext, origin, { pid, staker }) {
        const owner = ensureSigned(origin);
        const pool = ensurePool(ext, pid);
        ensureOwner(pool, owner);
        const whitelist = PoolContributionWhitelists.get(ext.state, pid);
        if (whitelist === undefined) throw PhalaStakePool.error('NoWhitelistCreated');
        if (!whitelist.includes(staker)) throw PhalaStakePool.error('NotInContributeWhitelist');
        const remaining = whitelist.filter((a) => a !== staker);
        if (remaining.length === 0) {
          PoolContributionWhitelists.remove(ext.state, pid);
          PhalaStakePool.emit(ext, 'PoolWhitelistStakerRemoved', { pid, staker });
          PhalaStakePool.emit(ext, 'PoolWhitelistDeleted', { pid });
        } else {
          PoolContributionWhitelists.set(ext.state, pid, remaining);
          PhalaStakePool.emit(ext, 'PoolWhitelistStakerRemoved', { pid, staker });
        }
      },
    }),
    force_assign_reward: call({
      index: 8,
      args: { reward_arr: [vec(tuple(u64, u128)), 'Vec<(u64, BalanceOf<T>)>'] },
      weight: 0n,
      docs: [
        'Manually assign rewards to pools by miningSwitchOrigin for fixing issue 763',
        '',
        'Requires:',
        '1. The caller is root',
        '2. Assigned pool must currently exist',
        '3. Reward is positive',
      ],
      dispatch(ext, origin, { reward_arr }) {
        ensureMiningSwitchOrigin(origin);
        for (const [pid, reward] of reward_arr) {
          const pool = ensurePool(ext, pid);
          StakePools.set(ext.state, pid, handlePoolNewReward(ext, pool, reward));
        }
      },
    }),
    claim_owner_rewards: call({
      index: 9,
      args: { pid: pidArg, target: accountArg },
      weight: 0n,
      docs: [
        "Claims pool-owner's pending rewards of the sender and send to the `target`",
        '',
        'The rewards associate to sender\'s "staker role" will not be claimed',
        '',
        'Requires:',
        '1. The sender is a pool owner',
      ],
      dispatch(ext, origin, { pid, target }) {
        const who = ensureSigned(origin);
        const pool = ensurePool(ext, pid);
        ensureOwner(pool, who);
        const rewards = pool.owner_reward;
        if (rewards === 0n) throw PhalaStakePool.error('NoRewardToClaim');
        withdrawSubsidyPool(ext, target, rewards);
        StakePools.set(ext.state, pid, { ...pool, owner_reward: 0n });
        PhalaStakePool.emit(ext, 'OwnerRewardsWithdrawn', { pid, user: who, amount: rewards });
      },
    }),
    claim_staker_rewards: call({
      index: 10,
      args: { pid: pidArg, target: accountArg },
      weight: 0n,
      docs: [
        "Claims staker's pending rewards of the sender and send to the `target`",
        '',
        'The rewards associate to sender\'s "owner role" will not be claimed',
        '',
        'Requires:',
        '',
        '1. The sender is a staker',
      ],
      dispatch(ext, origin, { pid, target }) {
        const who = ensureSigned(origin);
        const pool = ensurePool(ext, pid);
        const info = PoolStakers.get(ext.state, [pid, who]);
        if (info === undefined) throw PhalaStakePool.error('NoRewardToClaim');
        const settled = settlePendingReward(toRecord(pool), toStaker(info));
        const rewards = settled.availableRewards;
        if (rewards === 0n) throw PhalaStakePool.error('NoRewardToClaim');
        withdrawSubsidyPool(ext, target, rewards);
        PoolStakers.set(ext.state, [pid, who], fromStaker({ ...settled, availableRewards: 0n }));
        PhalaStakePool.emit(ext, 'StakerRewardsWithdrawn', { pid, user: who, amount: rewards });
      },
    }),
    claim_rewards: call({
      index: 11,
      args: { pid: pidArg, target: accountArg },
      weight: 0n,
      docs: [
        'Claims all the pending rewards of the sender and send to the `target`',
        '',
        'Requires:',
        '',
        '1. The sender is a pool owner or staker',
      ],
      dispatch(ext, origin, { pid, target }) {
        const who = ensureSigned(origin);
        let pool = ensurePool(ext, pid);
        let rewards = 0n;
        if (who === pool.owner) {
          rewards += pool.owner_reward;
          pool = { ...pool, owner_reward: 0n };
        }
        const info = PoolStakers.get(ext.state, [pid, who]);
        let settled: StakerRecord | undefined;
        if (info !== undefined) {
          settled = settlePendingReward(toRecord(pool), toStaker(info));
          rewards += settled.availableRewards;
          settled = { ...settled, availableRewards: 0n };
        }
        if (rewards === 0n) throw PhalaStakePool.error('NoRewardToClaim');
        withdrawSubsidyPool(ext, target, rewards);
        StakePools.set(ext.state, pid, pool);
        if (settled !== undefined) PoolStakers.set(ext.state, [pid, who], fromStaker(settled));
        PhalaStakePool.emit(ext, 'RewardsWithdrawn', { pid, user: who, amount: rewards });
      },
    }),
    contribute: call({
      index: 12,
      args: { pid: pidArg, amount: balanceArg },
      weight: 0n,
      docs: [
        'Contributes some stake to a pool',
        '',
        'Requires:',
        '1. The pool exists',
        "2. After the deposit, the pool doesn't reach the cap",
      ],
      dispatch(ext, origin, { pid, amount }) {
        const who = ensureSigned(origin);
        ext.transactional(() => {
          const pool = ensurePool(ext, pid);
          const whitelist = PoolContributionWhitelists.get(ext.state, pid);
          if (whitelist !== undefined && !whitelist.includes(who) && pool.owner !== who) {
            throw PhalaStakePool.error('NotInContributeWhitelist');
          }
          if (amount < MIN_CONTRIBUTION) throw PhalaStakePool.error('InsufficientContribution');
          // Khala subtracts without a check (release build: wrapping), and ignores locks other than its own ledger.
          const available = wrap128(balances.freeBalance(ext.state, who) - ledgerQuery(ext, who));
          if (available < amount) throw PhalaStakePool.error('InsufficientBalance');
          if (!(pool.total_shares === 0n || pool.total_stake > 0n))
            throw PhalaStakePool.error('PoolBankrupt');

          const existing = PoolStakers.get(ext.state, [pid, who]);
          const result = contributeMath(toRecord(pool), existing && toStaker(existing), who, amount);
          settleSlash(ext, pid, who, result.slashed);
          PoolStakers.set(ext.state, [pid, who], fromStaker(result.user));
          ledgerAccrue(ext, who, amount);
          const updated = processWithdrawQueue(ext, fromRecord(pool, result.pool));
          if (updated.cap !== undefined && updated.total_stake > updated.cap) {
            throw PhalaStakePool.error('StakeExceedsCapacity');
          }
          StakePools.set(ext.state, pid, updated);
          PhalaStakePool.emit(ext, 'Contribution', { pid, user: who, amount, shares: result.shares });
        });
      },
    }),
    withdraw: call({
      index: 13,
      args: { pid: pidArg, shares: balanceArg },
      weight: 0n,
      docs: [
        'Demands the return of some stake from a pool.',
        '',
        'Note: there are two scenarios people may meet',
        '',
        '- if the pool has free stake and the amount of the free stake is greater than or equal',
        '    to the withdrawal amount (e.g. pool.free_stake >= amount), the withdrawal would',
        '    take effect immediately.',
        '- else the withdrawal would be queued and delayed until there is enough free stake.',
      ],
      dispatch(ext, origin, { pid, shares }) {
        const who = ensureSigned(origin);
        const info = PoolStakers.get(ext.state, [pid, who]);
        if (info === undefined) throw PhalaStakePool.error('PoolStakeNotFound');
        if (!(isNondust(shares) && shares <= info.shares))
          throw PhalaStakePool.error('InvalidWithdrawalAmount');
        const pool = ensurePool(ext, pid);
        const now = ext.nowSeconds;
        const result = withdrawMath(toRecord(pool), toStaker(info), shares, now);
        if (result.withdrawal !== undefined) applyWithdrawal(ext, pid, result.withdrawal);
        if (result.queuedShares > 0n) {
          maybeAddWithdrawQueue(ext, now, pid);
          PhalaStakePool.emit(ext, 'WithdrawalQueued', { pid, user: who, shares: result.queuedShares });
        }
        PoolStakers.set(ext.state, [pid, who], fromStaker(result.user));
        StakePools.set(ext.state, pid, fromRecord(pool, result.pool));
      },
    }),
    start_mining: call({
      index: 14,
      args: { pid: pidArg, worker: workerArg, stake: balanceArg },
      weight: 0n,
      docs: [
        'Starts a miner on behalf of the stake pool',
        '',
        'Requires:',
        '1. The miner is bound to the pool and is in Ready state',
        '2. The remaining stake in the pool can cover the minimal stake required',
      ],
      dispatch(ext, origin, { pid, worker, stake }) {
        const owner = ensureSigned(origin);
        doStartMining(ext, owner, pid, worker, stake);
      },
    }),
    stop_mining: call({
      index: 15,
      args: { pid: pidArg, worker: workerArg },
      weight: 0n,
      docs: [
        'Stops a miner on behalf of the stake pool',
        'Note: this would let miner enter CoolingDown if everything is good',
        '',
        'Requires:',
        '1. There miner is bound to the pool and is in a stoppable state',
      ],
      dispatch(ext, origin, { pid, worker }) {
        const owner = ensureSigned(origin);
        doStopMining(ext, owner, pid, worker);
      },
    }),
    reclaim_pool_worker: call({
      index: 16,
      args: { pid: pidArg, worker: workerArg },
      weight: 0n,
      docs: ['Reclaims the releasing stake of a miner in a pool.'],
      dispatch(ext, origin, { pid, worker }) {
        ensureSigned(origin);
        ensurePool(ext, pid);
        const { originalStake, slashed } = mining.reclaim(ext, poolSubAccount(pid, worker), true);
        handleReclaim(ext, pid, originalStake, slashed);
        PhalaStakePool.emit(ext, 'WorkerReclaimed', { pid, worker, original_stake: originalStake });
      },
    }),
    set_mining_enable: call({
      index: 17,
      args: { enable: [bool, 'bool'] },
      weight: 0n,
      docs: ['Enables or disables mining. Must be called with the council or root permission.'],
      dispatch(ext, origin, { enable }) {
        ensureMiningSwitchOrigin(origin);
        MiningEnabled.set(ext.state, enable);
      },
    }),
    reconcile_withdraw_queue: call({
      index: 18,
      args: { pid: pidArg, account: accountArg },
      weight: 195_000_000n,
      docs: ['Temporary function to reconcile incorrect withdraw queue (issue 527).'],
      dispatch(ext, origin, { pid, account }) {
        ensureSigned(origin);
        const pool = ensurePool(ext, pid);
        const info = PoolStakers.get(ext.state, [pid, account]);
        if (info === undefined) throw PhalaStakePool.error('PoolStakeNotFound');
        const [available] = extractDust(info.shares);
        const idx = pool.withdraw_queue.findIndex((req) => req.user === account && req.shares > available);
        if (idx < 0) return;
        const queue = [...pool.withdraw_queue];
        if (available === 0n) queue.splice(idx, 1);
        else queue[idx] = { ...queue[idx]!, shares: available };
        StakePools.set(ext.state, pid, { ...pool, withdraw_queue: queue });
      },
    }),
    restart_mining: call({
      index: 19,
      args: { pid: pidArg, worker: workerArg, stake: balanceArg },
      weight: 195_000_000n,
      docs: ['Restart the miner with a higher stake'],
      dispatch(ext, origin, { pid, worker, stake }) {
        const owner = ensureSigned(origin);
        ext.transactional(() => {
          const pool = ensurePool(ext, pid);
          if (pool.free_stake === 0n) throw PhalaStakePool.error('InsufficientFreeStake');
          doStopMining(ext, owner, pid, worker);
          const { originalStake, slashed } = mining.reclaim(ext, poolSubAccount(pid, worker), false);
          handleReclaim(ext, pid, originalStake, slashed);
          PhalaStakePool.emit(ext, 'WorkerReclaimed', { pid, worker, original_stake: originalStake });
          if (stake <= saturatingSub(originalStake, slashed))
            throw PhalaStakePool.error('CannotRestartWithLessStake');
          doStartMining(ext, owner, pid, worker, stake);
        });
      },
    }),
  },
  events: {
    PoolCreated: {
      index: 0,
      fields: { owner: accountArg, pid: pidArg },
      docs: [
        'A pool is created under an owner',
        '',
        'Affected states:',
        '- a new entry in [`StakePools`] with the pid',
      ],
    },
    PoolCommissionSet: {
      index: 1,
      fields: { pid: pidArg, commission: [u32, 'u32'] },
      docs: [
        'The commission of a pool is updated',
        '',
        'The commission ratio is represented by an integer. The real value is',
        '`commission / 1_000_000u32`.',
        '',
        'Affected states:',
        '- the `payout_commission` field in [`StakePools`] is updated',
      ],
    },
    PoolCapacitySet: {
      index: 2,
      fields: { pid: pidArg, cap: balanceArg },
      docs: [
        'The stake capacity of the pool is updated',
        '',
        'Affected states:',
        '- the `cap` field in [`StakePools`] is updated',
      ],
    },
    PoolWorkerAdded: {
      index: 3,
      fields: { pid: pidArg, worker: workerArg, miner: accountArg },
      docs: [
        'A worker is added to the pool',
        '',
        'Affected states:',
        '- the `worker` is added to the vector `workers` in [`StakePools`]',
        '- the worker in the [`WorkerAssignments`] is pointed to `pid`',
        '- the worker-miner binding is updated in `mining` pallet ([`WorkerBindings`](mining::pallet::WorkerBindings),',
        '  [`MinerBindings`](mining::pallet::MinerBindings))',
      ],
    },
    Contribution: {
      index: 4,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg, shares: balanceArg },
      docs: [
        'Someone contributed to a pool',
        '',
        'Affected states:',
        '- the stake related fields in [`StakePools`]',
        '- the user staking account at [`PoolStakers`]',
        '- the locking ledger of the contributor at [`StakeLedger`]',
        '- when there was any request in the withdraw queue, the action may trigger withdrawals',
        '  ([`Withdrawal`](#variant.Withdrawal) event)',
      ],
    },
    Withdrawal: {
      index: 5,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg, shares: balanceArg },
      docs: [
        'Some stake was withdrawn from a pool',
        '',
        'The lock in [`Balances`](pallet_balances::pallet::Pallet) is updated to release the',
        'locked stake.',
        '',
        'Affected states:',
        '- the stake related fields in [`StakePools`]',
        '- the user staking account at [`PoolStakers`]',
        '- the locking ledger of the contributor at [`StakeLedger`]',
      ],
    },
    RewardsWithdrawn: {
      index: 6,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg },
      docs: [
        'Pending rewards were withdrawn by a user',
        '',
        'The reward and slash accumulator is resolved, and the reward is sent to the user',
        'account.',
        '',
        'Affected states:',
        '- the stake related fields in [`StakePools`]',
        '- the user staking account at [`PoolStakers`]',
      ],
    },
    OwnerRewardsWithdrawn: {
      index: 7,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg },
      docs: [
        'Similar to event `RewardsWithdrawn` but only affected states:',
        ' - the stake related fields in [`StakePools`]',
      ],
    },
    StakerRewardsWithdrawn: {
      index: 8,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg },
      docs: [
        'Similar to event `ewardsWithdrawn` but only affected states:',
        ' - the user staking account at [`PoolStakers`]',
      ],
    },
    PoolSlashed: {
      index: 9,
      fields: { pid: pidArg, amount: balanceArg },
      docs: [
        'The pool received a slash event from one of its workers (currently disabled)',
        '',
        'The slash is accured to the pending slash accumulator.',
      ],
    },
    SlashSettled: {
      index: 10,
      fields: { pid: pidArg, user: accountArg, amount: balanceArg },
      docs: ['Some slash is actually settled to a contributor (currently disabled)'],
    },
    RewardDismissedNotInPool: {
      index: 11,
      fields: { worker: workerArg, amount: balanceArg },
      docs: [
        'Some reward is dismissed because the worker is no longer bound to a pool',
        '',
        "There's no affected state.",
      ],
    },
    RewardDismissedNoShare: {
      index: 12,
      fields: { pid: pidArg, amount: balanceArg },
      docs: [
        "Some reward is dismissed because the pool doesn't have any share",
        '',
        "There's no affected state.",
      ],
    },
    RewardDismissedDust: {
      index: 13,
      fields: { pid: pidArg, amount: balanceArg },
      docs: [
        'Some reward is dismissed because the amount is too tiny (dust)',
        '',
        "There's no affected state.",
      ],
    },
    DustRemoved: {
      index: 14,
      fields: { user: accountArg, amount: balanceArg },
      docs: [
        'Some dust stake is removed',
        '',
        'Triggered when the remaining stake of a user is too small after withdrawal or slash.',
        '',
        'Affected states:',
        '- the balance of the locking ledger of the contributor at [`StakeLedger`] is set to 0',
        "- the user's dust stake is moved to treasury",
      ],
    },
    PoolWorkerRemoved: {
      index: 15,
      fields: { pid: pidArg, worker: workerArg },
      docs: [
        'A worker is removed from a pool.',
        '',
        'Affected states:',
        '- the worker item in [`WorkerAssignments`] is removed',
        '- the worker is removed from the [`StakePools`] item',
      ],
    },
    WithdrawalQueued: {
      index: 16,
      fields: { pid: pidArg, user: accountArg, shares: balanceArg },
      docs: [
        'A withdrawal request is inserted to a queue',
        '',
        'Affected states:',
        '- a new item is inserted to or an old item is being replaced by the new item in the',
        '  withdraw queue in [`StakePools`]',
      ],
    },
    PoolWhitelistCreated: {
      index: 17,
      fields: { pid: pidArg },
      docs: [
        'A pool contribution whitelist is added',
        '- lazy operated when the first staker is added to the whitelist',
      ],
    },
    PoolWhitelistDeleted: {
      index: 18,
      fields: { pid: pidArg },
      docs: [
        'The pool contribution whitelist is deleted',
        '- lazy operated when the last staker is removed from the whitelist',
      ],
    },
    PoolWhitelistStakerAdded: {
      index: 19,
      fields: { pid: pidArg, staker: accountArg },
      docs: ['A staker is added to the pool contribution whitelist'],
    },
    PoolWhitelistStakerRemoved: {
      index: 20,
      fields: { pid: pidArg, staker: accountArg },
      docs: ['A staker is removed from the pool contribution whitelist'],
    },
    WorkerReclaimed: {
      index: 21,
      fields: { pid: pidArg, worker: workerArg, original_stake: balanceArg },
      docs: ['A worker is reclaimed from the pool'],
    },
    RewardReceived: {
      index: 22,
      fields: { pid: pidArg, to_owner: balanceArg, to_stakers: balanceArg },
      docs: ['The amount of reward that distributed to owner and stakers'],
    },
    MiningStarted: {
      index: 23,
      fields: { pid: pidArg, worker: workerArg, amount: balanceArg },
      docs: ['The amount of stakes for a worker to start mine'],
    },
  },
  errors: [
    ['WorkerNotRegistered', 'The worker is not registered in the registry when adding to the pool'],
    ['BenchmarkMissing', "The worker doesn't have a valid benchmark when adding to the pool"],
    ['WorkerExists', 'The worker is already added to the pool'],
    ['WorkerDoesNotExist', 'The target worker is not in the pool'],
    ['WorkerInAnotherPool', 'The worker is already added to another pool'],
    [
      'UnauthorizedOperator',
      "The owner of the pool doesn't have the access to the worker\n\nThe access to a worker is granted by it's `operator` parameter set by `register_worker`",
    ],
    ['UnauthorizedPoolOwner', 'The caller is not the owner of the pool'],
    ['InadequateCapacity', 'The stake capacity is set too low to cover the existing stake'],
    ['StakeExceedsCapacity', 'The stake added to a pool exceeds its capacity'],
    ['PoolDoesNotExist', "The specified pool doesn't exist"],
    '_PoolIsBusy',
    ['InsufficientContribution', 'The contributed stake is smaller than the minimum threshold'],
    ['InsufficientBalance', 'Trying to contribute more than the available balance'],
    ['PoolStakeNotFound', "The user doesn't have stake in a pool"],
    ['InsufficientFreeStake', "Cannot start mining because there's no enough free stake"],
    ['InvalidWithdrawalAmount', 'The withdrawal amount is too small (considered as dust)'],
    ['FailedToBindMinerAndWorker', "Couldn't bind worker and the pool mining subaccount"],
    [
      'InternalSubsidyPoolCannotWithdraw',
      'Internal error: Cannot withdraw from the subsidy pool. This should never happen.',
    ],
    [
      'PoolBankrupt',
      'The pool has already got all the stake completely slashed.\n\nIn this case, no more funds can be contributed to the pool until all the pending slash\nhas been resolved.',
    ],
    ['NoRewardToClaim', "There's no pending reward to claim"],
    ['FeatureNotEnabled', 'The StakePool is not enabled yet.'],
    [
      'WorkersExceedLimit',
      'Failed to add a worker because the number of the workers exceeds the upper limit.',
    ],
    ['CannotRestartWithLessStake', 'Restarted with a less stake is not allowed in the tokenomic.'],
    ['InvalidForceRewardAmount', 'Invalid amount of balance input when force reward.'],
    [
      'NotInContributeWhitelist',
      "Invalid staker to contribute because origin isn't in Pool's contribution whitelist.",
    ],
    [
      'AlreadyInContributeWhitelist',
      'Can not add the staker to whitelist because the staker is already in whitelist.',
    ],
    ['ExceedWhitelistMaxLen', 'Too many stakers in contribution whitelist that exceed the limit'],
    ['NoWhitelistCreated', "The pool hasn't have a whitelist created"],
    ['ExceedMaxDescriptionLen', 'Too long for pool description length'],
    // 1191+: remove_worker only takes Ready workers. The docs are those the same errors carry in Khala's later
    // PhalaStakePoolv2 metadata, where "miner" became "session".
    ['MinerDoesNotExist', 'The target miner is not in the \t`miner` storage'],
    ['WorkerIsNotReady', 'The target worker is not reclaimed and can not be removed from a pool.'],
  ],
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
