/**
 * The Stakepool list with the Phala App's fields — Owner Reward, commission, cap, Total Shares, Free Stake,
 * Releasing Stake — and "Show this only": the Worker List of one pool.
 */
import { earnRewards, miningPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface PoolRow {
  pid: bigint;
  owner: string;
  ownerReward: bigint;
  /** percent */
  commission: number;
  /** undefined = unlimited */
  cap: bigint | undefined;
  totalShares: bigint;
  totalStake: bigint;
  freeStake: bigint;
  releasingStake: bigint;
  workers: number;
}

export interface ReadPoolsOutcome {
  pools: PoolRow[];
  /** "Show this only" on the first row: that pool's workers */
  shownOnly: { pid: bigint; workers: string[] };
}

export function main(endpoint?: string): Promise<ReadPoolsOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, accounts } = session;
    const { pid } = await miningPool(session);
    await client.pool(pid).setPayout(20).send(accounts.alice);
    await earnRewards(session, 2);

    // every pool on chain; `pools$({ owner })` lists one owner's
    const pools = await until(
      client.pools$(),
      (list) => (list.find((p) => p.pid === pid)?.ownerReward ?? 0n) > 0n,
    );
    const rows = pools.map((p) => ({
      pid: p.pid,
      owner: p.owner,
      ownerReward: p.ownerReward,
      commission: p.commission / 10_000,
      cap: p.cap,
      totalShares: p.totalShares,
      totalStake: p.totalStake,
      freeStake: p.freeStake,
      releasingStake: p.releasingStake,
      workers: p.workers.length,
    }));
    const workers = await until(client.workers$(pid), (ws) => ws.length > 0);
    return { pools: rows, shownOnly: { pid, workers: workers.map((w) => w.pubkey) } };
  });
}

runAsCommand(import.meta.url, main);
