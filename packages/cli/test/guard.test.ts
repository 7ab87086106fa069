import { describe, expect } from 'vitest';
import { test } from './chainTest.js';
import { minerStates, miningPool, PHA, queueWithdrawal, travelTo } from './guardianPool.js';
import { json, nonceOf } from './helpers.js';

const GRACE = 604_800n;

describe('phala-mining pool guard', () => {
  test('--json: the risk and the plan as one object; --apply stops only the plan and the rest mine on', async ({
    chain,
    alice,
  }) => {
    const { pid, workers } = await miningPool(chain, [2500n, 3000n, 4000n, 6000n]);
    const start = await queueWithdrawal(chain, pid, 5500n);

    const r = await alice(['pool', 'guard', String(pid), '--json']);
    expect(r.code).toBe(0);
    const out = json(r);
    expect(out).toMatchObject({
      pid: Number(pid),
      atRisk: true,
      deadline: new Date(Number(start + GRACE) * 1000).toISOString(),
      shortfall: (5500n * PHA).toString(),
      problem: null,
    });
    const planned = out.plan.map((p: { worker: string }) => p.worker);
    expect(planned.length).toBeGreaterThan(0);
    expect(
      out.plan.reduce((a: bigint, p: { stake: string }) => a + BigInt(p.stake), 0n),
    ).toBeGreaterThanOrEqual(5500n * PHA);
    expect(await minerStates(chain, workers)).toEqual(workers.map(() => 'MiningIdle')); // a report sends nothing

    // the fewest-workers plan is one worker: the 6000 PHA one
    const fewest = json(await alice(['pool', 'guard', String(pid), '--json', '--strategy', 'fewest']));
    expect(fewest.plan).toEqual([{ worker: workers[3], stake: (6000n * PHA).toString() }]);

    const applied = await alice(['pool', 'guard', String(pid), '--json', '--apply', '--wait-for', 'inBlock']);
    expect(applied.code).toBe(0);
    expect(json(applied)).toMatchObject({ atRisk: false, deadline: null, shortfall: '0', plan: out.plan });
    await travelTo(chain, start + GRACE + 6n);
    expect(await minerStates(chain, workers)).toEqual(
      workers.map((w) => (planned.includes(w) ? 'MiningCoolingDown' : 'MiningIdle')),
    );
  });

  test('prints the risk for people, and "not at risk" when the queue is covered', async ({
    chain,
    alice,
  }) => {
    const { pid } = await miningPool(chain, [3000n]);
    const calm = await alice(['pool', 'guard', String(pid)]);
    expect(calm.code).toBe(0);
    expect(calm.stdout).toContain('not at risk');
    expect(json(await alice(['pool', 'guard', String(pid), '--json']))).toMatchObject({
      atRisk: false,
      deadline: null,
      shortfall: '0',
      plan: [],
    });
    await queueWithdrawal(chain, pid, 1000n);
    const risky = await alice(['pool', 'guard', String(pid)]);
    expect(risky.stdout).toMatch(/AT RISK: every worker stops at .* unless 1,000 PHA more is freed/);
    expect(risky.stdout).toMatch(/plan \(least-reward\): stop 1 worker/);
  });

  test('--apply with the mining switch off: the typed reason, exit 3, nothing signed', async ({
    chain,
    alice,
  }) => {
    const { pid } = await miningPool(chain, [3000n, 4000n]);
    await queueWithdrawal(chain, pid, 2000n);
    await chain.setMiningEnabled(false);
    try {
      const before = await nonceOf(chain, chain.accounts.alice.address);
      const r = await alice(['pool', 'guard', String(pid), '--apply', '--json']);
      expect(r.code).toBe(3);
      expect(json(r)).toMatchObject({ atRisk: true, plan: [], problem: { code: 'CoverMiningDisabled' } });
      expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'CoverMiningDisabled', exitCode: 3 });
      expect(await nonceOf(chain, chain.accounts.alice.address)).toBe(before);
    } finally {
      await chain.setMiningEnabled(true);
    }
  });

  test('rejects a bad strategy or pid (exit 2)', async ({ alice }) => {
    expect((await alice(['pool', 'guard', '0', '--strategy', 'random'])).code).toBe(2);
    expect((await alice(['pool', 'guard', 'x'])).code).toBe(2);
  });
});
