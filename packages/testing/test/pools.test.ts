/** The pool set-ups core's and the CLI's guardian tests share. */
import { describe, expect } from 'vitest';
import {
  createMiningPool,
  InvalidArgumentError,
  nowSeconds,
  queueWithdrawal,
  travelTo,
} from '../src/index.js';
import { createChainTest } from '../src/vitest.js';

const PHA = 10n ** 12n;
const test = createChainTest({ isolate: true });

describe('createMiningPool', () => {
  test('mines every worker at its stake, with all of Bob’s contribution bound: no free stake', async ({
    chain,
  }) => {
    const { pid, workers } = await createMiningPool(chain, [3000n * PHA, 4000n * PHA]);
    expect(workers).toHaveLength(2);
    const api = chain.api as any;
    const pool = (await api.query.phalaStakePool.stakePools(pid)).unwrap();
    expect(pool.owner.toString()).toBe(chain.accounts.alice.address);
    expect(pool.totalStake.toBigInt()).toBe(7000n * PHA);
    expect(pool.freeStake.toBigInt()).toBe(0n);
    const stakes = [];
    for (const w of workers) {
      const miner = (await api.query.phalaMining.workerBindings(w)).unwrap();
      expect((await api.query.phalaMining.miners(miner)).unwrap().state.type).toBe('MiningIdle');
      stakes.push((await api.query.phalaMining.stakes(miner)).unwrap().toBigInt());
    }
    expect(stakes).toEqual([3000n * PHA, 4000n * PHA]);
    const bob = (await api.query.phalaStakePool.poolStakers([pid, chain.accounts.bob.address])).unwrap();
    expect(bob.shares.toBigInt()).toBe(7000n * PHA);
  });

  test('takes the stakers given, and refuses stakers that do not add up', async ({ chain }) => {
    const { charlie, dave } = chain.accounts;
    const { pid } = await createMiningPool(chain, [3000n * PHA], {
      stakers: [
        [charlie, 1000n * PHA],
        [dave, 2000n * PHA],
      ],
    });
    const api = chain.api as any;
    const shares = async (who: string) =>
      (await api.query.phalaStakePool.poolStakers([pid, who])).unwrap().shares.toBigInt();
    expect([await shares(charlie.address), await shares(dave.address)]).toEqual([1000n * PHA, 2000n * PHA]);
    await expect(
      createMiningPool(chain, [3000n * PHA], { stakers: [[charlie, 1000n * PHA]] }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  test('queueWithdrawal queues the whole request at the head’s time; travelTo moves the clock there', async ({
    chain,
  }) => {
    const { pid } = await createMiningPool(chain, [3000n * PHA]);
    const start = await queueWithdrawal(chain, pid, 1000n * PHA);
    expect(start).toBe(await nowSeconds(chain));
    const pool = (await (chain.api as any).query.phalaStakePool.stakePools(pid)).unwrap();
    expect(pool.withdrawQueue.length).toBe(1);
    expect(pool.withdrawQueue[0].shares.toBigInt()).toBe(1000n * PHA);
    await travelTo(chain, start + 3600n);
    expect(await nowSeconds(chain)).toBe(start + 3600n);
  });
});
