/**
 * The Phala flow a pool automation test goes through: a simulated worker registered in one step, added to a pool,
 * mined with, and reclaimed after the real 7-day cooldown — skipped over with time travel.
 */
import { describe, expect } from 'vitest';
import { findEvents, InvalidArgumentError, type TestChain } from '../src/index.js';
import { createChainTest } from '../src/vitest.js';

const PHA = 10n ** 12n;
// every test starts from the same chain state: both create pool 0
const test = createChainTest({ isolate: true });
// a chain like Khala before governance switched mining on (a fresh dev chain has the switch on, as Khala at 1192)
const testSwitchedOff = createChainTest({ isolate: true, devchain: { runtime: { miningEnabled: false } } });

interface MiningSetup {
  pid: bigint;
  worker: `0x${string}`;
  miner: string;
}

/** A pool of Alice's with one registered worker, Bob's stake, and the worker mining. */
async function startMiningWorker(chain: TestChain): Promise<MiningSetup> {
  const { api, accounts } = chain;
  const { alice, bob } = accounts;
  const created = await chain.sendTx(api.tx.phalaStakePool.create(), alice);
  expect(created).toHaveEvent('PhalaStakePool.PoolCreated', { owner: alice.address });
  const pid = (
    findEvents(created, 'PhalaStakePool.PoolCreated')[0]!.event.data as unknown as {
      pid: { toBigInt(): bigint };
    }
  ).pid.toBigInt();

  const worker = await chain.registerWorker({ operator: alice, score: 2_000, cores: 4, confidence: 1 });
  expect(worker).toMatch(/^0x[0-9a-f]{64}$/);
  const info = (await api.query.phalaRegistry.workers(worker)).toJSON() as Record<string, unknown>;
  expect(info).toMatchObject({ operator: alice.address, initialScore: 2_000, confidenceLevel: 1 });
  expect((info.features as number[])[0]).toBe(4);

  const added = await chain.sendTx(api.tx.phalaStakePool.addWorker(pid, worker), alice);
  expect(added).toHaveEvent('PhalaStakePool.PoolWorkerAdded', { pid, worker });
  expect(added).toHaveEvent('PhalaMining.MinerBound', { worker });

  await chain.sendTx(api.tx.phalaStakePool.contribute(pid, 15_000n * PHA), bob);
  const started = await chain.sendTx(api.tx.phalaStakePool.startMining(pid, worker, 10_000n * PHA), alice);
  expect(started).toHaveEvent('PhalaStakePool.MiningStarted', { pid, worker, amount: 10_000n * PHA });
  expect(started).toHaveEvent('PhalaMining.MinerStarted');
  const miner = (await api.query.phalaMining.workerBindings(worker)).toString();
  return { pid, worker, miner };
}

async function minerState(chain: TestChain, miner: string): Promise<string> {
  const info = (await chain.api.query.phalaMining.miners(miner)).toJSON() as { state: string } | null;
  return info?.state ?? 'None';
}

/**
 * Builds blocks until the miner reaches `state`; at most `limit`. No settle() here: a forced settlement counts as a
 * heartbeat, which would keep an offline worker responsive.
 */
async function untilMinerState(chain: TestChain, miner: string, state: string, limit = 200): Promise<number> {
  for (let blocks = 0; blocks <= limit; blocks++) {
    if ((await minerState(chain, miner)) === state) return blocks;
    await chain.newBlocks(1);
  }
  throw new Error(
    `miner ${miner} did not reach ${state} within ${limit} blocks (it is ${await minerState(chain, miner)})`,
  );
}

describe('mining with a registered worker', () => {
  test('is added to a pool, mines, earns, and goes unresponsive when offline', async ({ chain }) => {
    const { api } = chain;
    const { pid, worker, miner } = await startMiningWorker(chain);
    expect(await minerState(chain, miner)).toBe('MiningIdle');

    await chain.newBlocks(5);
    await chain.settle();
    const stats = (await api.query.phalaMining.miners(miner)).toJSON() as {
      stats: { totalReward: number | string };
    };
    expect(BigInt(stats.stats.totalReward)).toBeGreaterThan(0n);
    const pool = (await api.query.phalaStakePool.stakePools(pid)).toJSON() as { rewardAcc: number | string };
    expect(BigInt(pool.rewardAcc)).toBeGreaterThan(0n);

    // A single online miner is challenged about once per 150 blocks; a forced heartbeat challenges every worker
    // now, so the outcome does not hang on the chain's randomness.
    const challengeEveryone = () =>
      chain.sendTx(api.tx.sudo.sudo(api.tx.phalaMining.forceHeartbeat()), chain.accounts.alice);
    await chain.setWorkerOnline(worker, false);
    await challengeEveryone();
    await untilMinerState(chain, miner, 'MiningUnresponsive', 30);
    await chain.setWorkerOnline(worker, true);
    await challengeEveryone();
    await untilMinerState(chain, miner, 'MiningIdle', 30);
  });

  testSwitchedOff('is reclaimed only after the 7-day cooldown', async ({ chain }) => {
    const { api, accounts } = chain;
    const { pid, worker, miner } = await startMiningWorker(chain);
    expect(pid).toBe(0n);

    // Khala shipped with stopping disabled until governance switched it on
    await expect(
      chain.sendTx(api.tx.phalaStakePool.stopMining(pid, worker), accounts.alice),
    ).rejects.toThrowPalletError('PhalaStakePool.FeatureNotEnabled');
    await chain.setMiningEnabled(true);
    expect((await api.query.phalaStakePool.miningEnabled()).toJSON()).toBe(true);
    await chain.setMiningEnabled(true); // already on: nothing to send
    const stopped = await chain.sendTx(api.tx.phalaStakePool.stopMining(pid, worker), accounts.alice);
    expect(stopped).toHaveEvent('PhalaMining.MinerStopped', { miner });
    expect(await minerState(chain, miner)).toBe('MiningCoolingDown');
    const cooldown = BigInt((await api.query.phalaMining.coolDownPeriod()).toString());
    expect(cooldown).toBe(7n * 24n * 3600n);

    const reclaim = () => chain.sendTx(api.tx.phalaStakePool.reclaimPoolWorker(pid, worker), accounts.bob);
    await expect(reclaim()).rejects.toThrowPalletError('PhalaMining.CoolDownNotReady');
    await chain.timeTravel({ days: 6, hours: 23 });
    await expect(reclaim()).rejects.toThrowPalletError('CoolDownNotReady');

    await chain.timeTravel({ hours: 1 });
    const reclaimed = await reclaim();
    expect(reclaimed).toHaveEvent('PhalaStakePool.WorkerReclaimed', {
      pid,
      worker,
      originalStake: 10_000n * PHA,
    });
    expect(reclaimed).toHaveEvent('PhalaMining.MinerReclaimed', { miner });
    expect(await minerState(chain, miner)).toBe('Ready');

    await chain.setMiningEnabled(false);
    expect((await api.query.phalaStakePool.miningEnabled()).toJSON()).toBe(false);
    await expect(chain.setMiningEnabled('yes' as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
