import { describe, expect, it } from 'vitest';
import {
  advance,
  alice,
  bob,
  callStakePool as call,
  charlie,
  createPool,
  dave,
  err,
  expectFailure,
  free,
  stakePoolExt as newExt,
  own,
  PHA,
  poolWithWorkers,
  root,
  SUBSIDY_POOL_ACCOUNT,
  setSubsidyPoolFree,
  signed,
  stakeLock,
  worker,
} from '../../../../test/helpers/palletTest.js';
import type { Ext } from '../../../runtime/ext.js';
import {
  PoolStakers,
  StakeLedger,
  StakePools,
  WithdrawalQueuedPools,
  WithdrawalTimestamps,
} from './index.js';

const W1 = worker(1);
const W2 = worker(2);
const pool = (ext: Ext, pid: bigint) => StakePools.get(ext.state, pid)!;
const staker = (ext: Ext, pid: bigint, who: typeof alice) => PoolStakers.get(ext.state, [pid, who]);

function badOriginError() {
  return new (Object.getPrototypeOf(err('PoolDoesNotExist')).constructor)('BadOrigin');
}

/** Alice owns pool 0 with W1 and W2 (p = 100, Smin = 1000 PHA); Alice and Bob each contributed 1000 PHA. */
function miningPool(ext: Ext) {
  const pid = poolWithWorkers(ext, alice, [W1, W2]);
  call(ext, signed(alice), 'contribute', { pid, amount: 1000n * PHA });
  call(ext, signed(bob), 'contribute', { pid, amount: 1000n * PHA });
  return pid;
}

describe('rewards and claims', () => {
  it('force_assign_reward: root only, atomic over the batch, zero skipped, no-share and dust dismissals', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    const empty = createPool(ext, alice);
    expectFailure(ext, signed(alice), 'force_assign_reward', { reward_arr: [[pid, PHA]] }, badOriginError());
    expect(own(call(ext, root, 'force_assign_reward', { reward_arr: [[empty, PHA]] }))).toEqual([
      ['RewardDismissedNoShare', { pid: empty, amount: PHA }],
    ]);
    call(ext, signed(bob), 'contribute', { pid, amount: 10n * PHA });
    expectFailure(
      ext,
      root,
      'force_assign_reward',
      {
        reward_arr: [
          [pid, PHA],
          [9n, PHA],
        ],
      },
      err('PoolDoesNotExist'),
    );
    expect(call(ext, root, 'force_assign_reward', { reward_arr: [[pid, 0n]] })).toEqual([]);
    expect(own(call(ext, root, 'force_assign_reward', { reward_arr: [[pid, 1000n]] }))).toEqual([
      ['RewardDismissedDust', { pid, amount: 1000n }],
    ]);
    call(ext, signed(alice), 'set_payout_pref', { pid, payout_commission: 500_000 });
    expect(own(call(ext, root, 'force_assign_reward', { reward_arr: [[pid, 2000n]] }))).toEqual([
      ['RewardDismissedDust', { pid, amount: 1000n }],
      ['RewardReceived', { pid, to_owner: 1000n, to_stakers: 1000n }],
    ]);
    expect(pool(ext, pid).owner_reward).toBe(1000n);
    expect(pool(ext, pid).reward_acc).toBe(0n);
  });

  it('claim_owner_rewards and claim_staker_rewards: checks, keep-alive payment from the subsidy pool', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    call(ext, signed(alice), 'set_payout_pref', { pid, payout_commission: 200_000 });
    call(ext, signed(bob), 'contribute', { pid, amount: 100n * PHA });
    expectFailure(
      ext,
      signed(alice),
      'claim_owner_rewards',
      { pid: 9n, target: alice },
      err('PoolDoesNotExist'),
    );
    expectFailure(
      ext,
      signed(bob),
      'claim_owner_rewards',
      { pid, target: bob },
      err('UnauthorizedPoolOwner'),
    );
    expectFailure(ext, signed(alice), 'claim_owner_rewards', { pid, target: alice }, err('NoRewardToClaim'));
    expectFailure(
      ext,
      signed(bob),
      'claim_staker_rewards',
      { pid: 9n, target: bob },
      err('PoolDoesNotExist'),
    );
    expectFailure(
      ext,
      signed(charlie),
      'claim_staker_rewards',
      { pid, target: charlie },
      err('NoRewardToClaim'),
    );
    expectFailure(ext, signed(bob), 'claim_staker_rewards', { pid, target: bob }, err('NoRewardToClaim'));
    expectFailure(
      ext,
      signed(charlie),
      'claim_rewards',
      { pid: 9n, target: charlie },
      err('PoolDoesNotExist'),
    );
    expectFailure(ext, signed(charlie), 'claim_rewards', { pid, target: charlie }, err('NoRewardToClaim'));

    call(ext, root, 'force_assign_reward', { reward_arr: [[pid, 10n * PHA]] });
    const ed = 10_000_000_000n;
    // The subsidy pool must stay alive: owner reward 2 PHA needs 2 PHA + ED.
    setSubsidyPoolFree(ext, 2n * PHA + ed - 1n);
    expectFailure(
      ext,
      signed(alice),
      'claim_owner_rewards',
      { pid, target: dave },
      err('InternalSubsidyPoolCannotWithdraw'),
    );
    expectFailure(
      ext,
      signed(bob),
      'claim_staker_rewards',
      { pid, target: dave },
      err('InternalSubsidyPoolCannotWithdraw'),
    );
    expectFailure(
      ext,
      signed(alice),
      'claim_rewards',
      { pid, target: dave },
      err('InternalSubsidyPoolCannotWithdraw'),
    );
    setSubsidyPoolFree(ext, 2n * PHA + ed);
    const daveBefore = free(ext, dave);
    expect(own(call(ext, signed(alice), 'claim_owner_rewards', { pid, target: dave }))).toEqual([
      ['OwnerRewardsWithdrawn', { pid, user: alice, amount: 2n * PHA }],
    ]);
    expect(free(ext, dave) - daveBefore).toBe(2n * PHA);
    expect(free(ext, SUBSIDY_POOL_ACCOUNT)).toBe(ed);
    expect(pool(ext, pid).owner_reward).toBe(0n);

    setSubsidyPoolFree(ext, 1000n * PHA);
    const events = own(call(ext, signed(bob), 'claim_staker_rewards', { pid, target: bob }));
    const amount = (events[0]![1] as { amount: bigint }).amount;
    expect(8n * PHA - amount).toBeLessThanOrEqual(1n); // bmul truncation
    expect(events).toEqual([['StakerRewardsWithdrawn', { pid, user: bob, amount }]]);
    expect(staker(ext, pid, bob)!.available_rewards).toBe(0n);
    expectFailure(ext, signed(bob), 'claim_staker_rewards', { pid, target: bob }, err('NoRewardToClaim'));
  });
});

