/**
 * StakePool v1 share/stake bookkeeping (§6.3–6.5) on plain records, as pure functions returning new records plus
 * the effects (events, ledger changes) the pallet has to apply. Storage, currency locks and event emission stay in
 * the pallet; everything that decides a number lives here.
 */
import { extractDust, isNondust } from './dust.js';
import { type Balance, bdiv, bmul, type Fixed, U128_MAX } from './fixed.js';
import {
  applyRewardAcc,
  distributePoolReward,
  pendingReward,
  type RewardDistribution,
  rewardDebtFor,
  sharePrice,
  sharesForContribution,
} from './shares.js';

export interface PoolRecord {
  payoutCommission: number | bigint | undefined;
  ownerReward: Balance;
  rewardAcc: Fixed;
  totalShares: Balance;
  totalStake: Balance;
  freeStake: Balance;
  releasingStake: Balance;
  withdrawQueue: readonly WithdrawRequest[];
}

export interface StakerRecord {
  user: string;
  locked: Balance;
  shares: Balance;
  availableRewards: Balance;
  rewardDebt: Balance;
}

export interface WithdrawRequest {
  user: string;
  shares: Balance;
  /** unix seconds */
  startTime: bigint;
}

export function emptyStaker(user: string): StakerRecord {
  return { user, locked: 0n, shares: 0n, availableRewards: 0n, rewardDebt: 0n };
}

export function poolSharePrice(pool: PoolRecord): Fixed | undefined {
  return sharePrice(pool.totalStake, pool.totalShares);
}

/** Moves the pending reward into available_rewards (saturating add as on chain) and resets the debt. */
export function settlePendingReward(pool: PoolRecord, user: StakerRecord): StakerRecord {
  const pending = pendingReward(user.shares, pool.rewardAcc, user.rewardDebt);
  const available = user.availableRewards + pending;
  return {
    ...user,
    availableRewards: available > (1n << 128n) - 1n ? (1n << 128n) - 1n : available,
    rewardDebt: rewardDebtFor(user.shares, pool.rewardAcc),
  };
}

/**
 * `settle_slash`: locked := dust-clean(min(locked, value of shares)). Note the chain writes the new `locked` even
 * when the difference is dust (and then slashes nothing and leaves the ledger alone — `maybe_settle_slash` only acts
 * on a non-dust slash). With v1's inert slashing this still fires on rounding: a user whose shares are worth 1 planck
 * less than `locked` silently loses that planck from `locked`. Returns undefined (no change) if there is no price.
 */
export function settleSlash(
  pool: PoolRecord,
  user: StakerRecord,
): { user: StakerRecord; slashed: Balance } | undefined {
  const price = poolSharePrice(pool);
  if (price === undefined) return undefined;
  const value = bmul(user.shares, price);
  const [newLocked] = extractDust(value < user.locked ? value : user.locked);
  return { user: { ...user, locked: newLocked }, slashed: user.locked - newLocked };
}

export interface SlashSettlement {
  user: StakerRecord;
  /** Non-zero only for a non-dust slash, which the chain takes from the user's balance (SlashSettled). */
  slashed: Balance;
}

/** `maybe_settle_slash`: settle, but only report (and let the pallet execute) a non-dust slash. */
export function maybeSettleSlash(pool: PoolRecord, user: StakerRecord): SlashSettlement {
  const r = settleSlash(pool, user);
  if (r === undefined) return { user, slashed: 0n };
  return { user: r.user, slashed: isNondust(r.slashed) ? r.slashed : 0n };
}

/** `add_stake` (after the caller settled reward and slash): mints shares at the current price. */
export function addStake(
  pool: PoolRecord,
  user: StakerRecord,
  amount: Balance,
): { pool: PoolRecord; user: StakerRecord; shares: Balance } {
  const shares = sharesForContribution(amount, poolSharePrice(pool));
  const newUser = { ...user, shares: user.shares + shares, locked: user.locked + amount };
  newUser.rewardDebt = rewardDebtFor(newUser.shares, pool.rewardAcc);
  return {
    pool: {
      ...pool,
      totalShares: pool.totalShares + shares,
      totalStake: pool.totalStake + amount,
      freeStake: pool.freeStake + amount,
    },
    user: newUser,
    shares,
  };
}

export interface ContributeResult {
  pool: PoolRecord;
  user: StakerRecord;
  shares: Balance;
  /** Non-dust slash settled on the existing record before adding (never on Khala v1). */
  slashed: Balance;
}

