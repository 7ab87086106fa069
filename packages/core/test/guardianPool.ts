import type { TestChain } from '@phala-mining/testing';
import type { KeyringPair } from '@polkadot/keyring/types';
import { type MiningClient, pha } from '../src/index.js';

/**
 * A pool of Alice's with one mining worker per stake (PHA) and no free stake left, staked by Bob — or by the
 * `stakers` given (account and PHA each; together exactly the workers' stakes).
 */
export async function miningPool(
  chain: TestChain,
  client: MiningClient,
  stakes: readonly string[],
  stakers?: readonly (readonly [KeyringPair, string])[],
): Promise<{ pid: bigint; workers: string[] }> {
  const { alice } = chain.accounts;
  const { value: pid } = await client.createPool().send(alice);
  const workers: string[] = [];
  for (let i = 0; i < stakes.length; i++)
    workers.push(await chain.registerWorker({ operator: alice, score: 400, cores: 4, confidence: 1 }));
  const total = stakes.reduce((a, s) => a + pha(s), 0n);
  const contributions = stakers ?? [
    [chain.accounts.bob, stakes.reduce((a, s) => a + Number(s), 0).toString()],
  ];
  if (contributions.reduce((a, [, x]) => a + pha(x), 0n) !== total)
    throw new Error('stakers must add up to the stakes');
  let setup = client.pool(pid);
  for (const w of workers) setup = setup.addWorker(w);
  await setup.send(alice);
  for (const [staker, amount] of contributions) {
    // fund sets the free balance, which still holds the stake other pools lock
    await chain.fund(staker, (await chain.balanceOf(staker)) + pha(amount) + pha('1000'));
    await client.pool(pid).contribute(pha(amount)).send(staker);
  }
  let start = client.pool(pid);
  workers.forEach((w, i) => {
    start = start.startMining(w, pha(stakes[i]!));
  });
  await start.send(alice);
  return { pid, workers };
}

/** Chain time of the head, unix seconds. */
export async function nowSeconds(chain: TestChain): Promise<bigint> {
  return BigInt(Math.floor((await chain.now()).getTime() / 1000));
}

/** Moves the chain's clock to `seconds` (unix) in one block. */
export async function travelTo(chain: TestChain, seconds: bigint): Promise<void> {
  await chain.timeTravel(new Date(Number(seconds) * 1000));
}

/** The pool's worker states at the head, by key (a fresh read, never a cached emission). */
export async function states(client: MiningClient, pid: bigint): Promise<Record<string, string>> {
  const { workers } = await client.guardianSnapshot(pid);
  return Object.fromEntries(workers.map((w) => [w.pubkey, w.state]));
}
