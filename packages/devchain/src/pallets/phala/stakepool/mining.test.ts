import { describe, expect, it } from 'vitest';
import {
  advance,
  alice,
  bob,
  callStakePool as call,
  charlie,
  DAY,
  dave,
  err,
  expectFailure,
  names,
  stakePoolExt as newExt,
  own,
  PHA,
  poolWithWorkers,
  root,
  signed,
  worker,
} from '../../../../test/helpers/palletTest.js';
import type { Ext } from '../../../runtime/ext.js';
import { Miners, Mining, Stakes } from '../mining/index.js';
import * as registry from '../registry/index.js';
import {
  GRACE_PERIOD,
  MiningEnabled,
  onReward,
  onUnbound,
  PhalaStakePool,
  poolSubAccount,
  StakePools,
  WithdrawalQueuedPools,
  WithdrawalTimestamps,
  WorkerAssignments,
} from './index.js';

const W1 = worker(1);
const W2 = worker(2);
const W3 = worker(3);
const miningErr = (name: Parameters<typeof Mining.error>[0]) => Mining.error(name);
const pool = (ext: Ext, pid: bigint) => StakePools.get(ext.state, pid)!;
const enableMining = (ext: Ext) => call(ext, root, 'set_mining_enable', { enable: true });

/** Alice owns pool 0 with W1 and W2 (p = 100, Smin = 1000 PHA); Alice and Bob each contributed 1000 PHA. */
function miningPool(ext: Ext) {
  const pid = poolWithWorkers(ext, alice, [W1, W2]);
  call(ext, signed(alice), 'contribute', { pid, amount: 1000n * PHA });
  call(ext, signed(bob), 'contribute', { pid, amount: 1000n * PHA });
  return pid;
}

const finalize = (ext: Ext) => {
  const start = ext.events.length;
  ext.phase = 'Finalization';
  PhalaStakePool.spec.onFinalize!(ext);
  ext.phase = { tag: 'ApplyExtrinsic', value: 1 };
  return ext.events.slice(start).map((r) => `${r.event.tag}.${r.event.value.tag}`);
};

