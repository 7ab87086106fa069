import type { TestChain } from '@phala-mining/testing';

export const PHA = 1_000_000_000_000n;

/** A pool of Alice's with one mining worker per stake (PHA), all of it contributed by Bob: no free stake left. */
export async function miningPool(
  chain: TestChain,
  stakes: readonly bigint[],
): Promise<{ pid: bigint; workers: string[] }> {
  const { accounts } = chain;
  const api = chain.api as any; // not augmented in this package
  const { alice, bob } = accounts;
  const pid = BigInt((await (api.query as any).phalaStakePool.poolCount()).toString());
  await chain.sendTx(api.tx.phalaStakePool.create(), alice);
  const workers: string[] = [];
  for (const _ of stakes)
    workers.push(await chain.registerWorker({ operator: alice, score: 400, cores: 4, confidence: 1 }));
  await chain.sendTx(
    api.tx.utility.batchAll(workers.map((w) => api.tx.phalaStakePool.addWorker(pid, w))),
    alice,
  );
  const total = stakes.reduce((a, s) => a + s * PHA, 0n);
  await chain.fund(bob, (await chain.balanceOf(bob)) + total + 1000n * PHA);
  await chain.sendTx(api.tx.phalaStakePool.contribute(pid, total), bob);
  await chain.sendTx(
    api.tx.utility.batchAll(
      workers.map((w, i) => api.tx.phalaStakePool.startMining(pid, w, stakes[i]! * PHA)),
    ),
    alice,
  );
  return { pid, workers };
}

/** Bob asks for `amount` PHA back; with no free stake all of it is queued. Returns the request's start time (s). */
export async function queueWithdrawal(chain: TestChain, pid: bigint, amount: bigint): Promise<bigint> {
  const { accounts } = chain;
  const api = chain.api as any;
  // price is 1 in these pools (one staker, no slash): shares = planck
  await chain.sendTx(api.tx.phalaStakePool.withdraw(pid, amount * PHA), accounts.bob);
  const pool = (await (api.query as any).phalaStakePool.stakePools(pid)).unwrap();
  return BigInt(pool.withdrawQueue.at(-1).startTime.toString());
}

/** The miner states of the pool's workers, in order (`MiningIdle`, `MiningCoolingDown`, `Ready` …). */
export async function minerStates(
  chain: TestChain,
  pid: bigint,
  workers: readonly string[],
): Promise<string[]> {
  const { api } = chain;
  const out: string[] = [];
  for (const w of workers) {
    const miner = await (api.query as any).phalaMining.workerBindings(w);
    const record = await (api.query as any).phalaMining.miners(miner.unwrap());
    out.push(record.unwrap().state.type);
  }
  void pid;
  return out;
}

/** Moves the chain's clock to `seconds` (unix) in one block. */
export async function travelTo(chain: TestChain, seconds: bigint): Promise<void> {
  await chain.timeTravel(new Date(Number(seconds) * 1000));
}
