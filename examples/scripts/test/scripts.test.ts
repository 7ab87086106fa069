import { pha } from '@phala-mining/core';
import { createTestChain, type TestChain } from '@phala-mining/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

// One dev chain for every script, handed over as an external endpoint: that is also how a user points a script at
// `pnpm devchain`. Each script makes its own pools, so they do not see each other's state.
let chain: TestChain;
let endpoint: string;
beforeAll(async () => {
  chain = await createTestChain();
  endpoint = chain.endpoint;
});
afterAll(() => chain?.close());

describe('examples/scripts', () => {
  it('create-pool starts its own dev chain when given no endpoint', async () => {
    const outcome = await createPool.main();
    expect(outcome).toMatchObject({ pid: 0n, commission: 0, cap: undefined, totalStake: 0n, listed: true });
    expect(outcome.blockNumber).toBeGreaterThan(0);
  });

  it('create-pool', async () => {
    const outcome = await createPool.main(endpoint);
    expect(outcome.listed).toBe(true);
    expect(outcome.owner).toBe(chain.accounts.alice.address);
  });

  it('set-payout', async () => {
    expect(await setPayout.main(endpoint)).toMatchObject({
      commission: 200_000,
      percent: 20,
      rejected: 'InvalidPercent',
    });
  });

  it('proxy-operator', async () => {
    const outcome = await proxyOperator.main(endpoint);
    expect(outcome).toMatchObject({
      owner: chain.accounts.alice.address,
      proxyType: 'StakePoolManager',
      states: ['Mining', 'CoolingDown'],
      stateAfterReclaim: 'Ready',
      rejected: { code: 'ProxyCallFiltered', proxyType: 'StakePoolManager', call: 'phalaStakePool.setCap' },
    });
  });

  it('multisig-owner', async () => {
    const outcome = await multisigOwner.main(endpoint);
    expect(outcome).toMatchObject({
      steps: ['opened', 'executed'],
      pendingApprovals: 1,
      commission: 150_000,
      rejected: 'NotPoolOwner',
    });
    expect(outcome.owner).not.toBe(chain.accounts.alice.address);
  });

  it('set-cap', async () => {
    expect(await setCap.main(endpoint)).toMatchObject({
      cap: pha('50000'),
      totalStake: pha('1000'),
      capGap: pha('49000'),
      rejected: { code: 'CapBelowTotalStake', totalStake: pha('1000') },
    });
  });

  it('add-worker', async () => {
    const outcome = await addWorker.main(endpoint);
    expect(outcome).toMatchObject({ state: 'Ready', cores: 8, rejected: 'WorkerAlreadyBound' });
    expect(outcome.worker).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('contribute', async () => {
    const outcome = await contribute.main(endpoint);
    expect(outcome).toMatchObject({
      sharesMinted: pha('2000'),
      locked: pha('2000'),
      shares: pha('2000'),
      freeStake: pha('2000'),
      rejected: 'ContributionExceedsCap',
    });
    expect(outcome.delegable).toBeGreaterThan(0n);
  });

  it('start-mining', async () => {
    const outcome = await startMining.main(endpoint);
    expect(outcome).toMatchObject({ before: 'Ready', after: 'Mining', rejected: 'StakeBelowMinimum' });
    expect(outcome.stake).toBeGreaterThanOrEqual(outcome.smin);
    expect(outcome.stake).toBeLessThanOrEqual(outcome.smax);
  });

  it('claim-rewards', async () => {
    const outcome = await claimRewards.main(endpoint);
    expect(outcome.ownerReward).toBeGreaterThan(0n);
    expect(outcome.ownerClaimed).toBeGreaterThanOrEqual(outcome.ownerReward);
    expect(outcome.stakerClaimed).toBeGreaterThanOrEqual(outcome.stakerClaimable);
    expect(outcome.stakerClaimable).toBeGreaterThan(0n);
    // the balance grows by the claim, less the transaction fee
    expect(outcome.stakerBalanceChange).toBeGreaterThan(0n);
    expect(outcome.stakerBalanceChange).toBeLessThanOrEqual(outcome.stakerClaimed);
  });

  it('withdraw', async () => {
    const outcome = await withdraw.main(endpoint);
    // amounts convert to shares at the share price, so a few planck of rounding either way
    expect(near(outcome.withdrawnNow, outcome.freeStakeBefore)).toBe(true);
    expect(near(outcome.withdrawnNow + outcome.queuedValue, pha('8000'))).toBe(true);
    expect(outcome.lockedAfter).toBe(pha('10000') - outcome.withdrawnNow);
    expect(outcome.queuedShares).toBeGreaterThan(0n);
    expect(outcome.countdown).toBeGreaterThan(WEEK - 60n);
    expect(outcome.countdown).toBeLessThanOrEqual(WEEK);
  });

  it('stop-mining', async () => {
    const outcome = await stopMining.main(endpoint);
    expect(outcome).toMatchObject({ state: 'CoolingDown', rejected: 'CooldownNotOver' });
    expect(outcome.cooldownRemaining).toBe(WEEK);
    expect(outcome.releasingStake).toBeGreaterThan(0n);
  });

  it('remove-worker', async () => {
    const outcome = await removeWorker.main(endpoint);
    expect(outcome.states).toEqual(['Mining', 'CoolingDown', 'Ready', 'Removed']);
    expect(outcome.freeStakeAfterReclaim).toBe(pha('10000'));
    expect(outcome.workersLeft).toBe(0);
  });

  it('read-pools', async () => {
    const outcome = await readPools.main(endpoint);
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

  it('read-workers', async () => {
    const { workers } = await readWorkers.main(endpoint);
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

  it('read-stake', async () => {
    const outcome = await readStake.main(endpoint);
    expect(outcome.locked).toBeGreaterThan(0n);
    expect(outcome.locked).toBeLessThan(pha('6000'));
    expect(outcome.claimableRewards).toBeGreaterThanOrEqual(outcome.pendingRewards);
    expect(outcome.queue).toHaveLength(1);
    expect(outcome.queue[0]!.staker).toBe(chain.accounts.bob.address);
    expect(outcome.queue[0]!.shares).toBe(outcome.shares);
    expect(outcome.queue[0]!.countdown).toBeGreaterThan(0n);
  });

  it('overview', async () => {
    const outcome = await overview.main(endpoint);
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
