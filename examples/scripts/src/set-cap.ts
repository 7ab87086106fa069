/**
 * "Set Cap": limit the pool to 50 000 PHA of stake. The cap may be anywhere from the pool's current total stake
 * up; a lower one is refused with the pool's numbers before anything is signed.
 */
import { CapBelowTotalStakeError, pha } from '@phala-mining/core';
import { newPool } from './lib/fixtures.js';
import { runAsCommand } from './lib/run.js';
import { withSession } from './lib/session.js';
import { until } from './lib/wait.js';

export interface SetCapOutcome {
  pid: bigint;
  cap: bigint;
  totalStake: bigint;
  /** the "Pool Cap Gap" a staker can still fill */
  capGap: bigint;
  /** what a cap below the total stake is refused with */
  rejected: { code: string; totalStake: bigint };
}

export function main(endpoint?: string): Promise<SetCapOutcome> {
  return withSession(endpoint, async (session) => {
    const { client, accounts } = session;
    const pid = await newPool(session);
    await client.pool(pid).contribute(pha('1000')).send(accounts.bob);

    await client.pool(pid).setCap(pha('50000')).send(accounts.alice);
    const pool = (await until(client.pool$(pid), (p) => p?.cap === pha('50000')))!;

    // dryRun checks every rule against chain state without signing
    const rejected = await client
      .pool(pid)
      .setCap(pha('999'))
      .dryRun(accounts.alice)
      .then(
        () => {
          throw new Error('a cap below the total stake was accepted');
        },
        (error: unknown) => {
          if (!(error instanceof CapBelowTotalStakeError)) throw error;
          return { code: error.code, totalStake: error.totalStake };
        },
      );
    return {
      pid,
      cap: pool.cap!,
      totalStake: pool.totalStake,
      capGap: pool.cap! - pool.totalStake,
      rejected,
    };
  });
}

runAsCommand(import.meta.url, main);
