/**
 * "Create a Pool": Alice creates a stake pool and finds it in her Stakepool list.
 *
 *   pnpm --filter @phala-mining/examples exec tsx src/create-pool.ts [--endpoint ws://127.0.0.1:9944]
 */
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface CreatePoolOutcome {
  pid: bigint;
  owner: string;
  blockNumber: number;
  /** a new pool: 0 % payout, unlimited cap (undefined), no stake */
  commission: number;
  cap: bigint | undefined;
  totalStake: bigint;
  /** the pool appears in the owner's pool list */
  listed: boolean;
}

export function main(endpoint?: string): Promise<CreatePoolOutcome> {
  return withSession(endpoint, async ({ client, accounts }) => {
    const alice = accounts.alice;
    // send() validates, signs, and resolves once the block is finalized; `value` is the new pool's id
    const { value: pid, blockNumber } = await client.createPool().send(alice);
    const mine = await until(client.pools$({ owner: alice.address }), (pools) =>
      pools.some((p) => p.pid === pid),
    );
    const pool = mine.find((p) => p.pid === pid)!;
    return {
      pid,
      owner: pool.owner,
      blockNumber,
      commission: pool.commission,
      cap: pool.cap,
      totalStake: pool.totalStake,
      listed: true,
    };
  });
}

runAsCommand(import.meta.url, main);
