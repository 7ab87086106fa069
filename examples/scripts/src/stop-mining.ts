/**
 * "Stop Mining": the owner stops a Mining worker. It goes to CoolingDown for the cooldown period (7 days), during
 * which its stake shows as the pool's "Releasing Stake".
 */
import { ensureMiningEnabled, miningPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface StopMiningOutcome {
  pid: bigint;
  worker: string;
  state: string;
  /** unix seconds when the worker may be reclaimed */
  cooldownEnd: bigint;
  cooldownRemaining: bigint;
  releasingStake: bigint;
  /** reclaiming before the end is refused with */
  rejected: string;
}

export function main(endpoint?: string): Promise<StopMiningOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, accounts } = session;
    // first, so the SDK's nonce tracking starts after this sudo call
    await ensureMiningEnabled(session);
    const { pid, worker } = await miningPool(session);

    await client.pool(pid).stopMining(worker).send(accounts.alice);

    const [view] = await until(client.workers$(pid), (ws) => ws[0]?.state === 'CoolingDown');
    const pool = (await until(client.pool$(pid), (p) => (p?.releasingStake ?? 0n) > 0n))!;
    const rejected = await client
      .pool(pid)
      .reclaimWorker(worker)
      .dryRun(accounts.alice)
      .then(
        () => 'accepted',
        (error: { code?: string }) => error.code ?? 'unknown',
      );
    return {
      pid,
      worker,
      state: view!.state,
      cooldownEnd: view!.cooldownEnd!,
      cooldownRemaining: view!.cooldownRemaining!,
      releasingStake: pool.releasingStake,
      rejected,
    };
  });
}

runAsCommand(import.meta.url, main);