describe('mining on behalf of the pool', () => {
  it('start_mining: checks in order, mining errors pass through, not gated by MiningEnabled', () => {
    const ext = newExt();
    const pid = miningPool(ext);
    const args = { pid, worker: W1, stake: 1000n * PHA };
    expectFailure(ext, signed(alice), 'start_mining', { ...args, pid: 9n }, err('PoolDoesNotExist'));
    expectFailure(ext, signed(bob), 'start_mining', args, err('UnauthorizedPoolOwner'));
    expectFailure(
      ext,
      signed(alice),
      'start_mining',
      { ...args, stake: 2000n * PHA + 1n },
      err('InsufficientFreeStake'),
    );
    expectFailure(ext, signed(alice), 'start_mining', { ...args, worker: W3 }, err('WorkerDoesNotExist'));
    expectFailure(
      ext,
      signed(alice),
      'start_mining',
      { ...args, stake: 999n * PHA },
      miningErr('InsufficientStake'),
    );
    expect(MiningEnabled.get(ext.state)).toBe(false);
    const ev = call(ext, signed(alice), 'start_mining', args);
    expect(own(ev)).toEqual([['MiningStarted', { pid, worker: W1, amount: 1000n * PHA }]]);
    expect(pool(ext, pid).free_stake).toBe(1000n * PHA);
    expect(Stakes.get(ext.state, poolSubAccount(pid, W1))).toBe(1000n * PHA);
    expectFailure(
      ext,
      signed(alice),
      'start_mining',
      { ...args, stake: 1000n * PHA },
      miningErr('MinerNotReady'),
    );
  });

  it('stop_mining and reclaim_pool_worker: checks, releasing stake, cooldown, anyone may reclaim', () => {
    const ext = newExt();
    const pid = miningPool(ext);
    call(ext, signed(alice), 'start_mining', { pid, worker: W1, stake: 1500n * PHA });
    const args = { pid, worker: W1 };
    expectFailure(ext, signed(alice), 'stop_mining', args, err('FeatureNotEnabled'));
    enableMining(ext);
    expectFailure(ext, signed(alice), 'stop_mining', { pid: 9n, worker: W1 }, err('PoolDoesNotExist'));
    expectFailure(ext, signed(bob), 'stop_mining', args, err('UnauthorizedPoolOwner'));
    expectFailure(ext, signed(alice), 'stop_mining', { pid, worker: W3 }, err('WorkerDoesNotExist'));
    expectFailure(ext, signed(alice), 'stop_mining', { pid, worker: W2 }, miningErr('MinerNotMining'));
    expect(names(call(ext, signed(alice), 'stop_mining', args))).toEqual(['PhalaMining.MinerStopped']);
    expect(pool(ext, pid)).toMatchObject({ free_stake: 500n * PHA, releasing_stake: 1500n * PHA });
    expectFailure(ext, signed(alice), 'stop_mining', args, miningErr('MinerNotMining'));

    expectFailure(ext, signed(dave), 'reclaim_pool_worker', { pid: 9n, worker: W1 }, err('PoolDoesNotExist'));
    expectFailure(ext, signed(dave), 'reclaim_pool_worker', { pid, worker: W3 }, miningErr('MinerNotFound'));
    advance(ext, 7 * DAY - 1);
    expectFailure(ext, signed(dave), 'reclaim_pool_worker', args, miningErr('CoolDownNotReady'));
    advance(ext, 1);
    const ev = call(ext, signed(dave), 'reclaim_pool_worker', args);
    expect(names(ev)).toEqual(['PhalaMining.MinerReclaimed', 'PhalaStakePool.WorkerReclaimed']);
    expect(own(ev)).toEqual([['WorkerReclaimed', { pid, worker: W1, original_stake: 1500n * PHA }]]);
    expect(pool(ext, pid)).toMatchObject({ free_stake: 2000n * PHA, releasing_stake: 0n });
  });

  it('restart_mining: stop + immediate reclaim + start with a larger stake, all or nothing', () => {
    const ext = newExt();
    const pid = miningPool(ext);
    call(ext, signed(alice), 'start_mining', { pid, worker: W1, stake: 2000n * PHA });
    const args = { pid, worker: W1, stake: 2000n * PHA };
    expectFailure(ext, signed(alice), 'restart_mining', { ...args, pid: 9n }, err('PoolDoesNotExist'));
    expectFailure(ext, signed(alice), 'restart_mining', args, err('InsufficientFreeStake'));
    call(ext, signed(charlie), 'contribute', { pid, amount: 500n * PHA });
    expectFailure(ext, signed(alice), 'restart_mining', args, err('FeatureNotEnabled'));
    enableMining(ext);
    expectFailure(ext, signed(bob), 'restart_mining', args, err('UnauthorizedPoolOwner'));
    expectFailure(ext, signed(alice), 'restart_mining', { ...args, worker: W3 }, err('WorkerDoesNotExist'));
    expectFailure(ext, signed(alice), 'restart_mining', { ...args, worker: W2 }, miningErr('MinerNotMining'));
    expectFailure(ext, signed(alice), 'restart_mining', args, err('CannotRestartWithLessStake'));
    expectFailure(
      ext,
      signed(alice),
      'restart_mining',
      { ...args, stake: 2500n * PHA + 1n },
      err('InsufficientFreeStake'),
    );
    expect(Miners.get(ext.state, poolSubAccount(pid, W1))?.state).toBe('MiningIdle');

    const ev = call(ext, signed(alice), 'restart_mining', { ...args, stake: 2500n * PHA });
    expect(names(ev)).toEqual([
      'PhalaMining.MinerStopped',
      'PhalaMining.MinerReclaimed',
      'PhalaStakePool.WorkerReclaimed',
      'PhalaMining.MinerStarted',
      'PhalaStakePool.MiningStarted',
    ]);
    expect(pool(ext, pid)).toMatchObject({ free_stake: 0n, releasing_stake: 0n, total_stake: 2500n * PHA });
    expect(Stakes.get(ext.state, poolSubAccount(pid, W1))).toBe(2500n * PHA);
    expect(Miners.get(ext.state, poolSubAccount(pid, W1))?.state).toBe('MiningIdle');
  });

  it('reclaim serves the withdraw queue before WorkerReclaimed', () => {
    const ext = newExt();
    const pid = miningPool(ext);
    call(ext, signed(alice), 'start_mining', { pid, worker: W1, stake: 2000n * PHA });
    call(ext, signed(bob), 'withdraw', { pid, shares: 600n * PHA });
    enableMining(ext);
    call(ext, signed(alice), 'stop_mining', { pid, worker: W1 });
    advance(ext, 7 * DAY);
    const ev = own(call(ext, signed(dave), 'reclaim_pool_worker', { pid, worker: W1 }));
    expect(ev.map(([n, f]) => [n, f.user ?? f.worker, f.amount ?? f.original_stake])).toEqual([
      ['Withdrawal', bob, 600n * PHA],
      ['WorkerReclaimed', W1, 2000n * PHA],
    ]);
    expect(pool(ext, pid)).toMatchObject({ free_stake: 1400n * PHA, withdraw_queue: [] });
  });
});

