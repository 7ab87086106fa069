/**
 * "Set Payout Pref": the owner takes 20 % of the pool's rewards as commission. The payout is a percentage between
 * 0 and 100; anything else is refused before a signature is asked for.
 */
import { InvalidPercentError } from '@phala-mining/core';
import { newPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface SetPayoutOutcome {
  pid: bigint;
  /** Permill parts on chain: 20 % = 200 000 */
  commission: number;
  percent: number;
  /** what a payout of 101 % is refused with */
  rejected: string;
}

export function main(endpoint?: string): Promise<SetPayoutOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, accounts } = session;
    const pid = await newPool(session);
    await client.pool(pid).setPayout(20).send(accounts.alice);
    const pool = await until(client.pool$(pid), (p) => p?.commission === 200_000);

    // the argument is checked before signing, like every rule: nothing reaches the chain
    let rejected = '';
    try {
      await client.pool(pid).setPayout(101).dryRun(accounts.alice);
    } catch (error) {
      if (!(error instanceof InvalidPercentError)) throw error;
      rejected = error.code;
    }
    return { pid, commission: pool!.commission, percent: pool!.commission / 10_000, rejected };
  });
}

runAsCommand(import.meta.url, main);
