/** PhalaStakePool's calls for stake and mining: rewards, contributions, withdrawals, start/stop, the switch. */
import {
  contribute as contributeMath,
  extractDust,
  isNondust,
  type StakerRecord,
  settlePendingReward,
  withdraw as withdrawMath,
  wrap128,
} from '@phala-mining/math';
import { call } from '../../../runtime/pallet.js';
import { bool } from '../../../scale/types.js';
import * as balances from '../../balances/index.js';
import * as mining from '../mining/index.js';

import { accountArg, balanceArg, Declaration as PhalaStakePool, pidArg, workerArg } from './declaration.js';
import {
  applyWithdrawal,
  doStartMining,
  doStopMining,
  ensureMiningSwitchOrigin,
  ensureOwner,
  ensurePool,
  ensureSigned,
  fromRecord,
  fromStaker,
  handleReclaim,
  ledgerAccrue,
  ledgerQuery,
  maybeAddWithdrawQueue,
  processWithdrawQueue,
  saturatingSub,
  settleSlash,
  toRecord,
  toStaker,
  withdrawSubsidyPool,
} from './impl.js';
import {
  MIN_CONTRIBUTION,
  MiningEnabled,
  PoolContributionWhitelists,
  PoolStakers,
  poolSubAccount,
  StakePools,
} from './storage.js';

export const stakingCalls = {
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
        if (!(pool.total_shares === 0n || pool.total_stake > 0n)) throw PhalaStakePool.error('PoolBankrupt');

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
};