describe('on_finalize: forced withdrawal after the grace period', () => {
  function queuedPool(ext: Ext) {
    const pid = miningPool(ext);
    call(ext, signed(alice), 'start_mining', { pid, worker: W1, stake: 1000n * PHA });
    call(ext, signed(alice), 'start_mining', { pid, worker: W2, stake: 1000n * PHA });
    const t = ext.nowSeconds;
    call(ext, signed(bob), 'withdraw', { pid, shares: 1000n * PHA - 1n });
    return { pid, t };
  }

  it('stops every worker of a pool whose request is still uncovered after 7 days, examining each bucket once', () => {
    const ext = newExt();
    const { pid, t } = queuedPool(ext);
    ext.nowMs = Number(t + GRACE_PERIOD) * 1000;
    expect(finalize(ext)).toEqual([]);
    expect(WithdrawalTimestamps.get(ext.state)).toEqual([t]);
    ext.nowMs += 1000;
    expect(finalize(ext)).toEqual(['PhalaMining.MinerStopped', 'PhalaMining.MinerStopped']);
    expect(pool(ext, pid).releasing_stake).toBe(2000n * PHA);
    expect(WithdrawalTimestamps.get(ext.state)).toEqual([]);
    expect(WithdrawalQueuedPools.get(ext.state, t)).toBeUndefined();
    expect(finalize(ext)).toEqual([]);
    // Mining switch is not consulted by the forced stop.
    expect(MiningEnabled.get(ext.state)).toBe(false);
  });

  it('releasing stake that covers the queue spares the other workers; non-mining workers are skipped', () => {
    const ext = newExt();
    const { pid, t } = queuedPool(ext);
    enableMining(ext);
    call(ext, signed(alice), 'stop_mining', { pid, worker: W1 });
    ext.nowMs = Number(t + GRACE_PERIOD + 1n) * 1000;
    expect(finalize(ext)).toEqual([]);
    expect(Miners.get(ext.state, poolSubAccount(pid, W2))?.state).toBe('MiningIdle');
    expect(WithdrawalTimestamps.get(ext.state)).toEqual([]);
  });
});

describe('callbacks from PhalaMining', () => {
  it('onReward credits pools and stops at the first worker not in a pool', () => {
    const ext = newExt();
    const pid = poolWithWorkers(ext, alice, [W1]);
    call(ext, signed(bob), 'contribute', { pid, amount: 10n * PHA });
    const start = ext.events.length;
    onReward(ext, [
      { pubkey: W1, payout: 5n << 64n },
      { pubkey: W3, payout: 1n << 64n },
      { pubkey: W1, payout: 7n << 64n },
    ]);
    const ev = ext.events.slice(start).map((r) => [r.event.value.tag, r.event.value.value]);
    expect(ev).toEqual([
      ['RewardReceived', { pid, to_owner: 0n, to_stakers: 5n * PHA }],
      ['RewardDismissedNotInPool', { worker: W3, amount: PHA }],
    ]);
  });

  it('onUnbound (operator force-unbind through PhalaMining) evicts a mining worker, whose stake keeps releasing', () => {
    const ext = newExt();
    const pid = miningPool(ext);
    call(ext, signed(alice), 'start_mining', { pid, worker: W1, stake: 1000n * PHA });
    const start = ext.events.length;
    // PhalaMining.unbind checks the caller against the registry's operator of the worker.
    expect(registry.Workers.get(ext.state, W1)?.operator).toBe(alice);
    ext.dispatch(signed(alice), {
      tag: 'PhalaMining',
      value: { tag: 'unbind', value: { miner: poolSubAccount(pid, W1) } },
    });
    const ev = ext.events.slice(start).map((r) => `${r.event.tag}.${r.event.value.tag}`);
    expect(ev).toEqual([
      'PhalaMining.MinerStopped',
      'PhalaMining.MinerUnbound',
      'PhalaStakePool.PoolWorkerRemoved',
    ]);
    expect(pool(ext, pid)).toMatchObject({ workers: [W2], releasing_stake: 1000n * PHA });
    expect(WorkerAssignments.get(ext.state, W1)).toBeUndefined();
    // The pool can still reclaim the stake after the cooldown.
    advance(ext, 7 * DAY);
    call(ext, signed(dave), 'reclaim_pool_worker', { pid, worker: W1 });
    expect(pool(ext, pid)).toMatchObject({ free_stake: 2000n * PHA, releasing_stake: 0n });
    onUnbound(ext, W1, false); // already gone: nothing to do
  });
});