describe('contribute', () => {
  it('checks in order and locks the contribution under phala/sp', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    const other = createPool(ext, bob);
    expectFailure(ext, signed(bob), 'contribute', { pid: 9n, amount: PHA }, err('PoolDoesNotExist'));
    expectFailure(
      ext,
      signed(bob),
      'contribute',
      { pid, amount: 10_000_000_000n - 1n },
      err('InsufficientContribution'),
    );
    const all = free(ext, bob);
    expectFailure(ext, signed(bob), 'contribute', { pid, amount: all + 1n }, err('InsufficientBalance'));
    call(ext, signed(bob), 'contribute', { pid, amount: 10_000_000_000n });
    call(ext, signed(bob), 'contribute', { pid: other, amount: all - 10_000_000_000n });
    expect(StakeLedger.get(ext.state, bob)).toBe(all);
    expect(stakeLock(ext, bob)).toBe(all);
    // Everything is locked already: nothing more can be contributed anywhere.
    expectFailure(
      ext,
      signed(bob),
      'contribute',
      { pid, amount: 10_000_000_000n },
      err('InsufficientBalance'),
    );

    call(ext, signed(alice), 'set_cap', { pid, cap: 100n * PHA });
    expectFailure(ext, signed(alice), 'contribute', { pid, amount: 100n * PHA }, err('StakeExceedsCapacity'));
    call(ext, signed(alice), 'contribute', { pid, amount: 100n * PHA - 10_000_000_000n });
    expect(pool(ext, pid).total_stake).toBe(100n * PHA);

    const p = pool(ext, other);
    StakePools.set(ext.state, other, { ...p, total_stake: 0n, free_stake: 0n });
    expectFailure(ext, signed(charlie), 'contribute', { pid: other, amount: PHA }, err('PoolBankrupt'));
  });
});

