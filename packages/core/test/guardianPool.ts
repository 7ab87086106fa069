import { createMiningPool, nowSeconds, type TestChain, travelTo } from '@phala-mining/testing';
import type { KeyringPair } from '@polkadot/keyring/types';
import { type MiningClient, pha } from '../src/index.js';

export { nowSeconds, travelTo };

/**
 * A pool of Alice's with one mining worker per stake (PHA) and no free stake left, staked by Bob — or by the
 * `stakers` given (account and PHA each; together exactly the workers' stakes): the testing package's
 * `createMiningPool`, shared with the CLI's guardian tests, in PHA.
 */
export function miningPool(
  chain: TestChain,
  stakes: readonly string[],
  stakers?: readonly (readonly [KeyringPair, string])[],
): Promise<{ pid: bigint; workers: string[] }> {
  return createMiningPool(
    chain,
    stakes.map((s) => pha(s)),
    stakers ? { stakers: stakers.map(([staker, amount]) => [staker, pha(amount)] as const) } : {},
  );
}

/** The pool's worker states at the head, by key (a fresh read, never a cached emission). */
export async function states(client: MiningClient, pid: bigint): Promise<Record<string, string>> {
  const { workers } = await client.guardianSnapshot(pid);
  return Object.fromEntries(workers.map((w) => [w.pubkey, w.state]));
}

/** One staker's queued withdrawal: who, what they stake (PHA) and how much they ask back (PHA). */
export type Withdrawal = readonly [staker: KeyringPair, stake: string, withdraw: string];

/**
 * A {@link miningPool} staked by two stakers whose withdrawals wait in two buckets: the first asks, the clock moves
 * `daysApart`, then the second asks. Returns the pool and the two requests' start times (chain seconds).
 */
export async function twoBucketPool(
  chain: TestChain,
  client: MiningClient,
  stakes: readonly string[],
  first: Withdrawal,
  second: Withdrawal,
  daysApart: number,
): Promise<{ pid: bigint; workers: string[]; t1: bigint; t2: bigint }> {
  const { pid, workers } = await miningPool(chain, stakes, [
    [first[0], first[1]],
    [second[0], second[1]],
  ]);
  await client
    .pool(pid)
    .withdraw({ amount: pha(first[2]) })
    .send(first[0]);
  const t1 = await nowSeconds(chain);
  await chain.timeTravel({ days: daysApart });
  await client
    .pool(pid)
    .withdraw({ amount: pha(second[2]) })
    .send(second[0]);
  const t2 = await nowSeconds(chain);
  return { pid, workers, t1, t2 };
}
