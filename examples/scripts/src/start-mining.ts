/**
 * "Start Mining": start a Ready worker with a stake between its Smin and Smax (and within the pool's free stake).
 * The stake cannot be changed while mining. The worker goes from Ready to Mining.
 */
import { pha } from '@phala-mining/core';
import { addRegisteredWorker, newPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface StartMiningOutcome {
  pid: bigint;
  worker: string;
  smin: bigint;
  smax: bigint;
  stake: bigint;
  before: string;
  after: string;
  /** what a stake below Smin is refused with */
  rejected: string;
}

export function main(endpoint?: string): Promise<StartMiningOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, accounts } = session;
    const pid = await newPool(session);
    await client.pool(pid).contribute(pha('10000')).send(accounts.bob);
    const worker = await addRegisteredWorker(session, pid, { score: 2000 });

    // the Worker List shows each worker's Smin and Smax, computed from its benchmark score and the tokenomics
    const [ready] = await until(client.workers$(pid), (ws) => ws[0]?.smin !== undefined);
    const smin = ready!.smin!;
    const smax = ready!.smax!;
    const rejected = await client
      .pool(pid)
      .startMining(worker, smin - 1n)
      .dryRun(accounts.alice)
      .then(
        () => 'accepted',
        (error: { code?: string }) => error.code ?? 'unknown',
      );

    // halfway between Smin and Smax, as long as the pool's free stake covers it
    const stake = smin + (smax - smin) / 2n > pha('10000') ? smin : smin + (smax - smin) / 2n;
    await client.pool(pid).startMining(worker, stake).send(accounts.alice);
    const [mining] = await until(client.workers$(pid), (ws) => ws[0]?.state === 'Mining');
    return {
      pid,
      worker,
      smin,
      smax,
      stake: mining!.stake,
      before: ready!.state,
      after: mining!.state,
      rejected,
    };
  });
}

runAsCommand(import.meta.url, main);
