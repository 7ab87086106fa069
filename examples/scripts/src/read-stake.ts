/**
 * "Staking Info": a staker's Locked and Shares, the rewards waiting to be claimed, and the pool's Withdraw Queue
 * (staker, shares, countdown) in the order the requests were made.
 */
import { pha } from '@phala-mining/core';
import { earnRewards, miningPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface ReadStakeOutcome {
  pid: bigint;
  /** "Your Stake Info" of Bob */
  locked: bigint;
  shares: bigint;
  pendingRewards: bigint;
  claimableRewards: bigint;
  /** "Withdraw Queue" */
  queue: { staker: string; shares: bigint; countdown: bigint }[];
}

export function main(endpoint?: string): Promise<ReadStakeOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, accounts } = session;
    const { bob, charlie } = accounts;
    const { pid } = await miningPool(session, { stake: pha('6000') });
    await earnRewards(session, 2);
    // Charlie joins and then asks for more than the pool has free, so his request waits in the queue
    await client.pool(pid).contribute(pha('500')).send(charlie);
    await client.pool(pid).withdraw({ all: true }).send(bob);

    const stake = (await until(client.stake$(pid, bob.address), (s) => s?.queuedWithdrawal !== undefined))!;
    const queue = await until(client.withdrawQueue$(pid), (q) => q.length > 0);
    return {
      pid,
      locked: stake.locked,
      shares: stake.shares,
      pendingRewards: stake.pendingRewards,
      claimableRewards: stake.claimableRewards,
      queue: queue.map((q) => ({ staker: q.user, shares: q.shares, countdown: q.countdown })),
    };
  });
}

runAsCommand(import.meta.url, main);