/**
 * The bookkeeping of `contribute` (the pallet checks MinContribution, balance, cap and bankruptcy first, then runs
 * the withdraw queue with `serveWithdrawQueue`): settle the existing record's reward and slash, then add stake.
 */
export function contribute(
  pool: PoolRecord,
  existing: StakerRecord | undefined,
  user: string,
  amount: Balance,
): ContributeResult {
  let staker = existing ?? emptyStaker(user);
  let slashed = 0n;
  if (existing !== undefined) {
    staker = settlePendingReward(pool, staker);
    const s = maybeSettleSlash(pool, staker);
    staker = s.user;
    slashed = s.slashed;
  }
  const r = addStake(pool, staker, amount);
  return { ...r, slashed };
}

export interface RemoveStakeResult {
  pool: PoolRecord;
  user: StakerRecord;
  /** Stake released to the user (Withdrawal amount; the ledger is reduced by amount + dust). */
  amount: Balance;
  /** The user's leftover locked dust, slashed to the Treasury (DustRemoved). */
  dust: Balance;
  /** Shares removed from total_shares (the requested shares plus the user's leftover share dust). */
  removedShares: Balance;
}

/** `remove_stake`; undefined where the chain returns None (no price, or more shares than the user/pool has). */
export function removeStake(
  pool: PoolRecord,
  user: StakerRecord,
  shares: Balance,
): RemoveStakeResult | undefined {
  const price = poolSharePrice(pool);
  if (price === undefined) return undefined;
  let amount = bmul(shares, price);
  if (amount > pool.freeStake) amount = pool.freeStake;
  if (amount > user.locked) amount = user.locked;
  if (user.shares < shares) return undefined;
  const [userShares, sharesDust] = extractDust(user.shares - shares);
  const [userLocked, userDust] = extractDust(user.locked - amount);
  const removedShares = shares + sharesDust;
  if (pool.totalShares < removedShares) return undefined;
  const [remainingStake] = extractDust(pool.totalStake - amount);
  const stakeGone = remainingStake === 0n;
  const newPool: PoolRecord = {
    ...pool,
    totalShares: pool.totalShares - removedShares,
    totalStake: stakeGone ? 0n : pool.totalStake - amount,
    freeStake: stakeGone ? 0n : pool.freeStake - amount,
  };
  const newUser: StakerRecord = {
    ...user,
    shares: userShares,
    locked: userLocked,
    rewardDebt: rewardDebtFor(userShares, pool.rewardAcc),
  };
  return { pool: newPool, user: newUser, amount, dust: userDust, removedShares };
}

export interface WithdrawalEffect {
  user: string;
  amount: Balance;
  /** Shares removed (incl. share dust) — the `shares` of the Withdrawal event in K. */
  shares: Balance;
  dust: Balance;
  slashed: Balance;
}

export interface WithdrawResult {
  pool: PoolRecord;
  user: StakerRecord;
  /** Present if part of the request was paid out immediately. */
  withdrawal: WithdrawalEffect | undefined;
  /** Shares queued (WithdrawalQueued), 0 if none. */
  queuedShares: Balance;
}

/**
 * `try_withdraw(shares)` at time `now` (unix s): settle reward; w = dust-clean(min(s, free shares)) is removed now,
 * q = dust-clean(s − w) replaces any earlier request of the user at the back of the queue. The caller validates
 * `shares` (non-dust, ≤ user.shares) and updates WithdrawalTimestamps/WithdrawalQueuedPools when q > 0.
 */
export function withdraw(pool: PoolRecord, user: StakerRecord, shares: Balance, now: bigint): WithdrawResult {
  let staker = settlePendingReward(pool, user);
  let p = pool;
  const price = poolSharePrice(p);
  const freeShares = price !== undefined && price !== 0n ? bdiv(p.freeStake, price) : shares;
  const [w] = extractDust(shares < freeShares ? shares : freeShares);
  const [q] = extractDust(shares - w);
  let withdrawal: WithdrawalEffect | undefined;
  if (w > 0n) {
    const s = maybeSettleSlash(p, staker);
    staker = s.user;
    const r = removeStake(p, staker, w);
    if (r === undefined)
      throw new PoolMathError('REMOVE_STAKE_FAILED', 'remove_stake failed for withdrawable shares');
    p = r.pool;
    staker = r.user;
    withdrawal = {
      user: staker.user,
      amount: r.amount,
      shares: r.removedShares,
      dust: r.dust,
      slashed: s.slashed,
    };
  }
  if (q > 0n) {
    p = {
      ...p,
      withdrawQueue: [
        ...p.withdrawQueue.filter((req) => req.user !== staker.user),
        { user: staker.user, shares: q, startTime: now },
      ],
    };
  }
  staker = { ...staker, rewardDebt: rewardDebtFor(staker.shares, p.rewardAcc) };
  return { pool: p, user: staker, withdrawal, queuedShares: q };
}

