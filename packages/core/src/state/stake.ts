import { pendingReward, sharePrice, valueOfShares } from '@phala-mining/math';
import { combineLatest, distinctUntilChanged, map, type Observable } from 'rxjs';
import { sameAccount } from '../accounts.js';
import { decodeNowSeconds, decodeStaker } from '../storage/decode.js';
import { poolStakerKey, watchDecoded$ } from '../storage/source.js';
import type { ObservableDeps } from './observableDeps.js';
import type { PoolInfo, StakerInfo, WithdrawRequestInfo } from './records.js';
import { sameValue } from './sameValue.js';

/** A queued withdrawal with its deadlines, as the Stake pop-up shows it. */
export interface QueuedWithdrawal extends WithdrawRequestInfo {
  /** current value of the queued shares, planck */
  value: bigint;
  /** start + GracePeriod: after this, unmet shares force every worker of the pool to stop */
  deadline: bigint;
  /** "Countdown": seconds until the deadline (0 once passed) */
  countdown: bigint;
  /** "latest withdrawal": deadline + CoolDownPeriod — the latest the funds are paid out */
  latestCompletion: bigint;
}

/** "Your Stake Info" of an account in a pool. */
export interface StakeView {
  /** The pool. */
  pid: bigint;
  /** The staker (or owner) the view is for, SS58. */
  account: string;
  /** "Locked": the staking amount in this pool */
  locked: bigint;
  /** "Shares" */
  shares: bigint;
  /** current value of the shares (bmul(shares, price)) */
  value: bigint;
  /** settled, claimable rewards */
  availableRewards: bigint;
  /** accrued since the last settlement: bmul(shares, reward_acc) − reward_debt */
  pendingRewards: bigint;
  /** available + pending: what a staker claim pays */
  claimableRewards: bigint;
  /** the pool's owner reward if the account owns the pool */
  ownerReward: bigint;
  /** the account's request in the withdraw queue, if any */
  queuedWithdrawal: QueuedWithdrawal | undefined;
}

/** Adds countdown and deadlines to a queue entry (pure). */
export function queuedWithdrawal(
  request: WithdrawRequestInfo,
  pool: PoolInfo,
  now: bigint,
  gracePeriod: bigint,
  coolDownPeriod: bigint,
): QueuedWithdrawal {
  const price = sharePrice(pool.totalStake, pool.totalShares);
  const deadline = request.startTime + gracePeriod;
  return {
    ...request,
    value: price === undefined ? 0n : valueOfShares(request.shares, price),
    deadline,
    countdown: deadline > now ? deadline - now : 0n,
    latestCompletion: deadline + coolDownPeriod,
  };
}

/** Computes a {@link StakeView} (pure). */
export function stakeView(
  pool: PoolInfo,
  account: string,
  staker: StakerInfo | undefined,
  now: bigint,
  gracePeriod: bigint,
  coolDownPeriod: bigint,
): StakeView {
  const price = sharePrice(pool.totalStake, pool.totalShares);
  const shares = staker?.shares ?? 0n;
  const pending = staker ? pendingReward(staker.shares, pool.rewardAcc, staker.rewardDebt) : 0n;
  const available = staker?.availableRewards ?? 0n;
  const request = pool.withdrawQueue.find((w) => sameAccount(w.user, account));
  return {
    pid: pool.pid,
    account,
    locked: staker?.locked ?? 0n,
    shares,
    value: price === undefined ? 0n : valueOfShares(shares, price),
    availableRewards: available,
    pendingRewards: pending,
    claimableRewards: available + pending,
    ownerReward: sameAccount(pool.owner, account) ? pool.ownerReward : 0n,
    queuedWithdrawal: request ? queuedWithdrawal(request, pool, now, gracePeriod, coolDownPeriod) : undefined,
  };
}

/** Live stake of an account in a pool (pool record + staker record + chain time). */
export function stakeState$(
  deps: ObservableDeps,
  pool$: Observable<PoolInfo | undefined>,
  pid: bigint,
  account: string,
): Observable<StakeView | undefined> {
  const staker$ = watchDecoded$(deps.api, [
    ['PhalaStakePool', 'PoolStakers', poolStakerKey(pid, account)],
    ['Timestamp', 'Now'],
    ['PhalaMining', 'CoolDownPeriod'],
  ]);
  return combineLatest([pool$, staker$]).pipe(
    map(([pool, [staker, now, cooldown]]) => {
      if (!pool) return undefined;
      return stakeView(
        pool,
        account,
        decodeStaker(staker, deps.ss58),
        decodeNowSeconds(now),
        deps.constants.gracePeriod,
        cooldown,
      );
    }),
    // recomputed on every block (the timestamp is an input), passed on only when the view itself changed
    distinctUntilChanged(sameValue),
  );
}

/** Live withdraw queue of a pool, in order, with countdowns. */
export function withdrawQueueState$(
  deps: ObservableDeps,
  pool$: Observable<PoolInfo | undefined>,
): Observable<QueuedWithdrawal[]> {
  const clock$ = watchDecoded$(deps.api, [
    ['Timestamp', 'Now'],
    ['PhalaMining', 'CoolDownPeriod'],
  ]);
  return combineLatest([pool$, clock$]).pipe(
    map(([pool, [now, cooldown]]) => {
      if (!pool) return [];
      return pool.withdrawQueue.map((w) =>
        queuedWithdrawal(w, pool, decodeNowSeconds(now), deps.constants.gracePeriod, cooldown),
      );
    }),
    distinctUntilChanged(sameValue),
  );
}
