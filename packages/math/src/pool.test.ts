import { describe, expect, it } from 'vitest';
import { bmul, PHA } from './fixed.js';
import {
  contribute,
  emptyStaker,
  hasExpiredWithdrawal,
  type PoolRecord,
  poolSharePrice,
  receiveReward,
  removeStake,
  type StakerRecord,
  serveWithdrawQueue,
  settleSlash,
  withdraw,
} from './pool.js';
import { pendingReward } from './shares.js';

const emptyPool: PoolRecord = {
  payoutCommission: undefined,
  ownerReward: 0n,
  rewardAcc: 0n,
  totalShares: 0n,
  totalStake: 0n,
  freeStake: 0n,
  releasingStake: 0n,
  withdrawQueue: [],
};

describe('§6.10 worked example, to the planck', () => {
  // Steps 1–4 shared by the tests below.
  const s1 = contribute(emptyPool, undefined, 'alice', 1000n * PHA);
  const s2 = contribute(s1.pool, undefined, 'bob', 500_123_456_789_012n);
  const s3 = receiveReward({ ...s2.pool, payoutCommission: 100_000 }, 15n * PHA);
  const alice: StakerRecord = s1.user;
  const bob0: StakerRecord = s2.user;
  const afterStart: PoolRecord = { ...s3.pool, freeStake: s3.pool.freeStake - 1400n * PHA };

  it('1–2: shares for the first deposit and at price exactly 1.0', () => {
    expect(s1.shares).toBe(1_000_000_000_000_000n);
    expect(poolSharePrice(s1.pool)).toBe(1n << 64n);
    expect(s2.shares).toBe(500_123_456_789_011n);
    expect(s2.pool.totalShares).toBe(1_500_123_456_789_011n);
    expect(s2.pool.totalStake).toBe(1_500_123_456_789_012n);
  });

  it('3: commission, accumulator bits and pending rewards', () => {
    expect(s3.distribution.toOwner).toBe(1_500_000_000_000n);
    expect(s3.distribution.toStakers).toBe(13_500_000_000_000n);
    expect(s3.pool.ownerReward).toBe(1_500_000_000_000n);
    expect(s3.pool.rewardAcc).toBe(166_007_033_533_177_132n);
    const a = pendingReward(alice.shares, s3.pool.rewardAcc, alice.rewardDebt);
    const b = pendingReward(bob0.shares, s3.pool.rewardAcc, bob0.rewardDebt);
    expect(a).toBe(8_999_259_320_227n);
    expect(b).toBe(4_500_740_679_772n);
    expect(a + b).toBe(13_500_000_000_000n - 1n);
  });

  it('4: start_mining 1400 PHA leaves the free stake', () => {
    expect(afterStart.freeStake).toBe(100_123_456_789_012n);
  });

  // Step 5 on chain: try_withdraw runs maybe_settle_slash before remove_stake. settle_slash writes
  // locked := min(locked, bmul(shares, price)) even for a dust difference, and Bob's shares are worth 1 planck less than
  // his locked stake, so his locked drops by 1 without any currency slash (StakeLedger keeps it).
  const w = withdraw(afterStart, bob0, bob0.shares, 1_000_000n);

  it('5: Bob withdraws everything: immediate part and queued part', () => {
    expect(bmul(bob0.shares, poolSharePrice(afterStart) as bigint)).toBe(500_123_456_789_011n);
    expect(w.withdrawal).toEqual({
      user: 'bob',
      amount: 100_123_456_789_011n,
      shares: 100_123_456_789_011n,
      dust: 0n,
      slashed: 0n,
    });
    expect(w.queuedShares).toBe(400_000_000_000_000n);
    expect(w.pool.totalShares).toBe(1_400_000_000_000_000n);
    expect(w.pool.totalStake).toBe(1_400_000_000_000_001n);
    expect(w.pool.freeStake).toBe(1n);
    expect(w.pool.withdrawQueue).toEqual([
      { user: 'bob', shares: 400_000_000_000_000n, startTime: 1_000_000n },
    ]);
    expect(w.user.availableRewards).toBe(4_500_740_679_772n);
    // Chain-faithful: 400,000,000,000,000 (the spec's model, which skips the dust write of settle_slash, says …001).
    expect(w.user.locked).toBe(400_000_000_000_000n);
  });

  it("5 (spec's model): without the dust write of settle_slash Bob keeps 400,000,000,000,001 locked", () => {
    const r = removeStake(
      afterStart,
      { ...bob0, availableRewards: 4_500_740_679_772n, rewardDebt: bmul(bob0.shares, afterStart.rewardAcc) },
      100_123_456_789_011n,
    );
    expect(r?.amount).toBe(100_123_456_789_011n);
    expect(r?.user.locked).toBe(400_000_000_000_001n);
    expect(settleSlash(afterStart, bob0)?.slashed).toBe(1n);
  });

  it('6–7: stop, reclaim, queue service', () => {
    const stopped: PoolRecord = { ...w.pool, releasingStake: 1400n * PHA };
    expect(hasExpiredWithdrawal(stopped, 1_000_000n + 604_801n, 604_800n)).toBe(false); // budget covers the request
    const reclaimed: PoolRecord = {
      ...stopped,
      freeStake: stopped.freeStake + 1400n * PHA,
      releasingStake: 0n,
    };
    expect(reclaimed.freeStake).toBe(1_400_000_000_000_001n);
    const q = serveWithdrawQueue(
      reclaimed,
      new Map([
        ['bob', w.user],
        ['alice', alice],
      ]),
    );
    expect(q.withdrawals).toHaveLength(1);
    expect(q.withdrawals[0]).toMatchObject({
      user: 'bob',
      amount: 400_000_000_000_000n,
      shares: 400_000_000_000_000n,
    });
    // Chain-faithful: no DustRemoved here (the planck already left `locked` in step 5 and stays in StakeLedger);
    // the spec's model reports DustRemoved{amount: 1} at this point instead.
    expect(q.withdrawals[0]?.dust).toBe(0n);
    const bob = q.users.get('bob');
    expect(bob).toMatchObject({ locked: 0n, shares: 0n, availableRewards: 4_500_740_679_772n });
    expect(q.pool.withdrawQueue).toEqual([]);
    expect(q.pool.totalShares).toBe(1_000_000_000_000_000n);
    expect(q.pool.totalStake).toBe(1_000_000_000_000_001n);
    expect(q.pool.freeStake).toBe(1_000_000_000_000_001n);
    // Ledger view: Bob's StakeLedger went 500,123,456,789,012 → −100,123,456,789,011 → −400,000,000,000,000 = 1 planck
    expect(500_123_456_789_012n - 100_123_456_789_011n - 400_000_000_000_000n).toBe(1n);
  });

  it("7 (spec's model): with Bob's locked at …001 the leftover planck is dust, removed to the Treasury", () => {
    const specBob = { ...w.user, locked: 400_000_000_000_001n };
    const reclaimed: PoolRecord = { ...w.pool, freeStake: w.pool.freeStake + 1400n * PHA };
    const r = removeStake(reclaimed, specBob, 400_000_000_000_000n);
    expect(r).toMatchObject({ amount: 400_000_000_000_000n, dust: 1n });
  });
});

