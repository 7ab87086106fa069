import { isDust, isNondust } from './dust.js';
import { addF, B, type Balance, bdiv, bmul, checkedDivF, divF, F, type Fixed, wrap128 } from './fixed.js';
import { permillMul } from './permill.js';

/**
 * Share price = F(total_stake) / F(total_shares) (`checked_div`). Undefined when F(total_shares) = 0 — which is
 * already the case for total_shares = 0 — and also when the quotient would overflow u128, since `checked_div`
 * refuses that too. A price of 0 means the pool was fully slashed.
 */
export function sharePrice(totalStake: Balance, totalShares: Balance): Fixed | undefined {
  return checkedDivF(F(totalStake), F(totalShares));
}

/** Shares minted for a contribution: bdiv(a, price), or a itself for the first deposit / a bankrupt pool. */
export function sharesForContribution(amount: Balance, price: Fixed | undefined): Balance {
  return price !== undefined && price !== 0n ? bdiv(amount, price) : amount;
}

/** Current value of some shares (what a staker's stake is worth): bmul(shares, price). */
export function valueOfShares(shares: Balance, price: Fixed): Balance {
  return bmul(shares, price);
}

/** The accumulator checkpoint for a share count: bmul(shares, reward_acc). */
export function rewardDebtFor(shares: Balance, rewardAcc: Fixed): Balance {
  return bmul(shares, rewardAcc);
}

/**
 * Pending reward = bmul(shares, reward_acc) − reward_debt. The accumulator only grows between checkpoints, so this
 * is never negative on a consistent record; a corrupt record wraps like the release runtime's u128 subtraction.
 */
export function pendingReward(shares: Balance, rewardAcc: Fixed, rewardDebt: Balance): Balance {
  return wrap128(rewardDebtFor(shares, rewardAcc) - rewardDebt);
}

/** Accumulator increment for distributing d planck over total_shares: F(d)/F(total_shares). */
export function rewardAccIncrement(toDistribute: Balance, totalShares: Balance): Fixed {
  return divF(F(toDistribute), F(totalShares));
}

/** The new `reward_acc` after adding an increment (`+=` on U64F64, wrapping in release). */
export function applyRewardAcc(rewardAcc: Fixed, delta: Fixed): Fixed {
  return addF(rewardAcc, delta);
}

export interface RewardDistribution {
  /** Commission credited to `owner_reward` (also the event's `to_owner`). */
  toOwner: Balance;
  /** r − commission: the event's `to_stakers`. Reported even when it was dismissed as dust (the chain does so). */
  toStakers: Balance;
  /** Increment to add to `reward_acc` (0 unless the stakers' part was distributed). */
  rewardAccDelta: Fixed;
  /** Why (part of) the reward was dropped, if it was. */
  dismissed: 'NoShare' | 'Dust' | undefined;
  /** Amount of the matching RewardDismissedNoShare / RewardDismissedDust event (0 when nothing was dismissed). */
  dismissedAmount: Balance;
  /** Whether the chain deposits `RewardReceived{to_owner, to_stakers}`. */
  rewardReceived: boolean;
}

const NOTHING: RewardDistribution = {
  toOwner: 0n,
  toStakers: 0n,
  rewardAccDelta: 0n,
  dismissed: undefined,
  dismissedAmount: 0n,
  rewardReceived: false,
};

/**
 * Splits a reward of r planck arriving at a pool (§6.4 steps 1–4). Pure: the caller adds `toOwner` to owner_reward
 * and `rewardAccDelta` to reward_acc (see `applyRewardAcc`) and emits the events the result describes.
 *
 * @param commissionParts `payout_commission` in Permill parts; undefined (None) counts as 0.
 */
export function distributePoolReward(
  totalShares: Balance,
  commissionParts: number | bigint | undefined,
  reward: Balance,
): RewardDistribution {
  if (reward <= 0n) return NOTHING;
  if (isDust(totalShares)) return { ...NOTHING, dismissed: 'NoShare', dismissedAmount: reward };
  const c = permillMul(commissionParts ?? 0, reward);
  const d = reward - c;
  if (isNondust(d)) {
    return {
      ...NOTHING,
      toOwner: c,
      toStakers: d,
      rewardAccDelta: rewardAccIncrement(d, totalShares),
      rewardReceived: true,
    };
  }
  return {
    ...NOTHING,
    toOwner: c,
    toStakers: d,
    dismissed: d > 0n ? 'Dust' : undefined,
    dismissedAmount: d,
    rewardReceived: c > 0n,
  };
}

/**
 * Converts a gatekeeper payout (U64F64 bits of PHA) to planck the way the chain does before handing it to the pool.
 */
export function payoutBitsToPlanck(bits: Fixed): Balance {
  return B(bits);
}

/** @deprecated the unit is called planck: {@link payoutBitsToPlanck} */
export const payoutBitsToPico = payoutBitsToPlanck;
