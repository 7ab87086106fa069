import { createMiningPool, queueWithdrawal as queue, type TestChain } from '@phala-mining/testing';

export { nowSeconds, travelTo } from '@phala-mining/testing';

export const PHA = 1_000_000_000_000n;

/**
 * A pool of Alice's with one mining worker per stake (PHA), all of it contributed by Bob: no free stake left. The
 * testing package's `createMiningPool`, shared with core's guardian tests, in whole PHA.
 */
export function miningPool(
  chain: TestChain,
  stakes: readonly bigint[],
): Promise<{ pid: bigint; workers: string[] }> {
  return createMiningPool(
    chain,
    stakes.map((s) => s * PHA),
  );
}

/** Bob asks for `amount` PHA back; with no free stake all of it is queued. Returns the request's start time (s). */
export function queueWithdrawal(chain: TestChain, pid: bigint, amount: bigint): Promise<bigint> {
  // price is 1 in these pools (one staker, no slash): shares = planck
  return queue(chain, pid, amount * PHA);
}

/** The miner states of the pool's workers, in order (`MiningIdle`, `MiningCoolingDown`, `Ready` …). */
export async function minerStates(chain: TestChain, workers: readonly string[]): Promise<string[]> {
  const { api } = chain;
  const out: string[] = [];
  for (const w of workers) {
    const miner = await (api.query as any).phalaMining.workerBindings(w);
    const record = await (api.query as any).phalaMining.miners(miner.unwrap());
    out.push(record.unwrap().state.type);
  }
  return out;
}
