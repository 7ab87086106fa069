import { maxStake, minStake, GENESIS_TOKENOMIC_PARAMETERS as P } from '@phala-mining/math';
import { describe, expect, it } from 'vitest';
import { ALICE, BOB, miner, PHA, pool, registered, WORKER } from '../../test/stateFixtures.js';
import { checkStartMining, type StartMiningState } from './startMining.js';

const smin = minStake(P, 2000);
const smax = maxStake(P, 2000, 1)!;
const base = (o: Partial<StartMiningState> = {}): StartMiningState => ({
  pid: 0n,
  worker: WORKER,
  caller: ALICE,
  stake: smin,
  pool: pool({ freeStake: 100_000n * PHA, workers: [WORKER] }),
  assignedPid: 0n,
  miner: miner(),
  registered: registered(),
  tokenomics: P,
  ...o,
});

describe('checkStartMining', () => {
  it('accepts Smin and Smax exactly', () => {
    expect(() => checkStartMining(base())).not.toThrow();
    expect(() => checkStartMining(base({ stake: smax }))).not.toThrow();
  });
  it.each([
    ['PoolNotFound', { pool: undefined }],
    ['NotPoolOwner', { caller: BOB }],
    ['InsufficientFreeStake', { pool: pool({ freeStake: smin - 1n, workers: [WORKER] }) }],
    ['WorkerNotInPool', { pool: pool({ freeStake: smin }) }],
    ['WorkerState', { miner: miner({ state: 'MiningIdle' }) }],
    ['BenchmarkMissing', { registered: registered({ initialScore: undefined }) }],
    ['BenchmarkTooLow', { registered: registered({ initialScore: 49 }) }],
    ['TokenomicsMissing', { tokenomics: undefined }],
    ['StakeBelowMinimum', { stake: smin - 1n }],
    ['StakeAboveMaximum', { stake: smax + 1n }],
  ] as const)('fails with %s', (code, o) => {
    expect(() => checkStartMining(base(o as Partial<StartMiningState>))).toThrow(
      expect.objectContaining({ code }),
    );
  });
  it('names Smin and Smax', () => {
    expect(() => checkStartMining(base({ stake: 1n }))).toThrow(
      expect.objectContaining({ stake: 1n, minimum: smin }),
    );
    expect(() => checkStartMining(base({ stake: smax + 1n }))).toThrow(
      expect.objectContaining({ maximum: smax }),
    );
  });
  it('uses the confidence level for Smax', () => {
    const s5 = maxStake(P, 2000, 5)!;
    expect(s5).toBeGreaterThan(smax);
    expect(() =>
      checkStartMining(base({ stake: s5, registered: registered({ confidenceLevel: 5 }) })),
    ).not.toThrow();
  });
});
