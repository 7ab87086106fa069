import { fixedFromDecimal, fromInt, KHALA_TOKENOMIC_PARAMETERS, PHA } from '@phala-mining/math';
import { describe, expect, it } from 'vitest';
import { pool } from '../../test/stateFixtures.js';
import type { WorkerDisplayState, WorkerView } from '../state/workers.js';
import {
  CoverDeadlinePassedError,
  CoverImpossibleError,
  CoverMiningDisabledError,
  CoverNotEnoughStakeError,
} from './errors.js';
import { planCover, rewardPerDay } from './planWithdrawalCover.js';
import type { GuardianSnapshot } from './snapshot.js';

// Pure rules of the planner on hand-made snapshots; planWithdrawalCover.test.ts runs them against the dev chain.
const key = (n: number) => `0x${n.toString(16).padStart(2, '0').repeat(32)}`;
const NOW = 1_000_000n;
const GRACE = 604_800n;

function worker(n: number, stake: bigint, v: number, state: WorkerDisplayState = 'Mining'): WorkerView {
  return {
    pubkey: key(n),
    miner: '',
    state,
    minerState: undefined,
    stake,
    cores: 4,
    confidenceLevel: 1,
    initialScore: 400,
    instantScore: 0,
    v: fromInt(v),
    ve: fromInt(v),
    totalReward: 0n,
    smin: undefined,
    smax: undefined,
    coolDownStart: undefined,
    cooldownEnd: undefined,
    cooldownRemaining: undefined,
    reclaimable: false,
  };
}

/** A pool at price 1 whose stake is all in `workers`, with requests of `queued` PHA queued at the given times. */
function snapshot(
  workers: WorkerView[],
  queued: [pha: bigint, startTime: bigint][],
  overrides: Partial<GuardianSnapshot> = {},
): GuardianSnapshot {
  const total = workers.reduce((a, w) => a + w.stake, 0n);
  return {
    pool: pool({
      totalStake: total,
      totalShares: total,
      workers: workers.map((w) => w.pubkey),
      withdrawQueue: queued.map(([amount, startTime], i) => ({
        user: `u${i}`,
        shares: amount * PHA,
        startTime,
      })),
    }),
    workers,
    now: NOW,
    miningEnabled: true,
    gracePeriod: GRACE,
    coolDownPeriod: GRACE,
    tokenomics: KHALA_TOKENOMIC_PARAMETERS,
    ...overrides,
  };
}

// A costs most per planck; B and C together cover what A alone covers, for less reward lost
const fleet = () => [worker(1, 10n * PHA, 100_000), worker(2, 6n * PHA, 7_000), worker(3, 6n * PHA, 7_000)];
const start = NOW - 3600n; // queued an hour ago

describe('planCover', () => {
  it('picks the least expected reward lost by default, the fewest workers on request', () => {
    const least = planCover(snapshot(fleet(), [[10n, start]]));
    expect(least.stops.map((s) => s.worker)).toEqual([key(2), key(3)]);
    expect(least.freed).toBe(12n * PHA);
    expect(least.freed).toBeGreaterThanOrEqual(least.target);
    expect(least.rewardLostPerDay).toBe(least.stops[0]!.rewardPerDay + least.stops[1]!.rewardPerDay);
    const fewest = planCover(snapshot(fleet(), [[10n, start]]), { strategy: 'fewest' });
    expect(fewest.stops.map((s) => s.worker)).toEqual([key(1)]);
    expect(fewest.rewardLostPerDay).toBeGreaterThan(least.rewardLostPerDay);
    expect(least.problem).toBeUndefined();
  });

  it('follows a ranking, stopping only ranked workers, sent in pool order', () => {
    const plan = planCover(snapshot(fleet(), [[10n, start]]), {
      strategy: { rank: [key(3), key(1), key(2)] },
    });
    expect(plan.stops.map((s) => s.worker)).toEqual([key(1), key(3)]);
    const short = planCover(snapshot(fleet(), [[10n, start]]), { strategy: { rank: [key(3)] } });
    expect(short.problem).toBeInstanceOf(CoverNotEnoughStakeError);
    expect(() => planCover(snapshot(fleet(), [[10n, start]]), { strategy: { rank: ['0x12'] } })).toThrow(
      expect.objectContaining({ code: 'InvalidWorkerKey' }),
    );
  });

  it('prefers an Unresponsive worker: it earns nothing', () => {
    const workers = [...fleet(), worker(4, 11n * PHA, 90_000, 'Unresponsive')];
    const plan = planCover(snapshot(workers, [[10n, start]]));
    expect(plan.stops).toEqual([{ worker: key(4), stake: 11n * PHA, rewardPerDay: 0n }]);
  });

  it('covers later requests within the horizon, as far as the stake goes', () => {
    const later = NOW - 3600n + 86_400n; // queued a day after the first: due 8 days from now
    const next = planCover(
      snapshot(fleet(), [
        [5n, start],
        [6n, later],
      ]),
    );
    expect(next.covers).toEqual([0]);
    expect(next.target).toBe(next.risk.requests[0]!.shortfall);
    const both = planCover(
      snapshot(fleet(), [
        [5n, start],
        [6n, later],
      ]),
      { horizon: 8 * 86_400 },
    );
    expect(both.covers).toEqual([0, 1]);
    expect(both.target).toBe(both.risk.requests[1]!.shortfall);
    expect(both.freed).toBeGreaterThanOrEqual(both.target);
  });

  it('has nothing to do when every request is covered', () => {
    const plan = planCover(snapshot(fleet(), []));
    expect(plan).toMatchObject({ target: 0n, stops: [], problem: undefined });
  });

  it('says why no plan works: switch off, too little stake, deadline passed', () => {
    const off = planCover(snapshot(fleet(), [[10n, start]], { miningEnabled: false }));
    expect(off.problem).toBeInstanceOf(CoverMiningDisabledError);
    expect(off.problem).toBeInstanceOf(CoverImpossibleError);
    expect(off.problem?.reason).toBe('MiningDisabled');
    expect(off.stops).toEqual([]);

    const big = planCover(snapshot(fleet(), [[23n, start]]));
    expect(big.problem).toMatchObject({
      reason: 'NotEnoughStake',
      available: 22n * PHA,
      shortfall: big.target,
    });

    const late = planCover(snapshot(fleet(), [[10n, NOW - GRACE - 1n]]));
    expect(late.problem).toBeInstanceOf(CoverDeadlinePassedError);
    expect(late.problem).toMatchObject({ deadline: NOW - 1n, now: NOW, code: 'CoverDeadlinePassed' });
  });
});

describe('rewardPerDay', () => {
  it("is the App's per-block estimate after the treasury's part, times 7200 blocks", () => {
    // budget so large that the V cap binds: V × 0.0002 / 300 per block = 1000 × 0.0002 / 300 PHA
    const params = {
      ...KHALA_TOKENOMIC_PARAMETERS,
      budgetPerBlock: fromInt(1_000_000),
      treasuryRatio: fixedFromDecimal('0.2'),
    };
    const w = worker(1, 10n * PHA, 1000);
    const expected = ((1000 * 0.0002) / 300) * 0.8 * 7200; // 3.84 PHA
    const got = Number(rewardPerDay(w, 1n << 64n, params)) / 1e12;
    expect(got).toBeCloseTo(expected, 9);
    expect(rewardPerDay({ ...w, state: 'Unresponsive' }, 1n << 64n, params)).toBe(0n);
    expect(rewardPerDay(w, 1n << 64n, undefined)).toBe(0n);
  });
});
