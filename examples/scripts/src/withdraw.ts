/**
 * "Withdraw Staking": Bob withdraws 8 000 PHA from a pool where most stake is locked in a mining worker. The pool
 * pays what its free stake covers at once and queues the rest in the "Withdraw Queue" with a countdown: unless it
 * is covered before the countdown ends, every worker of the pool is stopped.
 */
import { pha } from '@phala-mining/core';
import { miningPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface WithdrawOutcome {
  pid: bigint;
  freeStakeBefore: bigint;
  /** paid out at once: the pool's free stake */
  withdrawnNow: bigint;
  /** still queued */
  queuedShares: bigint;
  queuedValue: bigint;
  /** seconds until the grace period ends */
  countdown: bigint;
  lockedAfter: bigint;
}

export function main(endpoint?: string): Promise<WithdrawOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, accounts } = session;
    const { bob } = accounts;
    const { pid } = await miningPool(session, { stake: pha('10000') });
    const before = (await until(client.pool$(pid)))!;
    const lockedBefore = (await until(client.stake$(pid, bob.address)))!.locked;

    await client
      .pool(pid)
      .withdraw({ amount: pha('8000') })
      .send(bob);

    const stake = (await until(client.stake$(pid, bob.address), (s) => s?.queuedWithdrawal !== undefined))!;
    const queued = stake.queuedWithdrawal!;
    return {
      pid,
      freeStakeBefore: before.freeStake,
      withdrawnNow: lockedBefore - stake.locked,
      queuedShares: queued.shares,
      queuedValue: queued.value,
      countdown: queued.countdown,
      lockedAfter: stake.locked,
    };
  });
}

runAsCommand(import.meta.url, main);