describe('pool operations', () => {
  it('partial queue fills keep the remainder at the head', () => {
    const c = contribute(emptyPool, undefined, 'alice', 100n * PHA);
    const mining: PoolRecord = { ...c.pool, freeStake: 0n };
    const w = withdraw(mining, c.user, 60n * PHA, 10n);
    expect(w.withdrawal).toBeUndefined();
    expect(w.queuedShares).toBe(60n * PHA);
    const partial = serveWithdrawQueue({ ...w.pool, freeStake: 20n * PHA }, new Map([['alice', w.user]]));
    expect(partial.withdrawals[0]?.amount).toBe(20n * PHA);
    expect(partial.pool.withdrawQueue[0]?.shares).toBe(40n * PHA);
    expect(partial.pool.freeStake).toBe(0n);
  });

  it('expired withdrawal detection uses the first request that does not fit', () => {
    const c = contribute(emptyPool, undefined, 'alice', 100n * PHA);
    const w = withdraw({ ...c.pool, freeStake: 0n }, c.user, 60n * PHA, 10n);
    expect(hasExpiredWithdrawal(w.pool, 10n + 604_800n, 604_800n)).toBe(false);
    expect(hasExpiredWithdrawal(w.pool, 10n + 604_801n, 604_800n)).toBe(true);
    expect(hasExpiredWithdrawal({ ...w.pool, releasingStake: 60n * PHA }, 10n + 604_801n, 604_800n)).toBe(
      false,
    );
  });

  it('dust shares and stake are cleaned on removal', () => {
    const c = contribute(emptyPool, undefined, 'alice', 10n * PHA);
    const r = removeStake(c.pool, c.user, 10n * PHA - 500n);
    // the 500 share dust goes with the request; B(F(x)) = x − 1 leaves 501 planck of locked dust
    expect(r).toMatchObject({ removedShares: 10n * PHA, amount: 10n * PHA - 501n, dust: 501n });
    expect(r?.pool).toMatchObject({ totalShares: 0n, totalStake: 0n, freeStake: 0n });
    expect(emptyStaker('x').shares).toBe(0n);
  });
});
