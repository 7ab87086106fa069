import { call, DispatchError } from '../../../runtime/pallet.js';
import { Permill } from '../../../runtime/primitives.js';
import { tuple, u64, u128, vec } from '../../../scale/types.js';
import * as mining from '../mining/index.js';
import * as registry from '../registry/index.js';
import { accountArg, balanceArg, Declaration as PhalaStakePool, pidArg, workerArg } from './declaration.js';
import {
  ensureMiningSwitchOrigin,
  ensureOwner,
  ensurePool,
  ensureSigned,
  handlePoolNewReward,
  removeWorkerFromPool,
} from './impl.js';
import {
  MAX_POOL_WORKERS,
  MAX_WHITELIST_LEN,
  PoolContributionWhitelists,
  PoolCount,
  PoolDescriptions,
  poolSubAccount,
  StakePools,
  SubAccountPreimages,
  WorkerAssignments,
} from './storage.js';
import { DescriptionBoundedVec } from './types.js';

export const poolCalls = {
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
};