describe('withdraw and the withdraw queue', () => {
  it('checks: staker record first, then amount, then pool', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    call(ext, signed(bob), 'contribute', { pid, amount: 10n * PHA });
    expectFailure(ext, signed(bob), 'withdraw', { pid: 9n, shares: PHA }, err('PoolStakeNotFound'));
    expectFailure(ext, signed(charlie), 'withdraw', { pid, shares: PHA }, err('PoolStakeNotFound'));
    expectFailure(ext, signed(bob), 'withdraw', { pid, shares: 1000n }, err('InvalidWithdrawalAmount'));
    expectFailure(
      ext,
      signed(bob),
      'withdraw',
      { pid, shares: 10n * PHA + 1n },
      err('InvalidWithdrawalAmount'),
    );
    PoolStakers.set(ext.state, [9n, bob], staker(ext, pid, bob)!);
    expectFailure(ext, signed(bob), 'withdraw', { pid: 9n, shares: PHA }, err('PoolDoesNotExist'));
  });

  it('immediate withdrawal from free stake releases the lock', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    call(ext, signed(bob), 'contribute', { pid, amount: 10n * PHA });
    expect(own(call(ext, signed(bob), 'withdraw', { pid, shares: 4n * PHA }))).toEqual([
      ['Withdrawal', { pid, user: bob, amount: 4n * PHA, shares: 4n * PHA }],
    ]);
    expect(stakeLock(ext, bob)).toBe(6n * PHA);
    expect(pool(ext, pid).withdraw_queue).toEqual([]);
    expect(WithdrawalTimestamps.get(ext.state)).toEqual([]);
  });

  it('queued requests: replacement, timestamp buckets, FIFO partial fills after contribute', () => {
    const ext = newExt();
    const pid = miningPool(ext);
    call(ext, signed(alice), 'start_mining', { pid, worker: W1, stake: 1000n * PHA });
    call(ext, signed(alice), 'start_mining', { pid, worker: W2, stake: 1000n * PHA });
    const t1 = ext.nowSeconds;
    expect(own(call(ext, signed(bob), 'withdraw', { pid, shares: 300n * PHA }))).toEqual([
      ['WithdrawalQueued', { pid, user: bob, shares: 300n * PHA }],
    ]);
    call(ext, signed(alice), 'withdraw', { pid, shares: 100n * PHA }); // same second: same bucket
    advance(ext, 12);
    const t2 = ext.nowSeconds;
    // Bob's new request replaces his first one and goes to the back.
    call(ext, signed(bob), 'withdraw', { pid, shares: 200n * PHA });
    expect(pool(ext, pid).withdraw_queue).toEqual([
      { user: alice, shares: 100n * PHA, start_time: t1 },
      { user: bob, shares: 200n * PHA, start_time: t2 },
    ]);
    expect(WithdrawalTimestamps.get(ext.state)).toEqual([t1, t2]);
    expect(WithdrawalQueuedPools.get(ext.state, t1)).toEqual([pid]);
    expect(WithdrawalQueuedPools.get(ext.state, t2)).toEqual([pid]);

    // 150 PHA of new stake: Alice's request filled, Bob's partly; events before the Contribution.
    const ev = own(call(ext, signed(charlie), 'contribute', { pid, amount: 150n * PHA }));
    expect(ev.map(([n, f]) => [n, f.user, f.amount])).toEqual([
      ['Withdrawal', alice, 100n * PHA],
      ['Withdrawal', bob, 50n * PHA],
      ['Contribution', charlie, 150n * PHA],
    ]);
    expect(pool(ext, pid).withdraw_queue).toEqual([{ user: bob, shares: 150n * PHA, start_time: t2 }]);
    expect(pool(ext, pid).free_stake).toBe(0n);
    expect(stakeLock(ext, bob)).toBe(950n * PHA);
  });

  it('reconcile_withdraw_queue caps or drops a request larger than the staker holds', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    call(ext, signed(bob), 'contribute', { pid, amount: 10n * PHA });
    expectFailure(
      ext,
      signed(dave),
      'reconcile_withdraw_queue',
      { pid: 9n, account: bob },
      err('PoolDoesNotExist'),
    );
    expectFailure(
      ext,
      signed(dave),
      'reconcile_withdraw_queue',
      { pid, account: charlie },
      err('PoolStakeNotFound'),
    );
    const p = pool(ext, pid);
    StakePools.set(ext.state, pid, {
      ...p,
      withdraw_queue: [{ user: bob, shares: 20n * PHA, start_time: 1n }],
    });
    expect(call(ext, signed(dave), 'reconcile_withdraw_queue', { pid, account: bob })).toEqual([]);
    expect(pool(ext, pid).withdraw_queue).toEqual([{ user: bob, shares: 10n * PHA, start_time: 1n }]);
    PoolStakers.set(ext.state, [pid, bob], { ...staker(ext, pid, bob)!, shares: 1000n });
    StakePools.set(ext.state, pid, {
      ...p,
      withdraw_queue: [{ user: bob, shares: 20n * PHA, start_time: 1n }],
    });
    call(ext, signed(dave), 'reconcile_withdraw_queue', { pid, account: bob });
    expect(pool(ext, pid).withdraw_queue).toEqual([]);
  });

  it('leftover dust shares and locked stake are removed, the dust slashed to the Treasury', () => {
    const ext = newExt();
    const pid = createPool(ext, alice);
    call(ext, signed(bob), 'contribute', { pid, amount: 10n * PHA + 500n });
    const before = free(ext, bob);
    const ev = own(call(ext, signed(bob), 'withdraw', { pid, shares: 10n * PHA }));
    expect(ev.map(([n]) => n)).toEqual(['DustRemoved', 'Withdrawal']);
    const dust = (ev[0]![1] as { amount: bigint }).amount;
    const withdrawn = (ev[1]![1] as { amount: bigint }).amount;
    // settle_slash first drops 1 planck from `locked` (shares worth B(F(x)) = x − 1), see the §6.10 note.
    expect(withdrawn + dust).toBe(10n * PHA + 499n);
    expect(dust > 0n && dust <= 1000n).toBe(true);
    expect((ev[1]![1] as { shares: bigint }).shares).toBe(10n * PHA + 500n);
    expect(free(ext, bob)).toBe(before - dust);
    expect(staker(ext, pid, bob)).toMatchObject({ shares: 0n, locked: 0n });
    expect(pool(ext, pid)).toMatchObject({ total_shares: 0n, total_stake: 0n, free_stake: 0n });
    expect(StakeLedger.get(ext.state, bob)).toBe(1n);
    expect(stakeLock(ext, bob)).toBe(1n);
  });
});
