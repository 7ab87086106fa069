/**
 * "Add a Miner": the pool owner adds a worker by its public key. The worker must be registered on chain with the
 * owner as its operator; on the dev chain `phala_registerWorker` plays the part of a synced pRuntime.
 */

import { newPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface AddWorkerOutcome {
  pid: bigint;
  worker: string;
  /** a freshly added worker is Ready */
  state: string;
  cores: number | undefined;
  /** what adding the same worker again is refused with */
  rejected: string;
}

export function main(endpoint?: string): Promise<AddWorkerOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, chain, accounts } = session;
    const pid = await newPool(session);
    // the "miner public key" a real worker prints once synced
    const worker = await chain.registerWorker({ operator: accounts.alice, score: 2000, cores: 8 });

    await client.pool(pid).addWorker(worker).send(accounts.alice);
    const [view] = await until(client.workers$(pid), (ws) => ws.length === 1);

    const rejected = await client
      .pool(pid)
      .addWorker(worker)
      .dryRun(accounts.alice)
      .then(
        () => 'accepted',
        (error: { code?: string }) => error.code ?? 'unknown',
      );
    return { pid, worker, state: view!.state, cores: view!.cores, rejected };
  });
}

runAsCommand(import.meta.url, main);
