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
