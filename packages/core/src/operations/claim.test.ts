import { describe, expect, it } from 'vitest';
import { ALICE, BOB, pool, staker } from '../../test/stateFixtures.js';
import { checkClaim, claimableRewards } from './claim.js';

describe('claim rules', () => {
  const ONE = 1n << 64n;
  const p = pool({ ownerReward: 7n, rewardAcc: ONE / 2n, totalShares: 100n });
  it('adds pending to available rewards', () => {
    expect(
      claimableRewards(p, BOB, staker({ shares: 1_000_000_000_000n, availableRewards: 3n, rewardDebt: 0n }))
        .staker,
    ).toBe(500_000_000_003n);
    expect(claimableRewards(p, ALICE, undefined)).toEqual({ owner: 7n, staker: 0n });
  });
  it('needs ownership for the owner part and something to claim', () => {
    expect(() => checkClaim(0n, p, BOB, undefined, 'owner')).toThrow(
      expect.objectContaining({ code: 'NotPoolOwner' }),
    );
    expect(() => checkClaim(0n, p, BOB, undefined, 'staker')).toThrow(
      expect.objectContaining({ code: 'NoRewardToClaim', which: 'staker' }),
    );
    expect(() => checkClaim(0n, pool(), ALICE, undefined, 'both')).toThrow(
      expect.objectContaining({ code: 'NoRewardToClaim' }),
    );
    expect(checkClaim(0n, p, ALICE, undefined, 'owner')).toEqual({ owner: 7n, staker: 0n });
    expect(() => checkClaim(0n, undefined, ALICE, undefined, 'both')).toThrow(
      expect.objectContaining({ code: 'PoolNotFound' }),
    );
  });
});
