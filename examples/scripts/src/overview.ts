/**
 * The overview of everything an account manages: every pool it owns, every worker in them, and the totals
 * (workers by state, stake mining / free / releasing, owner rewards, everything mined).
 */
import { pha } from '@phala-mining/core';
import { addRegisteredWorker, earnRewards, newPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface OverviewOutcome {
  account: string;
  pools: { pid: bigint; workers: { pubkey: string; state: string }[] }[];
  totals: {
    pools: number;
    workers: number;
    mining: number;
    ready: number;
    totalStake: bigint;
    miningStake: bigint;
    freeStake: bigint;
    totalMined: bigint;
  };
}

export function main(endpoint?: string): Promise<OverviewOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, accounts } = session;
    // Dave manages two pools here, so the overview is his alone whatever else is on the chain
    const dave = accounts.dave;
    const first = await newPool(session, dave);
    await client.pool(first).contribute(pha('10000')).send(dave);
    const worker = await addRegisteredWorker(session, first, { owner: dave });
    const [view] = await until(client.workers$(first), (ws) => ws[0]?.smin !== undefined);
    await client.pool(first).startMining(worker, view!.smin!).send(dave);
    await session.chain.setWorkerOnline(worker, true);
    const second = await newPool(session, dave);
    await addRegisteredWorker(session, second, { owner: dave, cores: 2 });
    await earnRewards(session, 2);

    const overview = await until(
      client.overview$(dave.address),
      (o) => o.totals.workers === 2 && o.totals.totalMined > 0n && o.totals.workersByState.Mining === 1,
    );
    const t = overview.totals;
    return {
      account: overview.account,
      pools: overview.pools.map(({ pool, workers }) => ({
        pid: pool.pid,
        workers: workers.map((w) => ({ pubkey: w.pubkey, state: w.state })),
      })),
      totals: {
        pools: t.pools,
        workers: t.workers,
        mining: t.workersByState.Mining,
        ready: t.workersByState.Ready,
        totalStake: t.totalStake,
        miningStake: t.miningStake,
        freeStake: t.freeStake,
        totalMined: t.totalMined,
      },
    };
  });
}

runAsCommand(import.meta.url, main);
