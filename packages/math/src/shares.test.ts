import { describe, expect, it } from 'vitest';
import { fixedFromDecimal, ONE, PHA } from './fixed.js';
import {
  applyRewardAcc,
  distributePoolReward,
  payoutBitsToPlanck,
  pendingReward,
  rewardDebtFor,
  sharePrice,
  sharesForContribution,
  valueOfShares,
} from './shares.js';

describe('share price and shares', () => {
  it('price is undefined without shares and exactly 1.0 for equal stake/shares', () => {
    expect(sharePrice(0n, 0n)).toBeUndefined();
    expect(sharePrice(5n, 0n)).toBeUndefined();
    expect(sharePrice(1000n * PHA, 1000n * PHA)).toBe(ONE);
    expect(sharePrice(0n, 1000n * PHA)).toBe(0n);
  });

  it('first deposit mints shares = amount; later deposits bdiv(amount, price)', () => {
    expect(sharesForContribution(1000n * PHA, undefined)).toBe(1000n * PHA);
    expect(sharesForContribution(1000n * PHA, 0n)).toBe(1000n * PHA);
    expect(sharesForContribution(500_123_456_789_012n, ONE)).toBe(500_123_456_789_011n);
    expect(valueOfShares(10n * PHA, fixedFromDecimal('1.5'))).toBe(15n * PHA);
  });
});

describe('distributePoolReward (§6.4)', () => {
  it('dismisses everything when the pool has (dust) shares only', () => {
    expect(distributePoolReward(1000n, 100_000, 5n * PHA)).toMatchObject({
      dismissed: 'NoShare',
      dismissedAmount: 5n * PHA,
      toOwner: 0n,
      rewardAccDelta: 0n,
      rewardReceived: false,
    });
  });

  it('ignores a zero reward', () => {
    expect(distributePoolReward(10n * PHA, 100_000, 0n)).toMatchObject({
      rewardReceived: false,
      dismissed: undefined,
    });
  });

  it('splits commission and distributes the rest through the accumulator', () => {
    const r = distributePoolReward(1_500_123_456_789_011n, 100_000, 15n * PHA);
    expect(r).toEqual({
      toOwner: 1_500_000_000_000n,
      toStakers: 13_500_000_000_000n,
      rewardAccDelta: 166_007_033_533_177_132n,
      dismissed: undefined,
      dismissedAmount: 0n,
      rewardReceived: true,
    });
  });

  it('drops a dust stakers part, still reporting RewardReceived when commission was taken', () => {
    const r = distributePoolReward(10n * PHA, 500_000, 2000n);
    expect(r).toMatchObject({
      toOwner: 1000n,
      toStakers: 1000n,
      dismissed: 'Dust',
      dismissedAmount: 1000n,
      rewardReceived: true,
      rewardAccDelta: 0n,
    });
    const none = distributePoolReward(10n * PHA, undefined, 1000n);
    expect(none).toMatchObject({
      toOwner: 0n,
      dismissed: 'Dust',
      dismissedAmount: 1000n,
      rewardReceived: false,
    });
  });
});

describe('accumulator', () => {
  it('pending = bmul(shares, acc) − debt', () => {
    const acc = applyRewardAcc(0n, 166_007_033_533_177_132n);
    expect(pendingReward(1000n * PHA, acc, 0n)).toBe(8_999_259_320_227n);
    expect(pendingReward(1000n * PHA, acc, rewardDebtFor(1000n * PHA, acc))).toBe(0n);
  });

  it('payout bits convert with B', () => {
    expect(payoutBitsToPlanck(fixedFromDecimal('1.5'))).toBe(1_500_000_000_000n);
  });
});
