import { pha } from '@phala-mining/core';
import { createChainTest } from '@phala-mining/testing/vitest';
import { describe, expect } from 'vitest';
import * as addWorker from '../src/add-worker.js';
import * as claimRewards from '../src/claim-rewards.js';
import * as contribute from '../src/contribute.js';
import * as createPool from '../src/create-pool.js';
import * as multisigOwner from '../src/multisig-owner.js';
import * as overview from '../src/overview.js';
import * as proxyOperator from '../src/proxy-operator.js';
import * as readPools from '../src/read-pools.js';
import * as readStake from '../src/read-stake.js';
import * as readWorkers from '../src/read-workers.js';
import * as removeWorker from '../src/remove-worker.js';
import * as setCap from '../src/set-cap.js';
import * as setPayout from '../src/set-payout.js';
import * as startMining from '../src/start-mining.js';
import * as stopMining from '../src/stop-mining.js';
import * as withdraw from '../src/withdraw.js';

const WEEK = 7n * 24n * 3600n;

function near(a: bigint, b: bigint, planck = 10n): boolean {
  return (a > b ? a - b : b - a) <= planck;
}

// One dev chain for every script (the testing package's fixture, one chain per file), handed over as an external
// endpoint: that is also how a user points a script at `pnpm devchain`. Each script makes its own pools, so they do
// not see each other's state.
const test = createChainTest();

