import { describe, expect, it } from 'vitest';
import { BOB, PHA, pool, staker } from '../../test/stateFixtures.js';
import { stakeView } from './stake.js';

describe('stakeView', () => {
  it('computes value, rewards and the queue countdown', () => {
    const p = pool({
      totalStake: 2n * PHA,
      totalShares: 2n * PHA,
      rewardAcc: 1n << 63n,
      withdrawQueue: [{ user: BOB, shares: PHA, startTime: 1000n }],
    });
    const v = stakeView(
      p,
      BOB,
      staker({ shares: 2n * PHA, locked: 2n * PHA, rewardDebt: PHA / 2n, availableRewards: 5n }),
      2000n,
      604_800n,
      604_800n,
    );
    expect(v).toMatchObject({ value: 2n * PHA, pendingRewards: PHA / 2n, claimableRewards: PHA / 2n + 5n });
    expect(v.queuedWithdrawal).toMatchObject({
      deadline: 605_800n,
      countdown: 603_800n,
      latestCompletion: 1_210_600n,
      value: PHA,
    });
  });
});
