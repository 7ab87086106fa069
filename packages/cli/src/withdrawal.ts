import {
  type DecodedEvent,
  formatPha,
  type MiningClient,
  PoolNotFoundError,
  sharesToWithdraw,
  type WithdrawInput,
} from '@phala-mining/core';
import { bmul, rewardDebtFor, sharePrice, withdraw } from '@phala-mining/math';
import { phaText } from './format.js';
import type { Session } from './session.js';

/** A withdrawal split as the chain makes it: paid now from the pool's free stake, the rest queued. */
export interface WithdrawalSplit {
  /** shares redeemed in all */
  shares: bigint;
  /** planck paid to the staker in this block (from free stake) */
  paidNow: bigint;
  /** shares paid now */
  paidNowShares: bigint;
  /** shares left in the withdraw queue (paid as free stake appears: contributions, reclaimed workers) */
  queuedShares: bigint;
  /** the queued shares' value at the current price, planck (undefined when read from events alone) */
  queuedValue: bigint | undefined;
}

/**
 * What `withdraw` will do, computed with the chain's own arithmetic (`@phala-mining/math`'s `withdraw`, the same
 * function the dev chain runs) on the pool and stake as they are now.
 */
export async function predictWithdrawal(
  s: Session,
  client: MiningClient,
  pid: bigint,
  signer: string,
  input: WithdrawInput,
): Promise<WithdrawalSplit> {
  const [pool, stake] = await Promise.all([s.first(client.pool$(pid)), s.first(client.stake$(pid, signer))]);
  if (!pool || !stake) throw new PoolNotFoundError(pid);
  const staker = {
    user: signer,
    locked: stake.locked,
    shares: stake.shares,
    availableRewards: stake.availableRewards,
    rewardDebt: rewardDebtFor(stake.shares, pool.rewardAcc),
  };
  const shares = sharesToWithdraw(input, pool, staker);
  const record = {
    payoutCommission: pool.commission,
    ownerReward: pool.ownerReward,
    rewardAcc: pool.rewardAcc,
    totalShares: pool.totalShares,
    totalStake: pool.totalStake,
    freeStake: pool.freeStake,
    releasingStake: pool.releasingStake,
    withdrawQueue: pool.withdrawQueue,
  };
  const r = withdraw(record, staker, shares, BigInt(Math.floor(Date.now() / 1000)));
  const price = sharePrice(pool.totalStake, pool.totalShares);
  return {
    shares,
    paidNow: r.withdrawal?.amount ?? 0n,
    paidNowShares: r.withdrawal?.shares ?? 0n,
    queuedShares: r.queuedShares,
    queuedValue: price === undefined ? r.queuedShares : bmul(r.queuedShares, price),
  };
}

/** The split as it happened, from the `Withdrawal` and `WithdrawalQueued` events of the extrinsic. */
export function withdrawalOutcome(events: readonly DecodedEvent[]): WithdrawalSplit {
  const paid = events.find((e) => e.section === 'phalaStakePool' && e.method === 'Withdrawal');
  const queued = events.find((e) => e.section === 'phalaStakePool' && e.method === 'WithdrawalQueued');
  const big = (v: unknown) => (typeof v === 'bigint' ? v : 0n);
  const paidNowShares = big(paid?.data.shares);
  const queuedShares = big(queued?.data.shares);
  return {
    shares: paidNowShares + queuedShares,
    paidNow: big(paid?.data.amount),
    paidNowShares,
    queuedShares,
    queuedValue: undefined,
  };
}

const sharesText = (n: bigint) => `${formatPha(n, { decimals: 4, group: true })} shares`;

/** `paid now 20,010 PHA; queued 29,990 shares (≈ 29,990 PHA) …` — the two parts a withdrawal is split into. */
export function withdrawalText(w: WithdrawalSplit, pid: bigint, mode: 'predicted' | 'done'): string[] {
  const lines = [
    `${mode === 'done' ? 'withdrew' : 'paid now'} ${phaText(w.paidNow)} (${sharesText(w.paidNowShares)}) from pool ${pid}'s free stake`,
  ];
  if (w.queuedShares > 0n) {
    lines.push(
      `queued ${sharesText(w.queuedShares)}${w.queuedValue === undefined ? '' : ` (≈ ${phaText(w.queuedValue)})`}: paid as free stake appears; if not covered within 7 days every worker of the pool is stopped (see \`phala-mining stake show ${pid}\`)`,
    );
  } else if (mode === 'predicted') lines.push('nothing queued: the free stake covers it all');
  return lines;
}
