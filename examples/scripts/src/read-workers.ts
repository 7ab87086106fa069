/**
 * The Worker List with the Phala App's fields — Mining Core, State, stake, Total Reward — plus Smin/Smax and, for
 * a CoolingDown worker, when its cooldown ends.
 */
import { addRegisteredWorker, earnRewards, ensureMiningEnabled, miningPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface WorkerRow {
  pubkey: string;
  cores: number | undefined;
  state: string;
  stake: bigint;
  totalReward: bigint;
  smin: bigint | undefined;
  smax: bigint | undefined;
  /** unix seconds; CoolingDown only */
  cooldownEnd: bigint | undefined;
}

export function main(endpoint?: string): Promise<{ pid: bigint; workers: WorkerRow[] }> {
  return withSession(endpoint, async (session) => {
    const { client, accounts } = session;
    // one worker that mined and was stopped, one that is Ready
    // first, so the SDK's nonce tracking starts after this sudo call
    await ensureMiningEnabled(session);
    const { pid, worker } = await miningPool(session, { score: 2000 });
    await earnRewards(session, 2);
    await client.pool(pid).stopMining(worker).send(accounts.alice);
    await addRegisteredWorker(session, pid, { score: 3000, cores: 16 });

    const views = await until(
      client.workers$(pid),
      (ws) => ws.length === 2 && ws[0]!.state === 'CoolingDown',
    );
    const workers = views.map((w) => ({
      pubkey: w.pubkey,
      cores: w.cores,
      state: w.state,
      stake: w.stake,
      totalReward: w.totalReward,
      smin: w.smin,
      smax: w.smax,
      cooldownEnd: w.cooldownEnd,
    }));
    return { pid, workers };
  });
}

runAsCommand(import.meta.url, main);