describe('examples/scripts', () => {
  test('create-pool starts its own dev chain when given no endpoint', async () => {
    const outcome = await createPool.main();
    expect(outcome).toMatchObject({ pid: 0n, commission: 0, cap: undefined, totalStake: 0n, listed: true });
    expect(outcome.blockNumber).toBeGreaterThan(0);
  });

  test('create-pool', async ({ chain }) => {
    const outcome = await createPool.main(chain.endpoint);
    expect(outcome.listed).toBe(true);
    expect(outcome.owner).toBe(chain.accounts.alice.address);
  });

  test('set-payout', async ({ chain }) => {
    expect(await setPayout.main(chain.endpoint)).toMatchObject({
      commission: 200_000,
      percent: 20,
      rejected: 'InvalidPercent',
    });
  });

  test('proxy-operator', async ({ chain }) => {
    const outcome = await proxyOperator.main(chain.endpoint);
    expect(outcome).toMatchObject({
      owner: chain.accounts.alice.address,
      proxyType: 'StakePoolManager',
      states: ['Mining', 'CoolingDown'],
      stateAfterReclaim: 'Ready',
      rejected: { code: 'ProxyCallFiltered', proxyType: 'StakePoolManager', call: 'phalaStakePool.setCap' },
    });
  });

  test('multisig-owner', async ({ chain }) => {
    const outcome = await multisigOwner.main(chain.endpoint);
    expect(outcome).toMatchObject({
      steps: ['opened', 'executed'],
      pendingApprovals: 1,
      commission: 150_000,
      rejected: 'NotPoolOwner',
    });
    expect(outcome.owner).not.toBe(chain.accounts.alice.address);
  });

  test('set-cap', async ({ chain }) => {
    expect(await setCap.main(chain.endpoint)).toMatchObject({
      cap: pha('50000'),
      totalStake: pha('1000'),
      capGap: pha('49000'),
      rejected: { code: 'CapBelowTotalStake', totalStake: pha('1000') },
    });
  });

  test('add-worker', async ({ chain }) => {
    const outcome = await addWorker.main(chain.endpoint);
    expect(outcome).toMatchObject({ state: 'Ready', cores: 8, rejected: 'WorkerAlreadyBound' });
    expect(outcome.worker).toMatch(/^0x[0-9a-f]{64}$/);
  });

  test('contribute', async ({ chain }) => {
    const outcome = await contribute.main(chain.endpoint);
    expect(outcome).toMatchObject({
      sharesMinted: pha('2000'),
      locked: pha('2000'),
      shares: pha('2000'),
      freeStake: pha('2000'),
      rejected: 'ContributionExceedsCap',
    });
    expect(outcome.delegable).toBeGreaterThan(0n);
  });

  test('start-mining', async ({ chain }) => {
    const outcome = await startMining.main(chain.endpoint);
    expect(outcome).toMatchObject({ before: 'Ready', after: 'Mining', rejected: 'StakeBelowMinimum' });
    expect(outcome.stake).toBeGreaterThanOrEqual(outcome.smin);
    expect(outcome.stake).toBeLessThanOrEqual(outcome.smax);
  });

  test('claim-rewards', async ({ chain }) => {
    const outcome = await claimRewards.main(chain.endpoint);
    expect(outcome.ownerReward).toBeGreaterThan(0n);
    expect(outcome.ownerClaimed).toBeGreaterThanOrEqual(outcome.ownerReward);
    expect(outcome.stakerClaimed).toBeGreaterThanOrEqual(outcome.stakerClaimable);
    expect(outcome.stakerClaimable).toBeGreaterThan(0n);
    // the balance grows by the claim, less the transaction fee
    expect(outcome.stakerBalanceChange).toBeGreaterThan(0n);
    expect(outcome.stakerBalanceChange).toBeLessThanOrEqual(outcome.stakerClaimed);
  });

  test('withdraw', async ({ chain }) => {
    const outcome = await withdraw.main(chain.endpoint);
    // amounts convert to shares at the share price, so a few planck of rounding either way
    expect(near(outcome.withdrawnNow, outcome.freeStakeBefore)).toBe(true);
    expect(near(outcome.withdrawnNow + outcome.queuedValue, pha('8000'))).toBe(true);
    expect(outcome.lockedAfter).toBe(pha('10000') - outcome.withdrawnNow);
    expect(outcome.queuedShares).toBeGreaterThan(0n);
    expect(outcome.countdown).toBeGreaterThan(WEEK - 60n);
    expect(outcome.countdown).toBeLessThanOrEqual(WEEK);
  });

  test('stop-mining', async ({ chain }) => {
    const outcome = await stopMining.main(chain.endpoint);
    expect(outcome).toMatchObject({ state: 'CoolingDown', rejected: 'CooldownNotOver' });
    expect(outcome.cooldownRemaining).toBe(WEEK);
    expect(outcome.releasingStake).toBeGreaterThan(0n);
  });

  test('remove-worker', async ({ chain }) => {
    const outcome = await removeWorker.main(chain.endpoint);
    expect(outcome.states).toEqual(['Mining', 'CoolingDown', 'Ready', 'Removed']);
    expect(outcome.freeStakeAfterReclaim).toBe(pha('10000'));
    expect(outcome.workersLeft).toBe(0);
  });

  test('read-pools', async ({ chain }) => {
    const outcome = await readPools.main(chain.endpoint);
    const row = outcome.pools.find((p) => p.pid === outcome.shownOnly.pid)!;
    expect(row).toMatchObject({
      commission: 20,
      cap: undefined,
      totalStake: pha('10000'),
      releasingStake: 0n,
      workers: 1,
    });
    expect(row.ownerReward).toBeGreaterThan(0n);
    expect(row.totalShares).toBe(pha('10000'));
    expect(row.freeStake).toBeLessThan(pha('10000'));
    expect(outcome.pools.length).toBeGreaterThan(1);
    expect(outcome.shownOnly.workers).toHaveLength(1);
  });

  test('read-workers', async ({ chain }) => {
    const { workers } = await readWorkers.main(chain.endpoint);
    expect(workers.map((w) => [w.state, w.cores])).toEqual([
      ['CoolingDown', 4],
      ['Ready', 16],
    ]);
    expect(workers[0]!.totalReward).toBeGreaterThan(0n);
    expect(workers[0]!.stake).toBe(workers[0]!.smin);
    expect(workers[0]!.cooldownEnd).toBeDefined();
    expect(workers[1]!.stake).toBe(0n);
    expect(workers[1]!.smin).toBeGreaterThan(workers[0]!.smin!);
    expect(workers[1]!.cooldownEnd).toBeUndefined();
  });

  test('read-stake', async ({ chain }) => {
    const outcome = await readStake.main(chain.endpoint);
    expect(outcome.locked).toBeGreaterThan(0n);
    expect(outcome.locked).toBeLessThan(pha('6000'));
    expect(outcome.claimableRewards).toBeGreaterThanOrEqual(outcome.pendingRewards);
    expect(outcome.queue).toHaveLength(1);
    expect(outcome.queue[0]!.staker).toBe(chain.accounts.bob.address);
    expect(outcome.queue[0]!.shares).toBe(outcome.shares);
    expect(outcome.queue[0]!.countdown).toBeGreaterThan(0n);
  });

  test('overview', async ({ chain }) => {
    const outcome = await overview.main(chain.endpoint);
    expect(outcome.account).toBe(chain.accounts.dave.address);
    expect(outcome.totals).toMatchObject({
      pools: 2,
      workers: 2,
      mining: 1,
      ready: 1,
      totalStake: pha('10000'),
    });
    expect(outcome.totals.miningStake).toBe(outcome.totals.totalStake - outcome.totals.freeStake);
    expect(outcome.totals.totalMined).toBeGreaterThan(0n);
    expect(outcome.pools.map((p) => p.workers.map((w) => w.state))).toEqual([['Mining'], ['Ready']]);
  });
});
