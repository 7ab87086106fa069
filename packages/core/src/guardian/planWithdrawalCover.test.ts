import { describe, expect } from 'vitest';
import { miningTest as test } from '../../test/chainTest.js';
import { miningPool, states, travelTo, twoBucketPool } from '../../test/guardianPool.js';
import { rejection } from '../../test/helpers.js';
import { pha } from '../index.js';
import { CoverMiningDisabledError } from './errors.js';

// Each test has its own pool and only moves the clock forward; they share one chain, in order.
const GRACE = 604_800n;

describe('planWithdrawalCover on the dev chain', () => {
  test("stops only the plan's workers; the others are still Mining after the deadline", async ({
    chain,
    client,
  }) => {
    const { alice, bob } = chain.accounts;
    const { pid, workers } = await miningPool(chain, ['2500', '3000', '4000', '6000']);
    await client
      .pool(pid)
      .withdraw({ amount: pha('5500') })
      .send(bob);
    const plan = await client.planWithdrawalCover(pid);
    expect(plan.problem).toBeUndefined();
    expect(plan.target).toBe(plan.risk.shortfall);
    expect(plan.freed).toBeGreaterThanOrEqual(plan.target);
    expect(plan.rewardLostPerDay).toBeGreaterThan(0n); // mining workers with V earn: a real cost to weigh
    // no cheaper covering set exists among the mining workers (checked here by brute force over all 15 sets)
    const all = (await client.guardianSnapshot(pid)).workers;
    expect(all.map((w) => w.pubkey)).toEqual(workers);
    for (let mask = 1; mask < 1 << workers.length; mask++) {
      const set = workers.filter((_, i) => mask & (1 << i));
      const stake = set.reduce((a, k) => a + all.find((w) => w.pubkey === k)!.stake, 0n);
      if (stake < plan.target) continue;
      const { stops } = await client.planWithdrawalCover(pid, { strategy: { rank: set } });
      const cost = stops.reduce((a, s) => a + s.rewardPerDay, 0n);
      expect(cost).toBeGreaterThanOrEqual(plan.rewardLostPerDay);
    }
    expect(plan.operation?.operations).toEqual(plan.stops.map(() => 'stopMining'));

    await plan.operation!.send(alice);
    const after = await client.withdrawalRisk(pid);
    expect(after).toMatchObject({ atRisk: false, shortfall: 0n });
    await travelTo(chain, plan.risk.deadline! + 6n);
    const stopped = plan.stops.map((s) => s.worker);
    const s = await states(client, pid);
    for (const w of workers) expect([w, s[w]]).toEqual([w, stopped.includes(w) ? 'CoolingDown' : 'Mining']);
  });

  test('a plan that covers the first bucket but not the second: the pool stops at the second deadline', async ({
    chain,
    client,
  }) => {
    const { alice, bob, charlie } = chain.accounts;
    // Bob's 2500 PHA of 8000, then a day later Charlie's 4000 of 4000
    const shape = [['3000', '4000', '5000'], [bob, '8000', '2500'], [charlie, '4000', '4000'], 1] as const;
    const { pid, workers, t1, t2 } = await twoBucketPool(chain, client, ...shape);

    const plan = await client.planWithdrawalCover(pid, { strategy: 'fewest' });
    expect(plan.covers).toEqual([0]);
    expect(plan.risk.deadline).toBe(t1 + GRACE);
    await plan.operation!.send(alice);
    const next = await client.withdrawalRisk(pid);
    expect(next.requests.map((r) => r.covered)).toEqual([true, false]);
    expect(next).toMatchObject({ atRisk: true, deadline: t2 + GRACE });
    const rest = workers.filter((w) => !plan.stops.some((s) => s.worker === w));

    await travelTo(chain, t1 + GRACE + 6n);
    const mid = await states(client, pid);
    expect(rest.map((w) => mid[w])).toEqual(rest.map(() => 'Mining'));
    await travelTo(chain, t2 + GRACE + 6n);
    const end = await states(client, pid);
    expect(rest.map((w) => end[w])).toEqual(rest.map(() => 'CoolingDown'));

    // with a horizon over both deadlines one plan covers both (a fresh pool, same shape)
    const again = await twoBucketPool(chain, client, ...shape);
    const both = await client.planWithdrawalCover(again.pid, { horizon: 8 * 86_400 });
    expect(both.covers).toEqual([0, 1]);
    await both.operation!.send(alice);
    expect(await client.withdrawalRisk(again.pid)).toMatchObject({ atRisk: false });
  });

  test('with the mining switch off the plan cannot work, and the forced stop still happens', async ({
    chain,
    client,
  }) => {
    const { bob } = chain.accounts;
    const { pid } = await miningPool(chain, ['3000', '4000']);
    await client
      .pool(pid)
      .withdraw({ amount: pha('3500') })
      .send(bob);
    await chain.setMiningEnabled(false);
    try {
      const plan = await client.planWithdrawalCover(pid);
      expect(plan.problem).toBeInstanceOf(CoverMiningDisabledError);
      expect(plan.operation).toBeUndefined();
      expect(plan.risk.atRisk).toBe(true);
      await travelTo(chain, plan.risk.deadline! + 6n);
      expect(Object.values(await states(client, pid))).toEqual(['CoolingDown', 'CoolingDown']);
    } finally {
      await chain.setMiningEnabled(true);
    }
  });

  test('after the deadline has passed: the stop already happened, a late plan fails with a typed error and sends nothing', async ({
    chain,
    client,
  }) => {
    const { alice, bob } = chain.accounts;
    const { pid } = await miningPool(chain, ['3000', '4000']);
    await client
      .pool(pid)
      .withdraw({ amount: pha('2000') })
      .send(bob);
    const early = await client.planWithdrawalCover(pid);
    expect(early.stops).toHaveLength(1);
    await travelTo(chain, early.risk.deadline! + 6n);
    expect(Object.values(await states(client, pid))).toEqual(['CoolingDown', 'CoolingDown']);
    const late = await client.planWithdrawalCover(pid);
    expect(late).toMatchObject({ stops: [], problem: undefined, operation: undefined });
    expect(late.risk).toMatchObject({ atRisk: false, shortfall: 0n });
    const before = await chain.balanceOf(alice);
    expect(await rejection(early.operation!.send(alice))).toMatchObject({ code: 'WorkerState' });
    expect(await chain.balanceOf(alice)).toBe(before); // rejected before signing: no fee
  });
});