export interface QueueServiceResult {
  pool: PoolRecord;
  /** Updated staker records (only those touched). */
  users: Map<string, StakerRecord>;
  withdrawals: WithdrawalEffect[];
}

/**
 * `try_process_withdraw_queue`: with the price fixed once, serve the queue FIFO while free_stake is non-dust,
 * allowing partial fills. Requests of users without a record are dropped.
 */
export function serveWithdrawQueue(
  pool: PoolRecord,
  users: ReadonlyMap<string, StakerRecord>,
): QueueServiceResult {
  const touched = new Map<string, StakerRecord>();
  const withdrawals: WithdrawalEffect[] = [];
  const price = poolSharePrice(pool);
  if (price === undefined) return { pool, users: touched, withdrawals };
  let p = pool;
  const queue = [...pool.withdrawQueue];
  while (isNondust(p.freeStake) && queue.length > 0) {
    const head = queue[0] as WithdrawRequest;
    const found = touched.get(head.user) ?? users.get(head.user);
    if (found === undefined) {
      queue.shift();
      continue;
    }
    let staker = settlePendingReward(p, found);
    const freeShares = price === 0n ? head.shares : bdiv(p.freeStake, price);
    const w = freeShares < head.shares ? freeShares : head.shares;
    // The chain would spin forever here (nothing removed, free_stake unchanged); stop instead.
    if (w === 0n) break;
    const s = maybeSettleSlash(p, staker);
    staker = s.user;
    const r = removeStake({ ...p, withdrawQueue: queue }, staker, w);
    if (r === undefined)
      throw new PoolMathError('REMOVE_STAKE_FAILED', 'remove_stake failed while serving the queue');
    p = r.pool;
    staker = r.user;
    touched.set(staker.user, staker);
    withdrawals.push({
      user: staker.user,
      amount: r.amount,
      shares: r.removedShares,
      dust: r.dust,
      slashed: s.slashed,
    });
    const [left] = extractDust(head.shares - w);
    if (left === 0n) queue.shift();
    else queue[0] = { ...head, shares: left };
  }
  return { pool: { ...p, withdrawQueue: queue }, users: touched, withdrawals };
}

/** A reward arriving at the pool: the split plus the pool with owner_reward and reward_acc updated. */
export function receiveReward(
  pool: PoolRecord,
  reward: Balance,
): { pool: PoolRecord; distribution: RewardDistribution } {
  const distribution = distributePoolReward(pool.totalShares, pool.payoutCommission, reward);
  const ownerReward = pool.ownerReward + distribution.toOwner;
  return {
    pool: {
      ...pool,
      ownerReward: ownerReward > U128_MAX ? U128_MAX : ownerReward,
      rewardAcc: applyRewardAcc(pool.rewardAcc, distribution.rewardAccDelta),
    },
    distribution,
  };
}

/**
 * `has_expired_withdrawal`: walks the queue against free + releasing stake; at the first request that no longer
 * fits, the pool is expired iff that request is older than the grace period. No price (or a zero price) → false.
 */
export function hasExpiredWithdrawal(pool: PoolRecord, now: bigint, gracePeriod: bigint): boolean {
  const price = poolSharePrice(pool);
  if (price === undefined || price === 0n) return false;
  let budget = pool.freeStake + pool.releasingStake;
  for (const req of pool.withdrawQueue) {
    const amount = bmul(req.shares, price);
    if (amount > budget) return now - req.startTime > gracePeriod;
    budget -= amount;
  }
  return false;
}

export type PoolMathErrorCode = 'REMOVE_STAKE_FAILED';

export class PoolMathError extends Error {
  override readonly name = 'PoolMathError';
  constructor(
    readonly code: PoolMathErrorCode,
    message: string,
  ) {
    super(message);
  }
}
