import { minStake, GENESIS_TOKENOMIC_PARAMETERS as P } from '@phala-mining/math';
import { describe, expect, it } from 'vitest';
import { ALICE, BOB, miner, PHA, pool, registered, WORKER } from '../../test/stateFixtures.js';
import { type AddWorkerState, checkAddWorker } from './addWorker.js';
import { checkReclaimWorker } from './reclaimWorker.js';
import { checkRemoveWorker } from './removeWorker.js';
import { checkRestartMining, type RestartMiningState } from './restartMining.js';
import { checkStopMining } from './stopMining.js';

const add = (o: Partial<AddWorkerState> = {}): AddWorkerState => ({
  pid: 0n,
  worker: WORKER,
  caller: ALICE,
  registered: registered(),
  pool: pool(),
  assignedPid: undefined,
  boundMiner: undefined,
  subAccountMiner: undefined,
  maxPoolWorkers: 200,
  ...o,
});

describe('add worker', () => {
  it.each([
    ['WorkerNotRegistered', { registered: undefined }],
    ['NotWorkerOperator', { registered: registered({ operator: BOB }) }],
    ['BenchmarkMissing', { registered: registered({ initialScore: undefined }) }],
    ['PoolNotFound', { pool: undefined }],
    ['NotPoolOwner', { pool: pool({ owner: BOB }) }],
    ['WorkerAlreadyBound', { pool: pool({ workers: [WORKER] }) }],
    [
      'PoolWorkersFull',
      {
        pool: pool({
          workers: Array.from({ length: 200 }, (_, i) => `0x${i.toString(16).padStart(64, '0')}`),
        }),
      },
    ],
    ['WorkerAlreadyBound', { assignedPid: 3n }],
    ['WorkerAlreadyBound', { boundMiner: '0x00' }],
    ['WorkerState', { subAccountMiner: miner({ state: 'MiningCoolingDown' }) }],
  ] as const)('fails with %s', (code, o) => {
    expect(() => checkAddWorker(add(o as Partial<AddWorkerState>))).toThrow(
      expect.objectContaining({ code }),
    );
  });
  it('accepts a registered, benchmarked, own worker', () =>
    expect(() => checkAddWorker(add())).not.toThrow());
});

describe('remove / stop / reclaim / restart', () => {
  const p = pool({ workers: [WORKER], freeStake: 10_000n * PHA });
  it('removes only Ready workers', () => {
    expect(() => checkRemoveWorker(0n, p, ALICE, WORKER, 0n, miner())).not.toThrow();
    expect(() => checkRemoveWorker(0n, p, ALICE, WORKER, 0n, miner({ state: 'MiningIdle' }))).toThrow(
      expect.objectContaining({ code: 'WorkerState', expected: ['Ready'] }),
    );
    expect(() => checkRemoveWorker(0n, pool(), ALICE, WORKER, 5n, miner())).toThrow(
      expect.objectContaining({ code: 'WorkerNotInPool', actualPid: 5n }),
    );
  });
  it('stops only Mining or Unresponsive workers, with the mining switch on', () => {
    expect(() =>
      checkStopMining(true, 0n, p, ALICE, WORKER, 0n, miner({ state: 'MiningUnresponsive' })),
    ).not.toThrow();
    expect(() =>
      checkStopMining(true, 0n, p, ALICE, WORKER, 0n, miner({ state: 'MiningCoolingDown' })),
    ).toThrow(expect.objectContaining({ code: 'WorkerState' }));
    expect(() => checkStopMining(false, 0n, p, ALICE, WORKER, 0n, miner({ state: 'MiningIdle' }))).toThrow(
      expect.objectContaining({ code: 'MiningDisabled' }),
    );
  });
  it('reclaims after cool_down_start + CoolDownPeriod', () => {
    const m = miner({ state: 'MiningCoolingDown', coolDownStart: 1000n });
    expect(() => checkReclaimWorker(0n, p, WORKER, m, 604_800n, 605_799n)).toThrow(
      expect.objectContaining({ code: 'CooldownNotOver', cooldownEnd: 605_800n, now: 605_799n }),
    );
    expect(() => checkReclaimWorker(0n, p, WORKER, m, 604_800n, 605_800n)).not.toThrow();
  });
  it('restarts only with more stake', () => {
    const smin = minStake(P, 2000);
    const s = (o: Partial<RestartMiningState>): RestartMiningState => ({
      pid: 0n,
      worker: WORKER,
      caller: ALICE,
      stake: smin + PHA,
      pool: p,
      miningEnabled: true,
      assignedPid: 0n,
      miner: miner({ state: 'MiningIdle' }),
      currentStake: smin,
      registered: registered(),
      tokenomics: P,
      ...o,
    });
    expect(() => checkRestartMining(s({}))).not.toThrow();
    expect(() => checkRestartMining(s({ stake: smin }))).toThrow(
      expect.objectContaining({ code: 'RestartStakeNotHigher', currentStake: smin }),
    );
    expect(() => checkRestartMining(s({ pool: pool({ workers: [WORKER] }) }))).toThrow(
      expect.objectContaining({ code: 'InsufficientFreeStake' }),
    );
  });
});
