/**
 * "Staking / Delegating": Bob contributes 2 000 PHA to Alice's pool and sees it as "Locked" in his stake info.
 * A contribution must be at least MinContribution, at most the transferable balance and the pool's cap gap.
 */
import { pha } from '@phala-mining/core';
import { newPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface ContributeOutcome {
  pid: bigint;
  /** shares minted by this contribution (1:1 while the pool has no losses) */
  sharesMinted: bigint;
  locked: bigint;
  shares: bigint;
  /** the pool's free stake: not yet used by any worker */
  freeStake: bigint;
  /** Bob's balance still available for staking */
  delegable: bigint;
  /** what a contribution over the cap gap is refused with */
  rejected: string;
}

export function main(endpoint?: string): Promise<ContributeOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, accounts } = session;
    const { bob, alice } = accounts;
    const pid = await newPool(session);
    await client.pool(pid).setCap(pha('5000')).send(alice);

    const { value: sharesMinted } = await client.pool(pid).contribute(pha('2000')).send(bob);
    const stake = (await until(client.stake$(pid, bob.address), (s) => s?.locked === pha('2000')))!;
    const pool = (await until(client.pool$(pid), (p) => p?.freeStake === pha('2000')))!;
    const balance = await until(client.balance$(bob.address), (b) => b.lockedByPools >= pha('2000'));

    // 3 000 PHA of cap gap is left; 3 001 is refused with the gap in the error
    const rejected = await client
      .pool(pid)
      .contribute(pha('3001'))
      .dryRun(bob)
      .then(
        () => 'accepted',
        (error: { code?: string }) => error.code ?? 'unknown',
      );
    return {
      pid,
      sharesMinted,
      locked: stake.locked,
      shares: stake.shares,
      freeStake: pool.freeStake,
      delegable: balance.delegable,
      rejected,
    };
  });
}

runAsCommand(import.meta.url, main);
