/**
 * "Remove Worker": only a Ready worker can be removed. A stopped worker cools down for 7 days, is reclaimed (its
 * stake returns to the pool's free stake) and is then removed from the pool.
 */
import { ensureMiningEnabled, miningPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface RemoveWorkerOutcome {
  pid: bigint;
  worker: string;
  /** states the worker went through */
  states: string[];
  freeStakeAfterReclaim: bigint;
  workersLeft: number;
}

export function main(endpoint?: string): Promise<RemoveWorkerOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, chain, accounts } = session;
    const { alice } = accounts;
    // first, so the SDK's nonce tracking starts after this sudo call
    await ensureMiningEnabled(session);
    const { pid, worker } = await miningPool(session);
    const states = ['Mining'];

    await client.pool(pid).stopMining(worker).send(alice);
    const [cooling] = await until(client.workers$(pid), (ws) => ws[0]?.state === 'CoolingDown');
    states.push(cooling!.state);

    // the dev chain's clock jumps to the end of the cooldown
    await chain.timeTravel(new Date(Number(cooling!.cooldownEnd!) * 1000));
    await until(client.workers$(pid), (ws) => ws[0]?.reclaimable === true);
    await client.pool(pid).reclaimWorker(worker).send(alice);
    const [ready] = await until(client.workers$(pid), (ws) => ws[0]?.state === 'Ready');
    states.push(ready!.state);
    const pool = (await until(client.pool$(pid), (p) => p?.releasingStake === 0n))!;

    await client.pool(pid).removeWorker(worker).send(alice);
    const left = await until(client.workers$(pid), (ws) => ws.length === 0);
    states.push('Removed');
    return { pid, worker, states, freeStakeAfterReclaim: pool.freeStake, workersLeft: left.length };
  });
}

runAsCommand(import.meta.url, main);
