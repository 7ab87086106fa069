/**
 * Pool set-ups the SDK's own tests share (core's and the CLI's guardian tests): a stake pool of Alice's whose
 * workers all mine with no free stake left, a queued withdrawal, and the chain's clock in unix seconds. They submit
 * the extrinsics a user would (phalaStakePool.create, addWorker, contribute, startMining), so deposits, events and
 * the withdraw queue are the chain's own.
 */
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Hex, TestChain } from './chain.js';
import { InvalidArgumentError } from './errors.js';
import { eventFields, findEvents } from './events.js';

const PHA = 10n ** 12n;

export interface MiningPoolOptions {
  /**
   * Who contributes how much (planck); together exactly the workers' stakes. Default: Bob contributes all of it.
   */
  stakers?: readonly (readonly [KeyringPair, bigint])[];
}

/**
 * A pool of Alice's with one mining worker per stake (planck; score 400, 4 cores, confidence 1), the stakes
 * contributed by Bob (or `options.stakers`), so the pool has no free stake left. Each staker is funded first.
 */
export async function createMiningPool(
  chain: TestChain,
  stakes: readonly bigint[],
  options: MiningPoolOptions = {},
): Promise<{ pid: bigint; workers: Hex[] }> {
  const { alice, bob } = chain.accounts;
  // the testing package does not load the generated augmentation, so the decorated api is untyped here
  const tx = chain.api.tx as any;
  const total = stakes.reduce((a, s) => a + s, 0n);
  const stakers = options.stakers ?? [[bob, total] as const];
  if (stakers.reduce((a, [, amount]) => a + amount, 0n) !== total)
    throw new InvalidArgumentError('createMiningPool: the stakers must add up to the workers’ stakes');
  const created = await chain.sendTx(tx.phalaStakePool.create(), alice);
  const [event] = findEvents(created, 'PhalaStakePool.PoolCreated');
  if (!event) throw new Error('no PhalaStakePool.PoolCreated event in the block');
  const pid = BigInt(eventFields(event).pid!.toString());
  const workers: Hex[] = [];
  for (const _ of stakes)
    workers.push(await chain.registerWorker({ operator: alice, score: 400, cores: 4, confidence: 1 }));
  await chain.sendTx(tx.utility.batchAll(workers.map((w) => tx.phalaStakePool.addWorker(pid, w))), alice);
  for (const [staker, amount] of stakers) {
    // fund sets the free balance, which still holds the stake other pools lock
    await chain.fund(staker, (await chain.balanceOf(staker)) + amount + 1000n * PHA);
    await chain.sendTx(tx.phalaStakePool.contribute(pid, amount), staker);
  }
  await chain.sendTx(
    tx.utility.batchAll(workers.map((w, i) => tx.phalaStakePool.startMining(pid, w, stakes[i]!))),
    alice,
  );
  return { pid, workers };
}

/**
 * `staker` (default Bob) asks for `shares` back from the pool; with no free stake all of it is queued. Returns the
 * request's start time in the withdraw queue, unix seconds.
 */
export async function queueWithdrawal(
  chain: TestChain,
  pid: bigint,
  shares: bigint,
  staker: KeyringPair = chain.accounts.bob,
): Promise<bigint> {
  const api = chain.api as any;
  await chain.sendTx(api.tx.phalaStakePool.withdraw(pid, shares), staker);
  const pool = (await api.query.phalaStakePool.stakePools(pid)).unwrap();
  return BigInt(pool.withdrawQueue.at(-1).startTime.toString());
}

/** Chain time of the head, unix seconds (the unit of the pallets' timestamps). */
export async function nowSeconds(chain: TestChain): Promise<bigint> {
  return BigInt(Math.floor((await chain.now()).getTime() / 1000));
}

/** Moves the chain's clock to `seconds` (unix) in one block. */
export async function travelTo(chain: TestChain, seconds: bigint): Promise<void> {
  await chain.timeTravel(new Date(Number(seconds) * 1000));
}
