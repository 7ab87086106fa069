import { bmul, ONE } from '@phala-mining/math';
import { describe, expect } from 'vitest';
import { miningTest as test } from '../../test/chainTest.js';
import { miningPool, nowSeconds, states, travelTo, twoBucketPool } from '../../test/guardianPool.js';
import { pha } from '../index.js';

// Every test builds its own pool and only moves the clock forward, so the tests share one chain in order.
const GRACE = 604_800n;

const allIn = (s: Record<string, string>, state: string) => Object.values(s).every((x) => x === state);

describe('withdrawalRisk', () => {
  test('predicts the forced stop: the deadline, the shortfall, and every worker stopping at the first block after', async ({
    chain,
    client,
  }) => {
    const { bob } = chain.accounts;
    const { pid, workers } = await miningPool(chain, ['3000', '4000', '5000']);
    await client
      .pool(pid)
      .withdraw({ amount: pha('7000') })
      .send(bob);
    const queuedAt = await nowSeconds(chain);

    const risk = await client.withdrawalRisk(pid);
    expect(risk.budget).toBe(0n);
    expect(risk.requests).toHaveLength(1);
    expect(risk.requests[0]).toMatchObject({
      startTime: queuedAt,
      deadline: queuedAt + GRACE,
      covered: false,
    });
    expect(risk).toMatchObject({ atRisk: true, deadline: queuedAt + GRACE, timeLeft: GRACE });
    // bdiv then bmul at price 1 may lose a planck; the shortfall is the chain's figure, not the typed amount
    expect(risk.shortfall).toBe(risk.requests[0]!.amount);
    expect(pha('7000') - risk.shortfall).toBeLessThanOrEqual(2n);
    expect(risk.miningWorkers).toEqual(workers);

    await travelTo(chain, queuedAt + GRACE); // now − start = GracePeriod: not yet
    expect(allIn(await states(client, pid), 'Mining')).toBe(true);
    expect((await client.withdrawalRisk(pid)).timeLeft).toBe(0n);
    await chain.timeTravel({ seconds: 6 }); // the next block (6 s at least): past the deadline
    expect(allIn(await states(client, pid), 'CoolingDown')).toBe(true);
    // once stopped, releasing stake covers the request: no more risk
    const after = await client.withdrawalRisk(pid);
    expect(after).toMatchObject({ atRisk: false, shortfall: 0n, deadline: undefined, budget: pha('12000') });
  });

  test('is exact to the planck: 1 planck short stops every worker, 0 short stops none', async ({
    chain,
    client,
  }) => {
    const { alice, bob } = chain.accounts;
    // price is exactly 1 in a pool whose only staker made the first deposit; find shares worth 3000 PHA + 0 / + 1
    const sharesWorth = (target: bigint) => {
      for (let s = target - 3n; s < target + 4n; s++) if (bmul(s, ONE) === target) return s;
      throw new Error(`no share count is worth ${target}`);
    };
    const outcomes: Record<string, { predicted: boolean; stopped: boolean }> = {};
    for (const [name, extra] of [
      ['short', 1n],
      ['exact', 0n],
    ] as const) {
      const { pid, workers } = await miningPool(chain, ['3000', '4000']);
      await client
        .pool(pid)
        .withdraw({ shares: sharesWorth(pha('3000') + extra) })
        .send(bob);
      await client.pool(pid).stopMining(workers[0]!).send(alice); // releasing = 3000 PHA exactly
      const risk = await client.withdrawalRisk(pid);
      expect(risk.shortfall).toBe(extra);
      await travelTo(chain, risk.requests[0]!.deadline + 1n);
      outcomes[name] = {
        predicted: risk.atRisk,
        stopped: (await states(client, pid))[workers[1]!] === 'CoolingDown',
      };
    }
    expect(outcomes).toEqual({
      short: { predicted: true, stopped: true },
      exact: { predicted: false, stopped: false },
    });
  });

  test('follows requests in different buckets: the first uncovered one decides, at its own deadline', async ({
    chain,
    client,
  }) => {
    const { alice, bob, charlie } = chain.accounts;
    // Bob's 2500 PHA of 9000, then two days later Charlie's 3000 of 3000
    const { pid, workers, t1, t2 } = await twoBucketPool(
      chain,
      client,
      ['3000', '4000', '5000'],
      [bob, '9000', '2500'],
      [charlie, '3000', '3000'],
      2,
    );
    await client.pool(pid).stopMining(workers[0]!).send(alice); // 3000 PHA releasing: Bob's request fits, Charlie's not

    const risk = await client.withdrawalRisk(pid);
    expect(risk.requests.map((r) => [r.startTime, r.covered])).toEqual([
      [t1, true],
      [t2, false],
    ]);
    expect(risk).toMatchObject({
      atRisk: true,
      deadline: t2 + GRACE,
      shortfall: risk.requests[1]!.shortfall,
    });
    expect(risk.shortfall).toBe(risk.requests[0]!.amount + risk.requests[1]!.amount - pha('3000'));

    // the first bucket's check finds Charlie's request unmet but not yet overdue: nothing stops
    await travelTo(chain, t1 + GRACE + 1n);
    const mid = await states(client, pid);
    expect([mid[workers[1]!], mid[workers[2]!]]).toEqual(['Mining', 'Mining']);
    // the second bucket's check stops every worker
    await travelTo(chain, t2 + GRACE + 1n);
    const end = await states(client, pid);
    expect([end[workers[1]!], end[workers[2]!]]).toEqual(['CoolingDown', 'CoolingDown']);
  });

  test('counts a later contribution, which pays part of the request at once', async ({ chain, client }) => {
    const { alice, bob, dave } = chain.accounts;
    const { pid, workers } = await miningPool(chain, ['4000', '3000']);
    await client
      .pool(pid)
      .withdraw({ amount: pha('5000') })
      .send(bob);
    const before = await client.withdrawalRisk(pid);
    await chain.fund(dave, (await chain.balanceOf(dave)) + pha('3000'));
    await client.pool(pid).contribute(pha('2000')).send(dave); // serves the queue: Bob is paid 2000 PHA now
    const after = await client.withdrawalRisk(pid);
    expect(after.requests[0]!.shares).toBeLessThan(before.requests[0]!.shares);
    expect(before.shortfall - after.shortfall - pha('2000')).toBeLessThanOrEqual(2n);
    expect(after).toMatchObject({ atRisk: true, deadline: before.deadline });

    await client.pool(pid).stopMining(workers[0]!).send(alice); // 4000 releasing ≥ the 3000 left
    const covered = await client.withdrawalRisk(pid);
    expect(covered).toMatchObject({ atRisk: false, shortfall: 0n });
    await travelTo(chain, before.deadline! + 1n);
    expect((await states(client, pid))[workers[1]!]).toBe('Mining');
  });
});
